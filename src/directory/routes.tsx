import type { Localizer } from '../i18n/localizer.js';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../accounts/context.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import { pathIn } from '../i18n/languages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { CitationHtml } from './presenter.js';
import { presentTopic } from './presenter.js';
import type { DirectoryQueries } from './queries.js';
import { SLUG_PATTERN } from './slug.js';
import { AzPage, BibliographyPage, DirectoryIndexPage, WantedPagesPage } from './views/index-pages.js';
import { TopicPage, type TopicPageNews } from './views/topic-page.js';
import type { SiteContext } from '../web/site-context.js';

export interface DirectoryRouteDeps {
  queries: DirectoryQueries;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
  /** The editing bar shown to signed-in editors above a topic page (those pages skip the shared cache). */
  editorToolbar?: (slug: string, i18n?: Localizer) => Promise<Child>;
  /** The topic's latest news and feeds (src/news/), when news is part of the site. */
  topicNews?: (site: SiteContext, slug: string) => Promise<TopicPageNews>;
}

/** Reader routes of the directory: tree, A–Z, topic pages, wanted pages, bibliography. */
export function directoryRoutes(deps: DirectoryRouteDeps) {
  const { queries, pages } = deps;
  const app = new Hono<AppEnv>();

  app.get('/directory', async (c) =>
    (await pages.cached(c, 'directory', async (site) => <DirectoryIndexPage site={site} tree={await queries.tree()} />))!,
  );

  app.get('/directory/a-z', async (c) => (await pages.cached(c, 'a-z', async (site) => <AzPage site={site} tree={await queries.tree()} />))!);

  app.get('/directory/:slug', async (c, next) => {
    const slug = c.req.param('slug');
    if (!SLUG_PATTERN.test(slug)) {
      // Readers type addresses by hand: "Causes-Of-Scleroderma" still finds its page.
      const lower = slug.toLowerCase();
      if (lower !== slug && SLUG_PATTERN.test(lower)) return c.redirect(pathIn(c.get('lang'), `/directory/${lower}`), 301);
      return next();
    }
    const user = c.get('user');
    if (user && deps.editorToolbar) {
      // Per-person content never goes into the cache every reader shares: render this one fresh.
      const page = await queries.page(slug);
      if (page) {
        const site = await pages.siteContext(c);
        const [tree, formatter, toolbar, news] = await Promise.all([queries.tree(), deps.citations(), deps.editorToolbar(slug, site.i18n), deps.topicNews?.(site, slug)]);
        const view = presentTopic(page, tree, site, deps.markdown, formatter);
        return pages.fresh(c, <TopicPage site={site} view={view} editing={{ user, csrfToken: c.get('csrfToken'), toolbar }} news={news} />);
      }
    }
    const response = await pages.cached(c, `page:${slug}`, async (site) => {
      const page = await queries.page(slug);
      if (!page) return null;
      const [tree, formatter, news] = await Promise.all([queries.tree(), deps.citations(), deps.topicNews?.(site, slug)]);
      return <TopicPage site={site} view={presentTopic(page, tree, site, deps.markdown, formatter)} news={news} />;
    });
    if (response) return response;
    const moved = await queries.redirectFor(slug);
    return moved ? c.redirect(pathIn(c.get('lang'), `/directory/${moved}`), 301) : next();
  });

  app.get('/wanted', async (c) =>
    (await pages.cached(c, 'wanted', async (site) => <WantedPagesPage site={site} wanted={await queries.wantedPages()} />))!,
  );

  app.get('/bibliography', async (c) =>
    (await pages.cached(c, 'bibliography', async (site) => {
      const [rows, formatter] = await Promise.all([queries.bibliography(), deps.citations()]);
      const entries = rows.map((r) => ({ citation: r, html: formatter.html(r), citedBy: r.citedBy }));
      return <BibliographyPage site={site} entries={entries} />;
    }))!,
  );

  return app;
}
