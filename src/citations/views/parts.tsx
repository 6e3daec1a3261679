/** Pieces shared by the citation editor pages. */
import type { CurrentUser } from '../../accounts/context.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { JobSummary } from '../../jobs/queue.js';
import type { SiteContext } from '../../web/site-context.js';
import { citationsText } from '../messages/index.js';

/** What every editor page of this area needs to draw its frame. */
export interface EditorFrame {
  site: SiteContext;
  user: CurrentUser;
  csrfToken: string;
}

/** The breadcrumbs of this area, in the page's language. */
export function crumbs(i18n: Localizer) {
  const t = i18n.text(citationsText);
  return {
    dashboard: { label: t('crumbDashboard'), href: '/dashboard' },
    citations: { label: t('crumbCitations'), href: '/edit/citations' },
    inbox: { label: t('crumbInbox'), href: '/edit/inbox' },
    import: { label: t('crumbImport'), href: '/edit/citations/import' },
  };
}

/** The links to a paper's records elsewhere, each saying where it goes. */
export function IdentifierLinks({ i18n, pmid, pmcid, doi }: { i18n: Localizer; pmid: string | null; pmcid?: string | null; doi: string | null }) {
  const t = i18n.text(citationsText);
  const links = [
    pmid ? <a href={`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`}>{t('pmidLink', { pmid })}</a> : null,
    pmcid ? <a href={`https://www.ncbi.nlm.nih.gov/pmc/articles/${pmcid}/`}>{pmcid}</a> : null,
    doi ? <a href={`https://doi.org/${encodeURI(doi).replace(/[#?]/g, encodeURIComponent)}`}>{t('doiLink', { doi })}</a> : null,
  ].filter((l) => l !== null);
  if (!links.length) return <span class="hint">{t('noIdentifiers')}</span>;
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

/** How a background job last went, in words. `job` names it: retraction watch or the search for new research. */
export function JobStatusLine({ i18n, job, name }: { i18n: Localizer; job: JobSummary | undefined; name: 'jobRetractionWatch' | 'jobResearchSearch' }) {
  const t = i18n.text(citationsText);
  const jobName = t(name);
  if (!job?.lastRunAt) return <p class="job-status">{t('jobNotRun', { name: jobName })}</p>;
  const when = i18n.instant(job.lastRunAt);
  const next = job.runAt ? i18n.instant(job.runAt) : null;
  const skipped = job.lastResult ? readSkipped(job.lastResult) : null;
  const strong = (chunks: unknown) => <strong class="warning-text">{chunks}</strong>;
  return (
    <p class="job-status">
      {job.lastError
        ? next
          ? t.rich('jobFailedRetryAt', { name: jobName, when, next, error: job.lastError, strong })
          : t.rich('jobFailed', { name: jobName, when, error: job.lastError, strong })
        : skipped
          ? t.rich('jobSkipped', { name: jobName, when, reason: skipped, strong })
          : next
            ? t('jobRanNext', { name: jobName, when, next })
            : t('jobRan', { name: jobName, when })}
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
