/** The site around the directory: home, pages written in site settings, sitemap.xml and robots.txt. */
import type { Domain, DomainKernel } from '../domain.js';
import { TEXT_PAGES, siteRoutes } from './routes.js';

export function createSiteDomain(kernel: DomainKernel): Domain {
  return {
    name: 'site',
    routes: siteRoutes({ queries: kernel.queries, pages: kernel.pages, markdown: kernel.markdown, contributions: kernel.contributions }),
    sitemap: async () => [{ path: '/' }, ...Object.keys(TEXT_PAGES).map((key) => ({ path: `/${key}` })), { path: '/contact' }],
  };
}
