/**
 * Searching the forums: the box on the forums' pages (all categories, or the
 * one being read), and the results page with a snippet of each post.
 */
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { type RecordHitView, RecordHits, RecordResultsSection, RecordSearchForm } from '../../search/views/record-results.js';
import { isolated } from '../../web/in-lang.js';
import { POSTS_PER_PAGE } from '../forums.js';
import type { ForumSearchHit, ForumSearchResults } from '../search.js';
import { communityText } from '../messages/index.js';
import { type CommunityFrame, Pager } from './parts.js';

/** A post found, as the views show it: linked to the page of its topic it is on. */
export function hitView(site: SiteContext, hit: ForumSearchHit): RecordHitView {
  const t = site.i18n.text(communityText);
  const topicPage = Math.floor(hit.postsBefore / POSTS_PER_PAGE) + 1;
  return {
    href: site.i18n.path(`/forums/topics/${hit.topicId}${topicPage > 1 ? `?page=${topicPage}` : ''}#post-${hit.postId}`),
    title: hit.topicTitle,
    place: (
      <>
        {t('searchHitPlace', { kind: hit.isOpening ? 'opening' : 'reply', category: hit.categoryName })} · <time datetime={hit.createdAt}>{site.i18n.date(hit.createdAt)}</time>
      </>
    ),
    lang: hit.lang,
    snippet: hit.snippet,
  };
}

/** The forums' part of the site search, below the directory's results: the best few posts and a link to all of them. */
export function ForumResultsSection({ site, q, found }: { site: SiteContext; q: string; found: ForumSearchResults }) {
  const t = site.i18n.text(communityText);
  return (
    <RecordResultsSection
      site={site}
      id="forum-results-heading"
      heading={t('siteSearchHeading')}
      intro={t('siteSearchIntro')}
      hits={found.hits.map((h) => hitView(site, h))}
      more={{ href: site.i18n.path(`/forums/search?${new URLSearchParams({ q })}`), label: t('siteSearchMore', { count: found.total, query: isolated(site, q) }) }}
    />
  );
}

/** A search box for the forums; inside one category when `category` is given. */
export function ForumSearchForm({ site, category }: { site: SiteContext; category?: { id: number; name: string } | undefined }) {
  const t = site.i18n.text(communityText);
  const label = category ? t('searchCategoryLabel', { category: category.name }) : t('searchForumsLabel');
  return <RecordSearchForm site={site} action="/forums/search" id="forum-search-q" label={label} button={t('searchButton')} hidden={category ? { category: String(category.id) } : {}} />;
}

/** The results page: the box again (with the category to search in), how many posts matched, and one page of them. */
export function ForumSearchPage(
  props: CommunityFrame & {
    q: string;
    categoryId: number | undefined;
    categories: Array<{ id: number; name: string }>;
    results: { hits: RecordHitView[]; total: number; capped: boolean; page: number; pageCount: number } | null;
  },
) {
  const { site, q, results } = props;
  const t = site.i18n.text(communityText);
  const crumbs = [
    { label: t('home'), href: '/' },
    { label: t('forumsTitle'), href: '/forums' },
  ];
  const hrefFor = (page: number) => {
    const params = new URLSearchParams({ q });
    if (props.categoryId !== undefined) params.set('category', String(props.categoryId));
    if (page > 1) params.set('page', String(page));
    return site.i18n.path(`/forums/search?${params}`);
  };
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={q ? t('searchResultsTitle', { query: q }) : t('searchForumsTitle')} breadcrumbs={crumbs} noindex>
      <h1>{t('searchForumsTitle')}</h1>
      <RecordSearchForm site={site} action="/forums/search" id="forum-search-q" label={t('searchForumsLabel')} button={t('searchButton')} q={q}>
        <div class="field">
          <label for="forum-search-category">{t('searchInLabel')}</label>
          <select id="forum-search-category" name="category">
            <option value="" selected={props.categoryId === undefined}>
              {t('searchAllCategories')}
            </option>
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={props.categoryId === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </RecordSearchForm>
      {results ? (
        <section aria-labelledby="forum-results-title">
          <h2 id="forum-results-title" class="search-status" tabindex={-1}>
            {results.total === 0 ? t('searchNothingFound', { query: isolated(site, q) }) : t(results.capped ? 'searchFoundCapped' : 'searchFound', { count: results.total, query: isolated(site, q) })}
          </h2>
          {results.total === 0 ? <p>{t('searchNothingHelp')}</p> : null}
          <RecordHits site={site} hits={results.hits} />
          <Pager site={site} page={results.page} pageCount={results.pageCount} href={hrefFor} label={t('searchPagesLabel')} />
        </section>
      ) : (
        <p>{t('searchForumsHelp')}</p>
      )}
    </Layout>
  );
}
