import type { Child } from 'hono/jsx';
import type { CurrentUser } from '../../accounts/context.js';
import { ErrorSummary, type FieldError } from '../../accounts/views/form-parts.js';
import type { KeyOf } from '../../i18n/catalogue.js';
import type { Translate } from '../../i18n/localizer.js';
import { langAttributes } from '../../i18n/languages.js';
import { InLang, isolated } from '../../web/in-lang.js';
import { Layout, suggestAttributes } from '../../web/layout.js';
import { webText } from '../../web/messages/index.js';
import type { SiteContext } from '../../web/site-context.js';
import { searchText } from '../messages/index.js';
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS } from '../query.js';
import { ENTRY_KINDS, type SearchForm, searchHref } from '../search-form.js';
import type { PageHit, SearchResults, SectionHit } from '../search.js';
import type { Segment } from '../snippet.js';

interface SearchPageProps {
  site: SiteContext;
  user?: CurrentUser | null | undefined;
  csrfToken?: string | undefined;
  form: SearchForm;
  /** null when nothing was searched for yet. */
  results: SearchResults | null;
  /** Other domains' sections (forum posts), below the directory's results. */
  more?: Child[];
}

/** /search: the form with filters, then results grouped by page, or an empty state that helps. */
type T = Translate<KeyOf<typeof searchText>>;

export function SearchPage({ site, user, csrfToken, form, results, more = [] }: SearchPageProps) {
  const t = site.i18n.text(searchText);
  const q = form.input.q.trim();
  const errors: FieldError[] = Object.entries(form.problems).map(([field, message]) => ({ field: field === 'kind' ? 'search-kind-summary' : `search-${field}`, message }));
  const plainTitle = q ? t('titleQuery', { query: isolated(site, q.slice(0, 80)) }) : t('titleEmpty');
  // "Error: " first when filters came back with problems (screen readers hear it first).
  const title = errors.length ? site.i18n.text(webText)('errorTitle', { title: plainTitle }) : plainTitle;
  return (
    <Layout
      site={site}
      user={user}
      csrfToken={csrfToken}
      title={title}
      path="/search"
      noindex
      headerSearch={false}
      skipLinks={results?.pages.length ? [{ href: '#search-status', label: t('skipToResults') }] : undefined}
      breadcrumbs={[{ label: site.i18n.text(webText)('crumbHome'), href: '/' }, { label: t('crumb'), href: '/search' }]}
    >
      <div class="search-page">
        <h1>{q ? t('headingResults') : t('headingEmpty')}</h1>
        <ErrorSummary errors={errors} title={t('problemsTitle')} />
        <SearchFormView site={site} t={t} form={form} />
        {results === null ? <NoQuery site={site} t={t} /> : <Results site={site} t={t} form={form} results={results} />}
        {more}
      </div>
    </Layout>
  );
}

function SearchFormView({ site, t, form }: { site: SiteContext; t: T; form: SearchForm }) {
  const errorPrefix = site.i18n.text(webText)('errorPrefix');
  const filtersUsed = form.input.kinds.length > 0 || form.input.from !== '' || form.input.to !== '' || Object.keys(form.problems).length > 0;
  return (
    <form class="search-page-form" role="search" method="get" action={site.i18n.path('/search')} aria-label={t('formLabel')}>
      <div class="field">
        <label for="search-q">{t('searchFor')}</label>
        <span class="hint" id="search-q-hint">
          {t('searchForHint')}
        </span>
        <div class="search-field-wrap">
          <input id="search-q" name="q" type="search" value={form.input.q} maxlength={200} autocomplete="off" spellcheck={false} aria-describedby="search-q-hint" data-search-suggest="" {...suggestAttributes(site)} />
          <button type="submit" class="button">{t('searchButton')}</button>
        </div>
      </div>
      <details class="search-filters" open={filtersUsed}>
        <summary>{t('filters')}</summary>
        <fieldset class={form.problems.kind ? 'field has-error' : 'field'} aria-describedby={form.problems.kind ? 'search-kind-error' : undefined}>
          <legend>{t('kindLegend')}</legend>
          {form.problems.kind ? (
            <span class="field-error" id="search-kind-error">
              <span class="visually-hidden">{errorPrefix}</span>
              {form.problems.kind}
            </span>
          ) : null}
          <ul class="plain checkboxes">
            {ENTRY_KINDS.map((k) => (
              <li>
                <input type="checkbox" id={`search-kind-${k.value}`} name="kind" value={k.value} checked={form.input.kinds.includes(k.value)} />
                <label for={`search-kind-${k.value}`}>{t(k.label)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset class="field year-range" aria-describedby="search-years-hint">
          <legend>{t('yearLegend')}</legend>
          <span class="hint" id="search-years-hint">
            {t('yearHint')}
          </span>
          <div class="year-fields">
            <YearField id="search-from" name="from" label={t('yearFrom')} value={form.input.from} error={form.problems.from} errorPrefix={errorPrefix} />
            <YearField id="search-to" name="to" label={t('yearTo')} value={form.input.to} error={form.problems.to} errorPrefix={errorPrefix} />
          </div>
        </fieldset>
        <button type="submit" class="button secondary">{t('applyFilters')}</button>
      </details>
    </form>
  );
}

function YearField({ id, name, label, value, error, errorPrefix }: { id: string; name: string; label: string; value: string; error: string | undefined; errorPrefix: string }) {
  return (
    <div class={error ? 'year-field has-error' : 'year-field'}>
      <label for={id}>{label}</label>
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{errorPrefix}</span>
          {error}
        </span>
      ) : null}
      <input id={id} name={name} type="text" inputmode="numeric" size={4} maxlength={20} value={value} autocomplete="off" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

/** <az> and <directory> in a message: links to the A–Z index and the directory, in the reader's language. */
function browseLinks(site: SiteContext) {
  return {
    az: (chunks: Child[]) => <a href={site.i18n.path('/directory/a-z')}>{chunks}</a>,
    directory: (chunks: Child[]) => <a href={site.i18n.path('/directory')}>{chunks}</a>,
  };
}

function NoQuery({ site, t }: { site: SiteContext; t: T }) {
  return (
    <section class="search-help" aria-labelledby="search-help-title">
      <h2 id="search-help-title">{t('helpTitle')}</h2>
      <ul>
        <li>{site.searchExample ? t.rich('helpType', { example: isolated(site, site.searchExample), em: (chunks: Child[]) => <em>{chunks}</em> }) : t('helpTypePlain')}</li>
        <li>{t.rich('helpBrowse', browseLinks(site))}</li>
      </ul>
    </section>
  );
}

function Results({ site, t, form, results }: { site: SiteContext; t: T; form: SearchForm; results: SearchResults }) {
  const n = site.i18n.number;
  const q = results.text;
  const filtered = form.kinds.length > 0 || form.yearFrom !== undefined || form.yearTo !== undefined;
  if (!results.usable) {
    return (
      <section class="search-empty" aria-labelledby="search-empty-title">
        <h2 id="search-empty-title">{t('noWordsTitle')}</h2>
        <p>{t('noWordsText')}</p>
        <EmptyHelp site={site} t={t} form={form} filtered={filtered} />
      </section>
    );
  }
  const first = (results.page - 1) * results.perPage + 1;
  return (
    <section class="search-results-section" aria-labelledby="search-status">
      <h2 id="search-status" class="search-status" tabindex={-1}>
        {results.total === 0
          ? t('statusNone', { query: isolated(site, q) })
          : results.capped
            ? t('statusCapped', { count: results.total, query: isolated(site, q) })
            : t('statusFound', { count: results.total, query: isolated(site, q) })}
      </h2>
      {results.shortened ? (
        <p class="notice">{t('shortened', { chars: n(MAX_QUERY_CHARS), words: n(MAX_QUERY_WORDS) })}</p>
      ) : null}
      {results.didYouMean ? (
        <p class="did-you-mean">
          {t.rich('didYouMean', { suggestion: results.didYouMean, link: (chunks: Child[]) => <a href={site.i18n.path(searchHref(form, results.didYouMean!))}>{chunks}</a> })}
        </p>
      ) : null}
      {results.relaxed && results.total > 0 ? (
        <p class="notice">{t('relaxed')}</p>
      ) : null}
      {results.total === 0 ? (
        <EmptyHelp site={site} t={t} form={form} filtered={filtered} />
      ) : (
        <>
          {results.pageCount > 1 ? (
            <p class="search-range">
              {t('range', { first: n(first), last: n(first + results.pages.length - 1), page: n(results.page), pageCount: n(results.pageCount) })}
            </p>
          ) : null}
          <ol class="search-results" start={first}>
            {results.pages.map((p) => (
              <ResultItem site={site} t={t} page={p} />
            ))}
          </ol>
          <Pagination site={site} t={t} form={form} results={results} />
        </>
      )}
    </section>
  );
}

function ResultItem({ site, t, page }: { site: SiteContext; t: T; page: PageHit }) {
  return (
    <li class="search-result">
      <h3 class="result-title">
        <a href={site.i18n.path(`/directory/${page.slug}`)}>
          <InLang site={site} lang={page.titleLang}>
            <Marked segments={page.titleSegments} />
          </InLang>
        </a>
      </h3>
      {page.missing.length ? <p class="result-missing">{t('missing', { words: page.missing.join(t('listSeparator')) })}</p> : null}
      <ul class="result-hits">
        {page.hits.map((h) => (
          <HitItem site={site} t={t} page={page} hit={h} />
        ))}
      </ul>
    </li>
  );
}

const KIND_LABEL = {
  page: 'hitPage',
  section: 'hitSection',
  summary: 'hitSummary',
  research: 'hitResearch',
  news: 'hitNews',
} as const satisfies Record<SectionHit['kind'], string>;

function HitItem({ site, t, page, hit }: { site: SiteContext; t: T; page: PageHit; hit: SectionHit }) {
  const href = site.i18n.path(`/directory/${page.slug}${hit.anchor ? `#${hit.anchor}` : ''}`);
  const label = t(hit.kind === 'section' && hit.matchedIn !== 'heading' ? 'hitLinks' : KIND_LABEL[hit.kind]);
  const kind = hit.year ? t('hitKindYear', { kind: label, year: site.i18n.year(hit.year) }) : label;
  return (
    <li class={`result-hit hit-${hit.kind}`}>
      <p class="hit-place">
        {hit.heading ? (
          <>
            <a href={href}>
              <InLang site={site} lang={hit.lang}>{hit.heading}</InLang>
            </a>
            <span class="hit-kind"> · {kind}</span>
          </>
        ) : (
          <span class="hit-kind">{kind}</span>
        )}
      </p>
      {hit.snippet.length ? (
        <p class="hit-snippet" {...langAttributes(site.lang, hit.lang)}>
          <Marked segments={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

/** Matched words in <mark>; all text goes through JSX escaping. */
function Marked({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

function EmptyHelp({ site, t, form, filtered }: { site: SiteContext; t: T; form: SearchForm; filtered: boolean }) {
  const withoutFilters = site.i18n.path(searchHref({ kinds: [], yearFrom: undefined, yearTo: undefined }, form.input.q));
  return (
    <div class="search-help">
      <p>{t('tryTitle')}</p>
      <ul>
        {filtered ? <li>{t.rich('tryWithoutFilters', { link: (chunks: Child[]) => <a href={withoutFilters}>{chunks}</a> })}</li> : null}
        <li>{t('trySpelling')}</li>
        <li>{t('tryOtherName')}</li>
        <li>{t.rich('tryBrowse', browseLinks(site))}</li>
      </ul>
    </div>
  );
}

function Pagination({ site, t, form, results }: { site: SiteContext; t: T; form: SearchForm; results: SearchResults }) {
  if (results.pageCount <= 1) return null;
  const { page, pageCount } = results;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const href = (n: number) => site.i18n.path(searchHref(form, results.text, n));
  const hidden = (chunks: Child[]) => <span class="visually-hidden">{chunks}</span>;
  const label = (n: number) => t.rich('pageNumber', { number: site.i18n.number(n), hidden });
  return (
    <nav class="pagination" aria-label={t('pagination')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              {t.rich('previous', { hidden })}
            </a>
          </li>
        ) : null}
        {numbers.map((n, i) => (
          <>
            {i > 0 && n - numbers[i - 1]! > 1 ? (
              <li class="pagination-gap" aria-hidden="true">
                …
              </li>
            ) : null}
            <li>
              {n === page ? (
                <a href={href(n)} aria-current="page">
                  {label(n)}
                </a>
              ) : (
                <a href={href(n)}>{label(n)}</a>
              )}
            </li>
          </>
        ))}
        {page < pageCount ? (
          <li>
            <a href={href(page + 1)} rel="next">
              {t.rich('next', { hidden })}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
