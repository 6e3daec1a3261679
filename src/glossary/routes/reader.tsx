/** /glossary and /glossary/<term>: published terms only, through the shared render cache. */
import { Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { NotFoundPage } from '../../site/views/site-pages.js';
import { type GlossaryDeps, TERM_SLUG } from '../deps.js';
import { GlossaryPage, TermPage } from '../views/reader-pages.js';

export function readerGlossaryRoutes(deps: GlossaryDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;

  app.get('/glossary', async (c) => (await pages.cached(c, 'glossary', async (site) => <GlossaryPage site={site} entries={await store.published(site.lang)} />))!);

  app.get('/glossary/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (TERM_SLUG.test(slug)) {
      const response = await pages.cached(c, `glossary:${slug}`, async (site) => {
        const entry = await store.publishedBySlug(slug, site.lang);
        return entry ? <TermPage site={site} entry={entry} /> : null;
      });
      if (response) return response;
    }
    return pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} words={slug.replace(/-/g, ' ').slice(0, 80)} />, 404);
  });

  return app;
}
