/**
 * Reader routes of news: /news (newest first, by topic and year, paginated),
 * /news/<slug>, and the feeds of the site and of each topic. Pages and feeds
 * go through the render cache (ETag and 304 from it); feeds add
 * Last-Modified and answer If-Modified-Since too.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../accounts/context.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import { Slug } from '../directory/document.js';
import type { CitationHtml } from '../directory/presenter.js';
import { type DirectoryQueries, toCitationView } from '../directory/queries.js';
import { SLUG_PATTERN } from '../directory/slug.js';
import type { DirectoryTree } from '../directory/tree.js';
import { BadRequestPage, NotFoundPage } from '../site/views/site-pages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { requestHeader } from '../web/respond.js';
import { type FeedFormat, feedLinks } from './feed-links.js';
import { FEED_SIZE, buildFeed } from './feeds.js';
import { FEED_CONTENT_TYPES } from '../web/feed-writer.js';
import { newsText } from './messages/index.js';
import { type NewsQueries, subtreeIds } from './queries.js';
import { NewsItemPage, NewsListPage } from './views/news-pages.js';

export interface NewsRouteDeps {
  db: Db;
  news: NewsQueries;
  directory: DirectoryQueries;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
}

/** Items per page of /news. */
export const NEWS_PER_PAGE = 10;

const ListQuery = z.object({
  topic: z.union([z.literal(''), Slug]).optional(),
  // Digits only: "1e3" or " 2" are not page numbers a link of ours would carry.
  year: z.union([z.literal(''), z.string().regex(/^\d{4}$/).transform(Number)]).optional(),
  page: z.string().regex(/^[1-9]\d{0,6}$/).transform(Number).optional(),
});

/** Feed file names and formats, the same for the whole site (/news/…) and each topic (/news/topics/<slug>/…). */
export const FEEDS: Array<[string, FeedFormat]> = [
  ['feed.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['feed.json', 'json'],
];

/** Where a [[link]] in a news body goes: the directory page, marked "not written yet" when it does not exist. */
export function newsLinkResolver(tree: DirectoryTree, base = '') {
  return {
    resolveLink: (slug: string) => ({ href: `${base}/directory/${slug}`, wanted: !tree.bySlug.has(slug) }),
    citation: () => null,
    footnote: () => null,
  };
}

export function newsRoutes(deps: NewsRouteDeps) {
  const { pages, news } = deps;
  const app = new Hono<AppEnv>();

  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);

  app.get('/news', async (c) => {
    const parsed = ListQuery.safeParse(c.req.query());
    const site = await pages.siteContext(c);
    const t = site.i18n.text(newsText);
    if (!parsed.success) return pages.fresh(c, <BadRequestPage site={site} message={t('badFilter')} />, 400);
    const { topic: topicSlug, year: yearValue, page = 1 } = parsed.data;
    const year = typeof yearValue === 'number' ? yearValue : undefined;
    const tree = await deps.directory.tree();
    const pageIds = topicSlug ? subtreeIds(tree, topicSlug) : undefined;
    if (pageIds === null) return notFound(c);
    const topicNode = topicSlug ? tree.bySlug.get(topicSlug) : undefined;
    const filter = { ...(pageIds ? { pageIds } : {}), ...(year !== undefined ? { year } : {}) };
    // Only valid filters reach the cache, so its keys stay few.
    const key = `news:${topicSlug ?? ''}:${year ?? ''}:${page}`;
    const response = await pages.cached(c, key, async (site) => {
      const list = await news.list(filter, page, NEWS_PER_PAGE);
      if (page > list.pageCount) return null;
      const [years, named] = await Promise.all([news.years(pageIds ? { pageIds } : {}), news.topicPageIds()]);
      const offered = new Set<number>();
      for (const id of named) for (let n = tree.byId.get(id); n && !offered.has(n.id); n = n.parentId === null ? undefined : tree.byId.get(n.parentId)) offered.add(n.id);
      const topicOptions = tree.order.filter((n) => offered.has(n.id)).map((n) => ({ slug: n.slug, title: n.title, depth: n.depth }));
      const topic = topicNode ? { slug: topicNode.slug, title: topicNode.title } : undefined;
      return <NewsListPage site={site} list={list} filter={{ topic, year }} topicOptions={topicOptions} years={years} feeds={feedLinks(site, topic)} />;
    });
    if (response) return response;
    const { pageCount } = await news.list(filter, 1, NEWS_PER_PAGE);
    return pages.fresh(c, <BadRequestPage site={site} message={t('noSuchPage', { page, pages: pageCount })} />, 404);
  });

  for (const [file, format] of FEEDS) {
    app.get(`/news/${file}`, (c) => feed(c, format, undefined));
    app.get(`/news/topics/:topic/${file}`, (c) => feed(c, format, c.req.param('topic')));
  }

  async function feed(c: Context<AppEnv>, format: FeedFormat, topicSlug: string | undefined): Promise<Response> {
    const tree = await deps.directory.tree();
    const pageIds = topicSlug === undefined ? undefined : SLUG_PATTERN.test(topicSlug) ? subtreeIds(tree, topicSlug) : null;
    if (pageIds === null) {
      const t = (await pages.siteContext(c)).i18n.text(newsText);
      return new Response(t('feedUnknownTopic', { topic: topicSlug!.slice(0, 200) }), {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' },
      });
    }
    const filter = pageIds ? { pageIds } : {};
    const updated = await news.lastUpdated(filter);
    const lastModified = updated ? new Date(updated).toUTCString() : undefined;
    // If-None-Match wins when both are sent (RFC 9110 13.2.2); the render cache answers it below.
    const since = requestHeader(c, 'if-modified-since');
    if (lastModified && since && !requestHeader(c, 'if-none-match') && Math.floor(Date.parse(updated!) / 1000) <= Math.floor(Date.parse(since) / 1000)) {
      return new Response(null, { status: 304, headers: { 'last-modified': lastModified, 'cache-control': 'no-cache' } });
    }
    const topicNode = topicSlug ? tree.bySlug.get(topicSlug) : undefined;
    const response = await pages.cached(
      c,
      `feed:${format}:${topicSlug ?? ''}`,
      async (site) => {
        const items = await news.latest(filter, FEED_SIZE);
        return buildFeed(format, {
          site,
          items,
          topic: topicNode ? { slug: topicNode.slug, title: topicNode.title } : undefined,
          updated,
          markdown: deps.markdown,
          pageExists: (slug) => tree.bySlug.has(slug),
        });
      },
      FEED_CONTENT_TYPES[format],
    );
    // Not an HTML page, so never served by the fast lane: adding a header here is safe.
    if (lastModified) response!.headers.set('last-modified', lastModified);
    return response!;
  }

  app.get('/news/:slug', async (c, next) => {
    const slug = c.req.param('slug');
    if (!SLUG_PATTERN.test(slug)) return next();
    const response = await pages.cached(c, `news-item:${slug}`, async (site) => {
      const item = await news.published(slug);
      if (!item) return null;
      const [tree, formatter] = await Promise.all([deps.directory.tree(), deps.citations()]);
      const bodyHtml = item.body ? deps.markdown.render(item.body, newsLinkResolver(tree)) : '';
      let citationHtml: string | null = null;
      if (item.citation) {
        const row = await deps.db.selectFrom('citations').selectAll().where('id', '=', item.citation.id).executeTakeFirst();
        if (row) citationHtml = formatter.html(toCitationView(row));
      }
      return <NewsItemPage site={site} item={item} bodyHtml={bodyHtml} citationHtml={citationHtml} />;
    });
    return response ?? next();
  });

  return app;
}
