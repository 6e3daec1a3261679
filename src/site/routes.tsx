import type { AppEnv } from '../accounts/context.js';
import { Hono } from 'hono';
import type { MarkdownRenderer, RenderContext } from '../content/markdown.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { DomainContributions } from '../domain.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { SiteContext } from '../web/site-context.js';
import type { KeyOf } from '../i18n/catalogue.js';
import { siteText } from './messages/index.js';
import { sitemapIndexXml, sitemapParts, sitemapUrls, urlsetXml } from './sitemap.js';
import { ContactPage, HomePage, TextPage } from './views/site-pages.js';
import { EditorialPolicyPage } from './views/editorial-policy.js';

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
export function siteRoutes(deps: { queries: DirectoryQueries; pages: PageRenderer; markdown: MarkdownRenderer; contributions: Pick<DomainContributions, 'sitemap'>; /** Most URLs in one sitemap file. */ sitemapUrlLimit: number }) {
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

  app.get('/editorial-policy', async (c) =>
    (await pages.cached(c, 'editorial-policy', async (site) => (
      <EditorialPolicyPage site={site} policyHtml={site.settings.editorialPolicy ? markdown.render(site.settings.editorialPolicy, settingsContext(site)) : null} />
    )))!,
  );

  app.get('/contact', async (c) =>
    (await pages.cached(c, 'contact', async (site) => <ContactPage site={site} html={markdown.render(site.settings.contact, settingsContext(site))} />))!,
  );

  /** The sitemap's files: one, or an index and its parts once the site has more URLs than one file may hold. */
  const sitemap = async (site: SiteContext) => sitemapParts(sitemapUrls(await deps.contributions.sitemap(), site.baseUrl), deps.sitemapUrlLimit);

  app.get('/sitemap.xml', async (c) =>
    (await pages.cached(
      c,
      'sitemap',
      async (site) => {
        const parts = await sitemap(site);
        return (parts.length === 1 ? urlsetXml(parts[0]!) : sitemapIndexXml(site.baseUrl, parts.length)) as never;
      },
      'application/xml; charset=utf-8',
    ))!,
  );

  app.get('/:file{sitemap-[1-9][0-9]*\\.xml}', async (c, next) => {
    const n = Number(c.req.param('file').slice('sitemap-'.length, -'.xml'.length));
    const res = await pages.cached(
      c,
      `sitemap-${n}`,
      async (site) => {
        const parts = await sitemap(site);
        return parts.length > 1 && n <= parts.length ? (urlsetXml(parts[n - 1]!) as never) : null;
      },
      'application/xml; charset=utf-8',
    );
    return res ?? next();
  });

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
