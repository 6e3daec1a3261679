/** The site around the directory: home, pages written in site settings, sitemap.xml and robots.txt. */
import type { Domain, DomainKernel } from '../domain.js';
import { TEXT_PAGES, siteRoutes } from './routes.js';
import { sitemapPartPath, sitemapParts, sitemapUrls } from './sitemap.js';

export function createSiteDomain(kernel: DomainKernel): Domain {
  return {
    name: 'site',
    routes: siteRoutes({ queries: kernel.queries, pages: kernel.pages, markdown: kernel.markdown, contributions: kernel.contributions, sitemapUrlLimit: kernel.config.sitemapUrlLimit }),
    // A sitemap index's parts are files of the static copy too.
    publishedFiles: async () => {
      const site = await kernel.pages.siteContext();
      const parts = sitemapParts(sitemapUrls(await kernel.contributions.sitemap(), site.baseUrl), kernel.config.sitemapUrlLimit);
      return parts.length > 1 ? parts.map((_, i) => sitemapPartPath(i + 1)) : [];
    },
    sitemap: async () => [{ path: '/' }, ...Object.keys(TEXT_PAGES).map((key) => ({ path: `/${key}` })), { path: '/contact' }, { path: '/editorial-policy' }],
  };
}
