/** /edit/citations/import: paste an identifier, check what PubMed or Crossref found, then save it. */
import { raw } from 'hono/html';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { CitationRecord } from '../record.js';
import { StudyTypeBadge } from './evidence.js';
import { CITATIONS_CRUMB, DASHBOARD_CRUMB, type EditorFrame, IdentifierLinks } from './parts.js';

const IMPORT_CRUMB = { label: 'Import', href: '/edit/citations/import' };

export function ImportPage(props: EditorFrame & { identifier: string; errors: FieldError[]; unavailable: string[] }) {
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle('Import a citation', props.errors)}
      noindex
      breadcrumbs={[DASHBOARD_CRUMB, CITATIONS_CRUMB, IMPORT_CRUMB]}
    >
      <ErrorSummary errors={props.errors} title="The citation could not be looked up" />
      <h1>Import a citation</h1>
      <p class="lead">Paste a PubMed ID or a DOI. atoz looks the paper up, shows you what it found, and stores it once you confirm.</p>
      {props.unavailable.map((message) => (
        <p class="notice warning-text">{message}</p>
      ))}
      <form method="post" action="/edit/citations/import" novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id="identifier"
          label="PubMed ID or DOI"
          hint={
            <>
              For example <code>27933103</code>, <code>https://pubmed.ncbi.nlm.nih.gov/27933103/</code>, <code>10.1371/journal.pone.0001693</code> or{' '}
              <code>https://doi.org/10.1371/journal.pone.0001693</code>.
            </>
          }
          value={props.identifier}
          error={errorFor(props.errors, 'identifier')}
          maxlength={2000}
          spellcheck={false}
          autocomplete="off"
          required
        />
        <button type="submit" class="button">
          Look it up
        </button>
      </form>
      <p>
        <a href="/edit/citations">All citations</a>
      </p>
    </Layout>
  );
}

export function ConfirmImportPage(
  props: EditorFrame & { identifier: string; record: CitationRecord; source: string; html: string; existing: { id: number; key: string } | null },
) {
  const { record } = props;
  const key = props.existing?.key ?? record.key;
  const authors = (record.csl.author ?? []).map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(' '));
  const year = record.csl.issued?.['date-parts'][0]?.[0];
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="Check the citation" noindex breadcrumbs={[DASHBOARD_CRUMB, CITATIONS_CRUMB, IMPORT_CRUMB]}>
      <h1>Check the citation</h1>
      <p class="lead">
        {props.source} found this for <code>{props.identifier}</code>. Check it is the paper you meant, then save it.
      </p>
      {props.existing ? (
        <p class="notice" role="status">
          This paper is already in the directory as <a href={`/edit/citations/${props.existing.id}`}>{props.existing.key}</a>. Saving refreshes its details from{' '}
          {props.source}; pages that cite it keep working.
        </p>
      ) : null}
      <section class="panel" aria-labelledby="as-cited-title">
        <h2 id="as-cited-title">As readers will see it</h2>
        <p class="formatted-citation">{raw(props.html)}</p>
        <StudyTypeBadge pubTypes={record.pubTypes} />
      </section>
      <dl class="citation-facts">
        <div>
          <dt>Title</dt>
          <dd>{record.csl.title ?? 'No title'}</dd>
        </div>
        <div>
          <dt>Authors</dt>
          <dd>{authors.length ? authors.join(', ') : 'None listed'}</dd>
        </div>
        <div>
          <dt>Journal</dt>
          <dd>{record.csl['container-title'] ?? record.csl['container-title-short'] ?? 'None listed'}</dd>
        </div>
        <div>
          <dt>Year</dt>
          <dd>{year ?? 'Not given'}</dd>
        </div>
        <div>
          <dt>Identifiers</dt>
          <dd>
            <IdentifierLinks pmid={record.pmid ?? null} pmcid={record.pmcid ?? null} doi={record.doi ?? null} />
          </dd>
        </div>
        <div>
          <dt>Key for pages</dt>
          <dd>
            <code class="citation-key">{key}</code>, as in <code>::: research [@{key}]</code>
          </dd>
        </div>
      </dl>
      <form method="post" action="/edit/citations/import/confirm" class="inline-form">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="identifier" value={props.identifier} />
        <button type="submit" class="button">
          {props.existing ? 'Refresh the stored citation' : 'Save citation'}
        </button>
      </form>{' '}
      <a class="button secondary" href={`/edit/citations/import?identifier=${encodeURIComponent(props.identifier)}`}>
        Look up a different one
      </a>
    </Layout>
  );
}
