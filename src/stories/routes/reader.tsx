/** /stories, searching them, and each published story; a withdrawn story's address says it was withdrawn (410). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { type StoriesDeps, markdownFor } from '../deps.js';
import { StoriesPage, StoryPage, WithdrawnStoryPage } from '../views/reader-pages.js';
import { StorySearchPage } from '../views/search-pages.js';
import { MAX_QUERY_CHARS } from '../../search/query.js';

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
