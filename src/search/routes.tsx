import { Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import { clientIp } from '../accounts/client-ip.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { Limiter } from '../web/rate-limits.js';
import { MAX_QUERY_CHARS } from './query.js';
import { readSearchForm } from './search-form.js';
import type { Search } from './search.js';
import type { SearchSource } from '../domain.js';
import { SearchPage } from './views/search-page.js';
import { searchText } from './messages/index.js';
import { pathIn } from '../i18n/languages.js';

export interface SearchRouteDeps {
  search: Search;
  pages: PageRenderer;
  /** ATOZ_TRUST_PROXY: take the client address from X-Forwarded-For (rate limiting). */
  trustProxy: boolean;
  /** Type-ahead requests per client address (RATE_LIMITS.suggest). */
  suggestLimiter: Limiter;
  /** Other domains' results (forum posts), shown below the directory's; read at request time. */
  sources(): readonly SearchSource[];
}

/** The results page (works without JavaScript) and the type-ahead endpoint behind public/search.js. */
export function searchRoutes(deps: SearchRouteDeps) {
  const app = new Hono<AppEnv>();

  app.get('/search', async (c) => {
    const site = await deps.pages.siteContext(c);
    const form = readSearchForm({ q: c.req.query('q'), kind: c.req.queries('kind'), from: c.req.query('from'), to: c.req.query('to'), page: c.req.query('page') }, site.i18n.text(searchText));
    const hasQuery = form.input.q.trim() !== '';
    const results = hasQuery
      ? await deps.search.search({ text: form.input.q, kinds: form.kinds, yearFrom: form.yearFrom, yearTo: form.yearTo, page: form.page, lang: site.lang })
      : null;
    // Filters and later pages are the directory's own: other results join the first page of an unfiltered search.
    const unfiltered = form.kinds.length === 0 && form.yearFrom === undefined && form.yearTo === undefined && form.page === 1;
    const user = c.get('user');
    const more = hasQuery && unfiltered && results?.usable ? (await Promise.all(deps.sources().map((s) => s.render({ text: form.input.q, user, site })))).filter((x) => x !== null) : [];
    return deps.pages.fresh(c, <SearchPage site={site} user={user} csrfToken={c.get('csrfToken')} form={form} results={results} more={more} />);
  });

  // Asked for at /es/api/search/suggest (public/search.js reads the address from the page): words and links in that language.
  app.get('/api/search/suggest', async (c) => {
    const lang = c.get('lang');
    const t = (await deps.pages.siteContext(c)).i18n.text(searchText);
    const headers = { 'cache-control': 'private, max-age=30' };
    const take = await deps.suggestLimiter.take(clientIp(c, deps.trustProxy));
    if (!take.allowed) {
      return c.json({ error: t('suggestTooMany') }, 429, { 'retry-after': String(take.retryAfterSeconds), 'cache-control': 'no-store' });
    }
    const q = c.req.query('q') ?? '';
    if (q.length > MAX_QUERY_CHARS) {
      return c.json({ error: t('suggestTooLong', { limit: MAX_QUERY_CHARS }), limit: MAX_QUERY_CHARS }, 400, { 'cache-control': 'no-store' });
    }
    const found = q.trim() ? await deps.search.suggest(q, 8, lang) : [];
    const suggestions = found.map((s) => ({ ...s, url: pathIn(lang, s.url) }));
    // What screen readers hear when the list appears, counted in the reader's language.
    const status = suggestions.length ? t('suggestionsStatus', { count: suggestions.length }) : '';
    return c.json({ query: q, suggestions, status }, 200, headers);
  });

  return app;
}
