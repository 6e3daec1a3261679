import type { CurrentUser } from '../../accounts/context.js';
import { ErrorSummary, type FieldError, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
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
}

/** /search: the form with filters, then results grouped by page, or an empty state that helps. */
export function SearchPage({ site, user, csrfToken, form, results }: SearchPageProps) {
  const q = form.input.q.trim();
  const errors: FieldError[] = Object.entries(form.problems).map(([field, message]) => ({ field: field === 'kind' ? 'search-kind-summary' : `search-${field}`, message }));
  const title = formTitle(q ? `Search results for “${q.slice(0, 80)}”` : 'Search the directory', errors);
  return (
    <Layout
      site={site}
      user={user}
      csrfToken={csrfToken}
      title={title}
      path="/search"
      noindex
      query={form.input.q}
      breadcrumbs={[{ label: 'Home', href: '/' }, { label: 'Search', href: '/search' }]}
    >
      <div class="search-page">
        <h1>{q ? <>Search results</> : 'Search the directory'}</h1>
        <ErrorSummary errors={errors} title="Some filters could not be used" />
        <SearchFormView form={form} />
        {results === null ? <NoQuery /> : <Results form={form} results={results} />}
      </div>
    </Layout>
  );
}

function SearchFormView({ form }: { form: SearchForm }) {
  const filtersUsed = form.input.kinds.length > 0 || form.input.from !== '' || form.input.to !== '' || Object.keys(form.problems).length > 0;
  return (
    <form class="search-page-form" role="search" method="get" action="/search" aria-label="Search the directory">
      <div class="field">
        <label for="search-q">Search for</label>
        <span class="hint" id="search-q-hint">
          A condition, a symptom, a treatment, a study author or a journal. Abbreviations such as SSc or RP work too.
        </span>
        <div class="search-field-wrap">
          <input id="search-q" name="q" type="search" value={form.input.q} maxlength={200} autocomplete="off" spellcheck={false} aria-describedby="search-q-hint" data-search-suggest="" />
          <button type="submit" class="button">Search</button>
        </div>
      </div>
      <details class="search-filters" open={filtersUsed}>
        <summary>Filter by kind of entry and year</summary>
        <fieldset class={form.problems.kind ? 'field has-error' : 'field'} aria-describedby={form.problems.kind ? 'search-kind-error' : undefined}>
          <legend>Kind of entry</legend>
          {form.problems.kind ? (
            <span class="field-error" id="search-kind-error">
              <span class="visually-hidden">Error: </span>
              {form.problems.kind}
            </span>
          ) : null}
          <ul class="plain checkboxes">
            {ENTRY_KINDS.map((k) => (
              <li>
                <input type="checkbox" id={`search-kind-${k.value}`} name="kind" value={k.value} checked={form.input.kinds.includes(k.value)} />
                <label for={`search-kind-${k.value}`}>{k.label}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset class="field year-range" aria-describedby="search-years-hint">
          <legend>Year published</legend>
          <span class="hint" id="search-years-hint">
            Years apply to research and news digests only.
          </span>
          <div class="year-fields">
            <YearField id="search-from" name="from" label="From" value={form.input.from} error={form.problems.from} />
            <YearField id="search-to" name="to" label="To" value={form.input.to} error={form.problems.to} />
          </div>
        </fieldset>
        <button type="submit" class="button secondary">Apply filters</button>
      </details>
    </form>
  );
}

function YearField({ id, name, label, value, error }: { id: string; name: string; label: string; value: string; error: string | undefined }) {
  return (
    <div class={error ? 'year-field has-error' : 'year-field'}>
      <label for={id}>{label}</label>
      {error ? (
        <span class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      <input id={id} name={name} type="text" inputmode="numeric" size={4} maxlength={20} value={value} autocomplete="off" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined} />
    </div>
  );
}

function NoQuery() {
  return (
    <section class="search-help" aria-labelledby="search-help-title">
      <h2 id="search-help-title">Ways to find a topic</h2>
      <ul>
        <li>Type a word or two into the search box, for example <em>Raynaud’s</em> or <em>lung</em>.</li>
        <li>
          Browse every topic by name in the <a href="/directory/a-z">A–Z index</a>, or by subject in the <a href="/directory">medical directory</a>.
        </li>
      </ul>
    </section>
  );
}

function Results({ form, results }: { form: SearchForm; results: SearchResults }) {
  const q = results.text;
  const filtered = form.kinds.length > 0 || form.yearFrom !== undefined || form.yearTo !== undefined;
  if (!results.usable) {
    return (
      <section class="search-empty" aria-labelledby="search-empty-title">
        <h2 id="search-empty-title">No words to search for</h2>
        <p>
          Your search has no words we can look for (very common words such as “the” or “what” are left out). Try the name of a condition, a
          symptom or a treatment.
        </p>
        <EmptyHelp form={form} filtered={filtered} />
      </section>
    );
  }
  const first = (results.page - 1) * results.perPage + 1;
  return (
    <section class="search-results-section" aria-labelledby="search-status">
      <h2 id="search-status" class="search-status">
        {results.total === 0
          ? `No pages found for “${q}”`
          : results.capped
            ? `The best ${results.total} pages for “${q}”`
            : `${results.total} ${results.total === 1 ? 'page' : 'pages'} found for “${q}”`}
      </h2>
      {results.shortened ? (
        <p class="notice">
          Your search was long, so only its first {MAX_QUERY_CHARS} characters or first {MAX_QUERY_WORDS} words were used.
        </p>
      ) : null}
      {results.didYouMean ? (
        <p class="did-you-mean">
          Did you mean <a href={searchHref(form, results.didYouMean)}>{results.didYouMean}</a>?
        </p>
      ) : null}
      {results.relaxed && results.total > 0 ? (
        <p class="notice">No single passage has all of your words. These pages have them in different places, or have some of them.</p>
      ) : null}
      {results.total === 0 ? (
        <EmptyHelp form={form} filtered={filtered} />
      ) : (
        <>
          {results.pageCount > 1 ? (
            <p class="search-range">
              Showing {first}–{first + results.pages.length - 1}, page {results.page} of {results.pageCount}.
            </p>
          ) : null}
          <ol class="search-results" start={first}>
            {results.pages.map((p) => (
              <ResultItem page={p} />
            ))}
          </ol>
          <Pagination form={form} results={results} />
        </>
      )}
    </section>
  );
}

function ResultItem({ page }: { page: PageHit }) {
  return (
    <li class="search-result">
      <h3 class="result-title">
        <a href={`/directory/${page.slug}`}>
          <Marked segments={page.titleSegments} />
        </a>
      </h3>
      {page.missing.length ? <p class="result-missing">Does not mention: {page.missing.join(', ')}</p> : null}
      <ul class="result-hits">
        {page.hits.map((h) => (
          <HitItem page={page} hit={h} />
        ))}
      </ul>
    </li>
  );
}

const KIND_LABEL: Record<SectionHit['kind'], string> = {
  page: 'Page summary',
  section: 'Section',
  summary: 'Our summary',
  research: 'Research digest',
  news: 'News digest',
};

function HitItem({ page, hit }: { page: PageHit; hit: SectionHit }) {
  const href = `/directory/${page.slug}${hit.anchor ? `#${hit.anchor}` : ''}`;
  const label = hit.kind === 'section' && hit.matchedIn !== 'heading' ? 'Sub-articles and links' : KIND_LABEL[hit.kind];
  const kind = `${label}${hit.year ? `, ${hit.year}` : ''}`;
  return (
    <li class={`result-hit hit-${hit.kind}`}>
      <p class="hit-place">
        {hit.heading ? (
          <>
            <a href={href}>{hit.heading}</a>
            <span class="hit-kind"> · {kind}</span>
          </>
        ) : (
          <span class="hit-kind">{kind}</span>
        )}
      </p>
      {hit.snippet.length ? (
        <p class="hit-snippet">
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

function EmptyHelp({ form, filtered }: { form: SearchForm; filtered: boolean }) {
  return (
    <div class="search-help">
      <p>Some things to try:</p>
      <ul>
        {filtered ? (
          <li>
            <a href={searchHref({ kinds: [], yearFrom: undefined, yearTo: undefined }, form.input.q)}>Search again without the filters</a>.
          </li>
        ) : null}
        <li>Check the spelling, or use fewer words.</li>
        <li>Try another way of writing it: a full name such as “systemic sclerosis” instead of an abbreviation, or the other way round.</li>
        <li>
          Look for the topic by name in the <a href="/directory/a-z">A–Z index</a>, or browse the <a href="/directory">medical directory</a> by subject.
        </li>
      </ul>
    </div>
  );
}

function Pagination({ form, results }: { form: SearchForm; results: SearchResults }) {
  if (results.pageCount <= 1) return null;
  const { page, pageCount } = results;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label="Results pages">
      <ul>
        {page > 1 ? (
          <li>
            <a href={searchHref(form, results.text, page - 1)} rel="prev">
              Previous<span class="visually-hidden"> page of results</span>
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
                <a href={searchHref(form, results.text, n)} aria-current="page">
                  <span class="visually-hidden">Page </span>
                  {n}
                </a>
              ) : (
                <a href={searchHref(form, results.text, n)}>
                  <span class="visually-hidden">Page </span>
                  {n}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pageCount ? (
          <li>
            <a href={searchHref(form, results.text, page + 1)} rel="next">
              Next<span class="visually-hidden"> page of results</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
