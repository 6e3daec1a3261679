/** /edit/citations: every stored citation, searchable; one citation with its key, flags and where it is cited. */
import { raw } from 'hono/html';
import { CsrfField, ErrorSummary, type FieldError, formTitle } from '../../accounts/views/form-parts.js';
import { displayInstant } from '../../accounts/views/frame.js';
import type { JobSummary } from '../../jobs/queue.js';
import { Layout } from '../../web/layout.js';
import type { CitationDetail, CitationSearch } from '../citation-queries.js';
import type { CitationFlag, FlaggedCitation } from '../flags.js';
import { retractionNotice, studyTypeFromPubTypes } from '../study-type.js';
import { FlagWarning, StudyTypeBadge } from './evidence.js';
import { CITATIONS_CRUMB, DASHBOARD_CRUMB, type EditorFrame, IdentifierLinks, JobStatusLine } from './parts.js';
import { ownValue } from '../../web/known-key.js';

/** How editors cite a stored record: the research-digest syntax and the inline form. */
export function KeyUsage({ citationKey, pmid }: { citationKey: string; pmid: string | null }) {
  return (
    <div class="key-usage">
      <p>
        Key: <code class="citation-key">{citationKey}</code>
      </p>
      <p>
        Use it in a page as a research digest, <code>::: research [@{citationKey}]</code>, or inline, <code>[@{citationKey}]</code>.
        {pmid && citationKey !== `pmid:${pmid}` ? (
          <>
            {' '}
            <code>[@pmid:{pmid}]</code> works too.
          </>
        ) : null}
      </p>
    </div>
  );
}

export function CitationsPage(
  props: EditorFrame & { q: string; search: CitationSearch; flagged: FlaggedCitation[]; watchJob: JobSummary | undefined; pubmedConfigured: boolean },
) {
  const { search, q } = props;
  const pageHref = (n: number) => `/edit/citations?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="Citations" noindex breadcrumbs={[DASHBOARD_CRUMB, CITATIONS_CRUMB]}>
      <h1>Citations</h1>
      <p class="lead">Every study and article the directory can cite. Import a paper from PubMed or by DOI to get the key to cite it with.</p>
      <p>
        <a class="button" href="/edit/citations/import">
          Import a citation
        </a>
      </p>

      {props.flagged.length ? (
        <section class="panel attention" aria-labelledby="flagged-title">
          <h2 id="flagged-title">Retractions and corrections to deal with ({props.flagged.length})</h2>
          <p>Readers see a warning with each of these until an editor resolves it.</p>
          <ul class="flag-list">
            {props.flagged.map((f) => (
              <li>
                <FlagWarning status={f.status} />
                <a href={`/edit/citations/${f.citationId}`}>{f.title}</a>
                {f.pmid ? <> (PMID {f.pmid})</> : null}. Found {displayInstant(f.detectedAt)}.{' '}
                {f.citedBy.length ? `Cited on ${f.citedBy.map((p) => p.title).join(', ')}.` : 'Not cited on any page now.'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="retraction-watch-title">
        <h2 id="retraction-watch-title">Retraction watch</h2>
        <p>Once a day atoz asks PubMed again about every cited paper with a PMID and flags retractions, retraction notices and corrections.</p>
        {props.pubmedConfigured ? null : (
          <p class="warning-text">
            <strong>PubMed is not set up on this site (ATOZ_NCBI_EMAIL is missing), so retraction watch cannot check anything.</strong>
          </p>
        )}
        <JobStatusLine job={props.watchJob} name="Retraction watch" />
      </section>

      <section aria-labelledby="search-title">
        <h2 id="search-title">Find a citation</h2>
        <form method="get" action="/edit/citations" class="inline-search" role="search" aria-label="Citations">
          <div class="field">
            <label for="citation-q">Title, key, PMID or DOI</label>
            <input id="citation-q" name="q" type="search" value={q} maxlength={300} />
          </div>
          <button type="submit" class="button secondary">
            Search
          </button>
        </form>
        <p role="status">
          {search.total === 0
            ? q
              ? `No citation matches “${q}”.`
              : 'There are no citations yet.'
            : `${search.total} citation${search.total === 1 ? '' : 's'}${q ? ` match “${q}”` : ''}${search.pageCount > 1 ? `, page ${search.page} of ${search.pageCount}` : ''}.`}
        </p>
        {search.rows.length ? (
          <table class="data-table citation-table">
            <caption class="visually-hidden">Citations, with their keys, identifiers, study types and how many pages cite them</caption>
            <thead>
              <tr>
                <th scope="col">Citation</th>
                <th scope="col">Key</th>
                <th scope="col">Identifiers</th>
                <th scope="col">Study type</th>
                <th scope="col">Cited on</th>
              </tr>
            </thead>
            <tbody>
              {search.rows.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/edit/citations/${c.id}`}>{c.title}</a>
                    <span class="citation-meta">{[c.container, c.issuedYear].filter((v) => v !== null && v !== '').join(', ')}</span>
                    {c.openFlags ? <strong class="warning-text"> Flagged: needs an editor</strong> : null}
                  </th>
                  <td data-label="Key">
                    <code class="citation-key">{c.key}</code>
                  </td>
                  <td data-label="Identifiers">
                    <IdentifierLinks pmid={c.pmid} doi={c.doi} />
                  </td>
                  <td data-label="Study type">{studyTypeFromPubTypes(c.pubTypes).label}</td>
                  <td data-label="Cited on" class="nowrap">
                    {c.useCount} page{c.useCount === 1 ? '' : 's'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {search.pageCount > 1 ? (
          <nav class="pager" aria-label="Pages of citations">
            {search.page > 1 ? (
              <a class="pager-prev" href={pageHref(search.page - 1)} rel="prev">
                <span class="pager-label">Previous</span> page {search.page - 1}
              </a>
            ) : (
              <span></span>
            )}
            {search.page < search.pageCount ? (
              <a class="pager-next" href={pageHref(search.page + 1)} rel="next">
                <span class="pager-label">Next</span> page {search.page + 1}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  );
}

const NOTICES: Record<string, string> = {
  imported: 'Citation imported. Use the key below to cite it on a page.',
  refreshed: 'This paper was already in the directory: its details were refreshed. Pages citing it keep working.',
  resolved: 'Marked as resolved. Readers no longer see the warning.',
};

export function CitationDetailPage(
  props: EditorFrame & { citation: CitationDetail; html: string; flags: CitationFlag[]; canResolve: boolean; notice?: string | undefined; note?: string; errors?: FieldError[] },
) {
  const { citation } = props;
  const errors = props.errors ?? [];
  const open = props.flags.filter((f) => !f.resolvedAt);
  const resolved = props.flags.filter((f) => f.resolvedAt);
  const notice = ownValue(NOTICES, props.notice);
  const type = studyTypeFromPubTypes(citation.pubTypes);
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(citation.title, errors)}
      noindex
      breadcrumbs={[DASHBOARD_CRUMB, CITATIONS_CRUMB, { label: citation.key, href: `/edit/citations/${citation.id}` }]}
    >
      <ErrorSummary errors={errors} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <h1>{citation.title}</h1>
      {open.map((f) => (
        <p class="flag-banner">
          <FlagWarning status={f.status} /> Found by retraction watch {displayInstant(f.detectedAt)}.
        </p>
      ))}
      <p class="formatted-citation">{raw(props.html)}</p>
      <KeyUsage citationKey={citation.key} pmid={citation.pmid} />
      <dl class="citation-facts">
        <div>
          <dt>Identifiers</dt>
          <dd>
            <IdentifierLinks pmid={citation.pmid} pmcid={citation.pmcid} doi={citation.doi} />
          </dd>
        </div>
        <div>
          <dt>Study type</dt>
          <dd>
            {type.label}: {type.explanation}
          </dd>
        </div>
        <div>
          <dt>PubMed publication types</dt>
          <dd>{citation.pubTypes.length ? citation.pubTypes.join(', ') : 'None recorded'}</dd>
        </div>
        <div>
          <dt>Cited on</dt>
          <dd>
            {citation.citedBy.length
              ? citation.citedBy.map((p, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <a href={`/directory/${p.slug}`}>{p.title}</a>
                  </>
                ))
              : 'No page yet'}
          </dd>
        </div>
      </dl>

      {open.length ? (
        <section class="panel attention" aria-labelledby="resolve-title">
          <h2 id="resolve-title">Resolve the {open.length === 1 ? 'flag' : 'flags'}</h2>
          <p>
            Until this is resolved, every page citing this paper shows readers the warning. Resolve it once the pages say what they should: for example the
            digest now mentions the {open.some((f) => f.status === 'retracted') ? 'retraction' : 'correction'}, or the citation was removed.
          </p>
          {props.canResolve ? (
            <form method="post" action={`/edit/citations/${citation.id}/resolve`}>
              <CsrfField token={props.csrfToken} />
              <div class={errors.length ? 'field has-error' : 'field'}>
                <label for="note">What was done about it</label>
                <span class="hint" id="note-hint">
                  Kept with the flag and in the audit log, e.g. “Digest rewritten to say the trial was retracted”.
                </span>
                {errors.length ? (
                  <span class="field-error" id="note-error">
                    <span class="visually-hidden">Error: </span>
                    {errors[0]!.message}
                  </span>
                ) : null}
                <textarea id="note" name="note" rows={3} maxlength={1000} required aria-describedby={errors.length ? 'note-hint note-error' : 'note-hint'} aria-invalid={errors.length ? 'true' : undefined}>
                  {props.note ?? ''}
                </textarea>
              </div>
              <button type="submit" class="button">
                Mark as resolved
              </button>
            </form>
          ) : (
            <p>Your role cannot resolve flags; ask an editor.</p>
          )}
        </section>
      ) : null}

      {resolved.length ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">Resolved flags</h2>
          <ul>
            {resolved.map((f) => (
              <li>
                {retractionNotice(f.status).label}: found {displayInstant(f.detectedAt)}, resolved {displayInstant(f.resolvedAt!)}
                {f.resolvedByName ? ` by ${f.resolvedByName}` : ''}. {f.resolutionNote ? `“${f.resolutionNote}”` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="badge-title">
        <h2 id="badge-title">What readers see</h2>
        <p>Research digests citing this paper show this study-type badge:</p>
        <StudyTypeBadge pubTypes={citation.pubTypes} />
      </section>
      <p>
        <a href="/edit/citations">All citations</a> · <a href="/edit/citations/import">Import another</a>
      </p>
    </Layout>
  );
}
