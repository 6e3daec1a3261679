/** The citations part of the editors' dashboard: flagged studies, the inbox, pages whose evidence has aged. */
import type { CurrentUser } from '../accounts/context.js';
import type { DashboardPanel } from '../domain.js';
import { can } from '../accounts/permissions.js';
import type { Db } from '../db/database.js';
import { type FlaggedCitation, openFlags } from './flags.js';
import { countNewInboxItems } from './research-inbox.js';
import { type StaleEvidencePage, staleEvidencePages } from './stale-evidence.js';
import { FlagWarning } from './views/evidence.js';

export interface CitationDashboardData {
  flagged: FlaggedCitation[];
  inboxCount: number;
  stale: StaleEvidencePage[];
  /** ATOZ_STALE_EVIDENCE_YEARS: the age beyond which evidence is listed. */
  staleYears: number;
}

export async function loadCitationDashboard(db: Db, staleYears: number, today = new Date()): Promise<CitationDashboardData> {
  const [flagged, inboxCount, stale] = await Promise.all([openFlags(db), countNewInboxItems(db), staleEvidencePages(db, staleYears, today)]);
  return { flagged, inboxCount, stale, staleYears };
}

/** The citations sections of the editors' dashboard: flagged studies, the inbox, aged evidence (one query round). */
export function citationDashboardPanel(db: Db, staleYears: number): DashboardPanel {
  return {
    async render(viewer) {
      const data = await loadCitationDashboard(db, staleYears, new Date(`${viewer.today}T00:00:00Z`));
      return [
        { id: 'dashboard-flagged', title: 'Retracted or corrected studies to deal with', count: data.flagged.length, body: <FlaggedSection data={data} user={viewer.user} /> },
        { id: 'dashboard-inbox', title: 'New research', count: data.inboxCount, body: <InboxSection data={data} user={viewer.user} /> },
        { id: 'dashboard-stale', title: `Evidence older than ${data.staleYears} years`, count: data.stale.length, body: <StaleSection data={data} /> },
      ];
    },
  };
}

function FlaggedSection({ data, user }: { data: CitationDashboardData; user: CurrentUser | null }) {
  return (
    <>
    {data.flagged.length ? (
          <ul class="flag-list">
            {data.flagged.map((f) => (
              <li>
                <FlagWarning status={f.status} />
                <a href={`/edit/citations/${f.citationId}`}>{f.title}</a>
                {f.citedBy.length ? (
                  <>
                    {' '}
                    is cited on{' '}
                    {f.citedBy.map((p, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <a href={`/edit/${p.slug}`}>{p.title}</a>
                      </>
                    ))}
                    .
                  </>
                ) : (
                  ' is not cited on any page now.'
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>None: retraction watch has found no retraction or correction that still needs an editor.</p>
        )}
      {can(user, 'citation.import') ? (
        <p>
          <a href="/edit/citations">All citations</a> · <a href="/edit/citations/import">Import a study by PMID or DOI</a>
        </p>
      ) : null}
    </>
  );
}

function InboxSection({ data, user }: { data: CitationDashboardData; user: CurrentUser | null }) {
  return (
    <p>
          {data.inboxCount === 0 ? 'No new papers are waiting in the inbox.' : `${data.inboxCount} new paper${data.inboxCount === 1 ? ' is' : 's are'} waiting in the inbox.`}{' '}
          {can(user, 'inbox.manage') ? <a href="/edit/inbox">Open the new-research inbox</a> : null}
        </p>
  );
}

function StaleSection({ data }: { data: CitationDashboardData }) {
  return (
    <>
    {data.stale.length ? (
          <ul>
            {data.stale.map((p) => (
              <li>
                <a href={`/edit/${p.slug}`}>{p.title}</a>: newest evidence from {p.newestYear} ({p.ageYears} years ago)
              </li>
            ))}
          </ul>
        ) : (
          <p>Every page cites evidence from the last {data.staleYears} years.</p>
        )}
    </>
  );
}
