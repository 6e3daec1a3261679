/** Pieces shared by the citation editor pages. */
import type { CurrentUser } from '../../accounts/context.js';
import { displayInstant } from '../../accounts/views/frame.js';
import type { JobSummary } from '../../jobs/queue.js';
import type { SiteContext } from '../../web/site-context.js';

/** What every editor page of this area needs to draw its frame. */
export interface EditorFrame {
  site: SiteContext;
  user: CurrentUser;
  csrfToken: string;
}

export const DASHBOARD_CRUMB = { label: 'Dashboard', href: '/dashboard' };
export const CITATIONS_CRUMB = { label: 'Citations', href: '/edit/citations' };
export const INBOX_CRUMB = { label: 'New research inbox', href: '/edit/inbox' };

/** The links to a paper's records elsewhere, each saying where it goes. */
export function IdentifierLinks({ pmid, pmcid, doi }: { pmid: string | null; pmcid?: string | null; doi: string | null }) {
  const links = [
    pmid ? <a href={`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`}>PMID {pmid}</a> : null,
    pmcid ? <a href={`https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcid}/`}>{pmcid}</a> : null,
    doi ? <a href={`https://doi.org/${encodeURI(doi).replace(/[#?]/g, encodeURIComponent)}`}>DOI {doi}</a> : null,
  ].filter((l) => l !== null);
  if (!links.length) return <span class="hint">No PubMed record or DOI</span>;
  return (
    <>
      {links.map((l, i) => (
        <>
          {i > 0 ? ' · ' : ''}
          {l}
        </>
      ))}
    </>
  );
}

/** How a background job last went, in words. */
export function JobStatusLine({ job, name }: { job: JobSummary | undefined; name: string }) {
  if (!job?.lastRunAt) return <p class="job-status">{name} has not run yet. It runs in the background; the first run starts soon after the server starts.</p>;
  const skipped = job.lastResult ? readSkipped(job.lastResult) : null;
  return (
    <p class="job-status">
      {name} last ran {displayInstant(job.lastRunAt)}
      {job.lastError ? (
        <>
          {' '}
          and <strong class="warning-text">failed: {job.lastError}</strong> It will try again
          {job.runAt ? ` at ${displayInstant(job.runAt)}` : ''}.
        </>
      ) : skipped ? (
        <>
          {' '}
          but did nothing: <strong class="warning-text">{skipped}</strong>
        </>
      ) : (
        <>. {job.runAt ? `Next run ${displayInstant(job.runAt)}.` : ''}</>
      )}
    </p>
  );
}

function readSkipped(result: string): string | null {
  try {
    const parsed = JSON.parse(result) as { skipped?: unknown };
    return typeof parsed.skipped === 'string' ? parsed.skipped : null;
  } catch {
    return null;
  }
}

/** Text as it can be shown again in a form: C0 control characters (other than tab and line breaks) are not allowed in HTML. */
export function displayable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
