/** /stories, its feeds, searching them, and each published story; a withdrawn story's address says it was withdrawn (410). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { type StoriesDeps, markdownFor } from '../deps.js';
import { StoriesPage, StoryPage, WithdrawnStoryPage } from '../views/reader-pages.js';
import { StorySearchPage } from '../views/search-pages.js';
import { FEED_CONTENT_TYPES, FEED_FILES, type FeedChannel, type FeedEntry, type FeedFormat, escapeHtml, writeFeed, xmlSafe } from '../../web/feed-writer.js';
import type { SiteContext } from '../../web/site-context.js';
import { storiesText } from '../messages/index.js';
import { storyFeedPath } from '../feed-links.js';
import { MAX_QUERY_CHARS } from '../../search/query.js';

/** How many stories a feed carries: the newest. */
const FEED_SIZE = 50;
const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);
const SearchQuery = z.object({
  // Cut as the site search cuts it: the box allows no more.
  q: z.string().default('').transform((q) => q.slice(0, MAX_QUERY_CHARS)),
  page: PageNumber.optional().default(1),
});

export function readerRoutes(deps: StoriesDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;

  app.get('/stories', async (c) => {
    const page = PageNumber.parse(c.req.query('page') ?? '1');
    const response = await pages.cached(c, `stories:${page}`, async (site) => {
      const list = await store.publishedPage(page);
      return page > list.pageCount ? null : <StoriesPage site={site} list={list} />;
    });
    return response ?? c.notFound();
  });

  for (const format of Object.keys(FEED_FILES) as FeedFormat[]) {
    app.get(`/stories/${FEED_FILES[format].file}`, async (c) => {
      // Through the render cache: its ETag follows the content version, which publishing and withdrawing a story move.
      const response = await pages.cached(c, `stories-feed:${format}`, async (site) => writeFeed(format, storiesChannel(site, await store.latestPublic(1)), await storyEntries(site)), FEED_CONTENT_TYPES[format]);
      return response!;
    });
  }

  async function storyEntries(site: SiteContext): Promise<FeedEntry[]> {
    const t = site.i18n.text(storiesText);
    const [stories, render] = await Promise.all([store.latestPublic(FEED_SIZE), markdownFor(deps, site, true)]);
    return stories.map((s) => {
      const url = `${site.baseUrl}${site.i18n.path(`/stories/${s.id}`)}`;
      const published = new Date(s.published_at ?? 0);
      return {
        item: {
          title: xmlSafe(s.title),
          id: url,
          link: url,
          guid: url,
          description: xmlSafe(t('storyNotAdvice')),
          content: xmlSafe(`<p><em>${escapeHtml(t('storyNotAdvice'))}</em></p>\n${render(s.body)}`),
          date: published,
          published,
          author: [{ name: xmlSafe(s.country ? t('bylineWithCountry', { name: s.display_name, country: s.country }) : s.display_name) }],
        },
      };
    });
  }

  function storiesChannel(site: SiteContext, newest: Array<{ published_at: string | null }>): FeedChannel {
    const t = site.i18n.text(storiesText);
    const base = site.baseUrl;
    const organisation = site.settings.organisation;
    const link = (format: FeedFormat) => base + storyFeedPath(site, format);
    return {
      id: link('atom'),
      title: t('feedTitle', { organisation }),
      description: t('storiesIntro'),
      link: `${base}${site.i18n.path('/stories')}`,
      language: site.lang,
      updated: newest[0]?.published_at ?? null,
      copyright: site.settings.copyright ?? organisation,
      author: { name: organisation, link: `${base}/` },
      feedLinks: { rss: link('rss'), atom: link('atom'), json: link('json') },
    };
  }

  app.get('/stories/search', async (c) => {
    const site = await pages.siteContext(c);
    const query = SearchQuery.safeParse(c.req.query());
    if (!query.success) return c.notFound();
    const { q, page } = query.data;
    const results = q.trim() ? await store.search(q, site.lang, page) : null;
    return pages.fresh(c, <StorySearchPage site={site} q={q} results={results} />);
  });

  app.get('/stories/:id{[1-9][0-9]{0,12}}', async (c) => {
    const id = Number(c.req.param('id'));
    const response = await pages.cached(c, `story:${id}`, async (site) => {
      if (!(await store.isPublic(id))) return null;
      const [story, topics, render] = await Promise.all([store.byId(id), store.topics(id), markdownFor(deps, site)]);
      if (!story) return null;
      return <StoryPage site={site} story={{ id, title: story.title, displayName: story.display_name, country: story.country, publishedAt: story.published_at ?? '', bodyHtml: render(story.body), lang: story.lang, topics }} />;
    });
    if (response) return response;
    const story = await store.byId(id);
    if (story?.withdrawn_at) return pages.fresh(c, <WithdrawnStoryPage site={await pages.siteContext(c)} />, 410);
    return c.notFound();
  });

  return app;
}
