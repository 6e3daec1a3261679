/**
 * /api/v1: the directory as data, read-only. Each route: rate limit (one
 * limit per client address for the whole API) → validate (Zod, from
 * src/api/schemas.ts, the same schemas the OpenAPI document is built from)
 * → handler → presenter. Answers carry an ETag (304 when unchanged) and may
 * be read from any origin (CORS, GET only).
 */
import { createHash } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../accounts/context.js';
import { clientIp } from '../accounts/client-ip.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { Lang } from '../i18n/languages.js';
import type { Search } from '../search/search.js';
import type { Limiter } from '../web/rate-limits.js';
import { presentCitation, presentPage, presentPageSummary, presentSearch, presentTree } from './presenters.js';
import { createApiQueries } from './queries.js';
import * as s from './schemas.js';
import type { Db } from '../db/database.js';

export interface ApiDeps {
  db: Db;
  queries: DirectoryQueries;
  search: Search;
  baseUrl: string;
  trustProxy: boolean;
  limiter: Limiter;
}

const json = (schema: z.ZodType, description: string) => ({ content: { 'application/json': { schema } }, description });
const problem = (description: string) => json(s.Problem, description);
const COMMON = { 304: { description: 'Not modified (If-None-Match matched the ETag).' }, 400: problem('A parameter is not valid.'), 429: problem('Too many requests from this address; see Retry-After.') };

const routes = {
  tree: createRoute({ method: 'get', path: '/api/v1/tree', summary: 'The directory tree', responses: { 200: json(s.TreeAnswer, 'Every page, nested under its parent, in reading order.'), ...COMMON } }),
  pages: createRoute({ method: 'get', path: '/api/v1/pages', summary: 'Pages, by title', request: { query: s.PageListQuery }, responses: { 200: json(s.PageList, 'One page of the list.'), ...COMMON } }),
  page: createRoute({ method: 'get', path: '/api/v1/pages/{slug}', summary: 'One page with its sections, digests, citations and review dates', request: { params: s.PageParams }, responses: { 200: json(s.Page, 'The page.'), 404: problem('No page at this address.'), ...COMMON } }),
  citations: createRoute({ method: 'get', path: '/api/v1/citations', summary: 'Every cited study, with the pages citing it', request: { query: s.CitationListQuery }, responses: { 200: json(s.CitationList, 'One page of the bibliography.'), ...COMMON } }),
  search: createRoute({ method: 'get', path: '/api/v1/search', summary: 'Full-text search with synonyms and typo tolerance', request: { query: s.SearchQuery }, responses: { 200: json(s.SearchAnswer, 'Pages found, best first.'), ...COMMON } }),
  suggest: createRoute({ method: 'get', path: '/api/v1/suggest', summary: 'Type-ahead suggestions (what the search box offers)', request: { query: s.SuggestQuery }, responses: { 200: json(s.SuggestAnswer, 'Up to eight pages or headings.'), ...COMMON } }),
};

/** A JSON answer with an ETag of its bytes; 304 when the client already has them. */
function sendJson(c: Context, data: unknown): Response {
  const body = JSON.stringify(data);
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  const headers = { etag, 'cache-control': 'public, no-cache', vary: 'Accept-Encoding, Origin' };
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
}

/** Previous/next addresses of a paged list, keeping the other parameters. */
function pagingLinks(c: Context, page: number, pageCount: number) {
  const at = (n: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(n));
    return `${url.pathname}${url.search}`;
  };
  return { next: page < pageCount ? at(page + 1) : null, previous: page > 1 && pageCount > 0 ? at(Math.min(page - 1, pageCount)) : null };
}

export function apiRoutes(deps: ApiDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({
    // Invalid parameters: one plain sentence, the same shape as every other error.
    defaultHook: (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0];
        return c.json({ error: `${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'not valid'}` }, 400);
      }
    },
  });
  const apiQueries = createApiQueries(deps.db);

  api.use('/api/v1/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Retry-After'], maxAge: 86_400 }));
  api.use('/api/v1/*', async (c, next) => {
    const take = await deps.limiter.take(clientIp(c, deps.trustProxy));
    if (!take.allowed) return c.json({ error: 'Too many requests. Please wait a moment.' }, 429, { 'retry-after': String(take.retryAfterSeconds), 'cache-control': 'no-store' });
    await next();
  });

  api.openapi(routes.tree, async (c) => sendJson(c, { roots: presentTree((await deps.queries.tree()).roots) }));

  api.openapi(routes.pages, async (c) => {
    const q = c.req.valid('query');
    const { rows, total } = await apiQueries.pages({
      lang: q.lang as Lang | undefined,
      reviewed: q.reviewed === undefined ? undefined : q.reviewed === 'true',
      parentSlug: q.parent,
      offset: (q.page - 1) * q.perPage,
      limit: q.perPage,
    });
    const pageCount = Math.ceil(total / q.perPage);
    return sendJson(c, { items: rows.map((r) => presentPageSummary(r, deps.baseUrl)), page: q.page, perPage: q.perPage, total, pageCount, ...pagingLinks(c, q.page, pageCount) });
  });

  api.openapi(routes.page, async (c) => {
    const { slug } = c.req.valid('param');
    const view = await deps.queries.page(slug);
    if (!view) return c.json({ error: `No page at /directory/${slug}.` }, 404);
    const tree = await deps.queries.tree();
    const parentId = tree.bySlug.get(view.slug)?.parentId ?? null;
    const parentSlug = parentId === null ? null : (tree.byId.get(parentId)?.slug ?? null);
    const translations = (await apiQueries.translationStatus([view.slug])).get(view.slug);
    return sendJson(c, presentPage(view, parentSlug, deps.baseUrl, translations));
  });

  api.openapi(routes.citations, async (c) => {
    const q = c.req.valid('query');
    const all = await deps.queries.bibliography();
    const pageCount = Math.ceil(all.length / q.perPage);
    const items = all.slice((q.page - 1) * q.perPage, q.page * q.perPage).map((c) => ({ ...presentCitation(c), citedBy: c.citedBy }));
    return sendJson(c, { items, page: q.page, perPage: q.perPage, total: all.length, pageCount, ...pagingLinks(c, q.page, pageCount) });
  });

  api.openapi(routes.search, async (c) => {
    const q = c.req.valid('query');
    const lang = q.lang as Lang;
    const results = await deps.search.search({ text: q.q, page: q.page, perPage: q.perPage, lang });
    return sendJson(c, presentSearch(results, deps.baseUrl, lang, pagingLinks(c, results.page, results.pageCount)));
  });

  api.openapi(routes.suggest, async (c) => {
    const { q } = c.req.valid('query');
    return sendJson(c, { query: q, suggestions: q.trim() ? await deps.search.suggest(q) : [] });
  });

  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'atoz directory API',
      version: '1.0.0',
      description: 'The medical directory as data: read-only, no key needed, any origin may read it. Limited per client address; see Retry-After on 429.',
    },
    servers: [{ url: deps.baseUrl }],
  });

  return api;
}
