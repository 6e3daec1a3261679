import type { Child } from 'hono/jsx';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { webText } from '../../web/messages/index.js';
import { publishingText } from '../messages/index.js';

/** Where the static copy's search page lives (in each language: /es/static-search). */
export const STATIC_SEARCH_PATH = '/static-search';

/**
 * The static copy's search page. The header's search box submits here
 * (?q=…); public/static-search.js runs the query against the pagefind index
 * of this page's language and lists the pages found. The words the script
 * shows come from the catalogue, as data attributes.
 */
export function StaticSearchPage({ site, script, bundle }: { site: SiteContext; script: string; /** The pagefind bundle's folder, ending in "/". */ bundle: string }) {
  const t = site.i18n.text(publishingText);
  const path = site.i18n.path;
  return (
    <Layout
      site={site}
      title={t('title')}
      noindex
      scripts={[script]}
      breadcrumbs={[
        { label: site.i18n.text(webText)('crumbHome'), href: '/' },
        { label: t('title'), href: STATIC_SEARCH_PATH },
      ]}
    >
      <h1>{t('title')}</h1>
      <div
        id="static-search"
        data-bundle={bundle}
        data-searching={t('searching')}
        data-empty={t('emptyQuery')}
        data-found={t('found', { query: '{query}', count: '{count}' })}
        data-none={t('noneFound', { query: '{query}' })}
        data-failed={t('failed')}
      >
        <p>{t('intro')}</p>
        <noscript>
          <p>{t.rich('noScript', { link: (chunks: Child[]) => <a href={path('/directory/a-z')}>{chunks}</a> })}</p>
        </noscript>
        <p id="static-search-status" role="status"></p>
        <h2 class="visually-hidden">{t('results')}</h2>
        <ol id="static-search-results" class="search-results"></ol>
      </div>
    </Layout>
  );
}

/** The page as a complete document. */
export async function renderStaticSearchPage(site: SiteContext, script: string): Promise<string> {
  return `<!DOCTYPE html>${await (<StaticSearchPage site={site} script={script} bundle={`/pagefind/`} />).toString()}`;
}
