import type { AppEnv } from '../accounts/context.js';
import { Hono } from 'hono';
import type { MarkdownRenderer, RenderContext } from '../content/markdown.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { DomainContributions } from '../domain.js';
import { LANGS, pathIn } from '../i18n/languages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { SiteContext } from '../web/site-context.js';
import type { KeyOf } from '../i18n/catalogue.js';
import { siteText } from './messages/index.js';
import { ContactPage, HomePage, TextPage } from './views/site-pages.js';

/** Pages whose text is written in the site settings, with the message that is each one's title. */
export const TEXT_PAGES = {
  about: 'pageAbout',
  disclaimer: 'pageDisclaimer',
  support: 'pageSupport',
} as const satisfies Record<string, KeyOf<typeof siteText>>;

/** Settings text may link to directory pages with [[…]]; it cites nothing. */
function settingsContext(site: SiteContext): RenderContext {
  return {
    resolveLink: (slug) => ({ href: site.i18n.path(`/directory/${slug}`), wanted: false }),
    citation: () => null,
    footnote: () => null,
  };
}

/** Home, pages written in site settings, sitemap (from every domain's addresses) and robots.txt. */
export function siteRoutes(deps: { queries: DirectoryQueries; pages: PageRenderer; markdown: MarkdownRenderer; contributions: Pick<DomainContributions, 'sitemap'> }) {
  const { queries, pages, markdown } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', async (c) =>
    (await pages.cached(c, 'home', async (site) => {
      const tree = await queries.tree();
      return <HomePage site={site} topLevel={tree.roots} pageCount={tree.order.length} />;
    }))!,
  );

  for (const [key, title] of Object.entries(TEXT_PAGES) as Array<[keyof typeof TEXT_PAGES, (typeof TEXT_PAGES)[keyof typeof TEXT_PAGES]]>) {
    app.get(`/${key}`, async (c) =>
      (await pages.cached(c, key, async (site: SiteContext) => {
        const t = site.i18n.text(siteText);
        const text = site.settings[key];
        return <TextPage site={site} title={t(title)} path={`/${key}`} html={markdown.render(text || t('notWrittenYet'), settingsContext(site))} written={Boolean(text)} />;
      }))!,
    );
  }

  app.get('/contact', async (c) =>
    (await pages.cached(c, 'contact', async (site) => <ContactPage site={site} html={markdown.render(site.settings.contact, settingsContext(site))} />))!,
  );

  app.get('/sitemap.xml', async (c) =>
    (await pages.cached(
      c,
      'sitemap',
      async (site) => {
        // Every domain names its public addresses (src/domain.ts); each language version is a URL with reciprocal alternates.
        const urls = (await deps.contributions.sitemap()).flatMap((e) => {
          const languages = e.languages ?? LANGS;
          const lastmod = e.lastModified ? `<lastmod>${e.lastModified.slice(0, 10)}</lastmod>` : '';
          const alternates =
            languages.length > 1
              ? [...languages.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlEscape(site.baseUrl + pathIn(l, e.path))}"/>`), `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(site.baseUrl + e.path)}"/>`].join('')
              : '';
          return languages.map((l) => `<url><loc>${xmlEscape(site.baseUrl + pathIn(l, e.path))}</loc>${lastmod}${alternates}</url>`);
        });
        return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n` as never;
      },
      'application/xml; charset=utf-8',
    ))!,
  );

  app.get('/robots.txt', async (c) =>
    (await pages.cached(
      c,
      'robots',
      async (site) => `User-agent: *\nDisallow: /search\nDisallow: /edit\nDisallow: /api/\nSitemap: ${site.baseUrl}/sitemap.xml\n` as never,
      'text/plain; charset=utf-8',
    ))!,
  );

  return app;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
