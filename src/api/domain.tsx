/** The directory as data: /api/v1 (read-only JSON), its OpenAPI 3.1 document and a documentation page. */
import type { Domain, DomainKernel } from '../domain.js';
import type { Search } from '../search/search.js';
import { apiRoutes } from './routes.js';
import { type DocumentedRoute, ApiDocsPage } from './views/api-docs-page.js';

interface OpenApiOperation {
  summary?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: { description?: string; example?: unknown } }>;
  responses?: Record<string, { description?: string }>;
}

/** The documented GET routes, read back from the generated document, so the page can never disagree with it. */
export function documentedRoutes(document: { paths?: Record<string, { get?: OpenApiOperation }> }): DocumentedRoute[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) => {
    const get = item.get;
    if (!get) return [];
    const parameters = (get.parameters ?? []).map((p) => ({ name: p.name, where: p.in, required: p.required === true, description: p.description ?? p.schema?.description ?? '' }));
    const example = path.replace(/\{(\w+)\}/g, (_, name: string) => String(get.parameters?.find((p) => p.name === name)?.schema?.example ?? name));
    const query = (get.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(String(p.schema?.example ?? ''))}`);
    return [{ method: 'GET', path, summary: get.summary ?? '', parameters, answers: Object.entries(get.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' })), example: query.length ? `${example}?${query.join('&')}` : example }];
  });
}

export function createApiDomain(kernel: DomainKernel, deps: { search: Search; baseUrl: string }): Domain {
  const routes = apiRoutes({ db: kernel.db, queries: kernel.queries, search: deps.search, baseUrl: deps.baseUrl, trustProxy: kernel.config.trustProxy, limiter: kernel.rateLimits.api });
  routes.get('/api/docs', async (c) => {
    const response = await kernel.pages.cached(c, 'api-docs', async (site) => (
      <ApiDocsPage site={site} routes={documentedRoutes(routes.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'atoz', version: '1' } }) as Parameters<typeof documentedRoutes>[0])} />
    ));
    return response!;
  });
  return {
    name: 'api',
    routes,
  };
}
