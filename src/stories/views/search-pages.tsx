/** Searching stories: the results page, the box on /stories, and the section under the site search's results. */
import { Pager } from '../../community/views/parts.js';
import { type RecordHitView, RecordHits, RecordResultsSection, RecordSearchForm } from '../../search/views/record-results.js';
import { isolated } from '../../web/in-lang.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { storiesText } from '../messages/index.js';
import type { StoryHit } from '../store.js';

export interface StorySearchResults {
  hits: StoryHit[];
  total: number;
  capped: boolean;
  page: number;
  pageCount: number;
}

function hitView(site: SiteContext, hit: StoryHit): RecordHitView {
  const t = site.i18n.text(storiesText);
  const day = hit.publishedAt.slice(0, 10);
  return {
    href: site.i18n.path(`/stories/${hit.id}`),
    title: hit.title,
    place: (
      <>
        <bdi>{hit.country ? t('bylineWithCountry', { name: hit.displayName, country: hit.country }) : t('byline', { name: hit.displayName })}</bdi>
        {day ? (
          <>
            {' · '}
            <time datetime={day}>{site.i18n.date(day)}</time>
          </>
        ) : null}
      </>
    ),
    lang: hit.lang,
    snippet: hit.snippet,
  };
}

export function StorySearchForm({ site, q = '' }: { site: SiteContext; q?: string }) {
  const t = site.i18n.text(storiesText);
  return <RecordSearchForm site={site} action="/stories/search" id="story-search-q" label={t('searchStoriesLabel')} button={t('searchButton')} q={q} />;
}

export function StorySearchPage({ site, q, results }: { site: SiteContext; q: string; results: StorySearchResults | null }) {
  const t = site.i18n.text(storiesText);
  const href = (page: number) => site.i18n.path(`/stories/search?${new URLSearchParams({ q, ...(page > 1 ? { page: String(page) } : {}) })}`);
  return (
    <Layout site={site} title={q ? t('searchStoriesResultsTitle', { query: q }) : t('searchStoriesTitle')} breadcrumbs={[{ label: t('home'), href: '/' }, { label: t('storiesTitle'), href: '/stories' }]} noindex>
      <h1>{t('searchStoriesTitle')}</h1>
      <StorySearchForm site={site} q={q} />
      {results ? (
        <section aria-labelledby="story-results-title">
          <h2 id="story-results-title" class="search-status" tabindex={-1}>
            {results.total === 0 ? t('searchStoriesNothing', { query: isolated(site, q) }) : t(results.capped ? 'searchStoriesFoundCapped' : 'searchStoriesFound', { count: results.total, query: isolated(site, q) })}
          </h2>
          <p>{t('storiesNotAdvice')}</p>
          <RecordHits site={site} hits={results.hits.map((h) => hitView(site, h))} />
          <Pager site={site} page={results.page} pageCount={results.pageCount} href={href} label={t('storiesPages')} />
        </section>
      ) : (
        <p>{t('searchStoriesHelp')}</p>
      )}
    </Layout>
  );
}

/** Stories under the site search's results, after the directory's and the forums'. */
export function StoryResultsSection({ site, q, found }: { site: SiteContext; q: string; found: StorySearchResults }) {
  const t = site.i18n.text(storiesText);
  return (
    <RecordResultsSection
      site={site}
      id="story-results-heading"
      heading={t('siteSearchStoriesHeading')}
      intro={t('storiesNotAdvice')}
      hits={found.hits.map((h) => hitView(site, h))}
      more={{ href: site.i18n.path(`/stories/search?${new URLSearchParams({ q })}`), label: t('siteSearchStoriesMore', { count: found.total, query: isolated(site, q) }) }}
    />
  );
}
