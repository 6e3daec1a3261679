/**
 * News: items in our own words with their source, topics, study and a
 * clinician's sign-off; the /news pages, the latest news of each topic page
 * (its sub-pages included), the feeds, and the editors' news screens.
 */
import { Hono } from 'hono';
import { newsText } from './messages/index.js';
import type { AppEnv } from '../accounts/context.js';
import type { CitationHtml } from '../directory/presenter.js';
import type { TopicPageNews } from '../directory/views/topic-page.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { can } from '../accounts/permissions.js';
import { SOURCE_LANG } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import { newsAccess } from './authz.js';
import { newsDashboardPanel } from './dashboard.js';
import { newsEditorRoutes } from './editor-routes.js';
import { feedLinks } from './feed-links.js';
import { createNewsQueries, subtreeIds } from './queries.js';
import { newsChanges } from './changes.js';
import { FEEDS, newsRoutes } from './routes.js';
import { createNewsStore } from './store.js';
import { TopicNews } from './views/topic-news.js';

/** How many items "Latest news on this topic" shows. */
const LATEST_ON_TOPIC = 5;

export interface NewsDomain extends Domain {
  /** For topic pages: the latest news naming the page or a page under it, and the topic's feeds. */
  topicNews(site: SiteContext, slug: string): Promise<TopicPageNews>;
}

export function createNewsDomain(kernel: DomainKernel, needs: { citations: () => Promise<CitationHtml> }): NewsDomain {
  const news = createNewsQueries(kernel.db);
  const store = createNewsStore(kernel.db, kernel.clock, kernel.store);
  const routes = new Hono<AppEnv>();
  routes.route('/', newsEditorRoutes({ db: kernel.db, news, store, pages: kernel.pages, markdown: kernel.markdown, directory: kernel.queries, writes: kernel.rateLimits.editorWrites, trustProxy: kernel.config.trustProxy, contentChanged: kernel.contentChanged }));
  routes.route('/', newsRoutes({ db: kernel.db, news, directory: kernel.queries, pages: kernel.pages, markdown: kernel.markdown, citations: needs.citations }));

  return {
    name: 'news',
    routes,
    access: newsAccess,
    dashboardPanels: [newsDashboardPanel(news, kernel.pages)],
    dashboardLinks: [adminLink(newsText, { href: '/edit/news', label: 'toolNews', description: 'toolNewsDescription', visibleTo: (u) => can(u, 'page.edit') })],
    async topicNews(site, slug) {
      const tree = await kernel.queries.tree();
      const node = tree.bySlug.get(slug);
      const pageIds = subtreeIds(tree, slug) ?? [];
      const list = await news.list({ pageIds }, 1, LATEST_ON_TOPIC);
      const feeds = node ? feedLinks(site, { slug, title: node.title }) : [];
      return {
        feeds,
        section: list.items.length ? TopicNews({ site, slug, items: list.items, more: list.total > list.items.length, feeds }) : null,
      };
    },
    // Followers' e-mail digests list news naming what they follow (src/mail/following).
    changeSources: [newsChanges],
    // The static copy carries the site's feeds and every topic's (src/publishing).
    publishedFiles: async () => {
      const slugs = (await kernel.queries.pageDates()).map((d) => d.slug);
      return FEEDS.flatMap(([file]) => [`/news/${file}`, ...slugs.map((slug) => `/news/topics/${slug}/${file}`)]);
    },
    sitemap: async () => [
      { path: '/news' },
      // News items are written in the site's language until translations exist.
      ...(await news.dates()).map((d) => ({ path: `/news/${d.slug}`, lastModified: d.updatedAt, languages: [SOURCE_LANG] })),
    ],
  };
}
