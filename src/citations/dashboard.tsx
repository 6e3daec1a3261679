/** The citations part of the editors' dashboard: flagged studies, the inbox, pages whose evidence has aged. */
import type { CurrentUser } from '../accounts/context.js';
import type { DashboardPanel } from '../domain.js';
import { can } from '../accounts/permissions.js';
import type { Db } from '../db/database.js';
import type { Localizer } from '../i18n/localizer.js';
import { citationsText } from './messages/index.js';
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
      const t = viewer.i18n.text(citationsText);
      const view = { data, user: viewer.user, i18n: viewer.i18n };
      return [
        { id: 'dashboard-flagged', title: t('dashboardFlaggedTitle'), count: data.flagged.length, body: <FlaggedSection {...view} /> },
        { id: 'dashboard-inbox', title: t('dashboardInboxTitle'), count: data.inboxCount, body: <InboxSection {...view} /> },
        { id: 'dashboard-stale', title: t('dashboardStaleTitle', { years: data.staleYears }), count: data.stale.length, body: <StaleSection {...view} /> },
      ];
    },
  };
}

interface SectionProps {
  data: CitationDashboardData;
  user: CurrentUser | null;
  i18n: Localizer;
}

function FlaggedSection({ data, user, i18n }: SectionProps) {
  const t = i18n.text(citationsText);
  return (
    <>
      {data.flagged.length ? (
        <ul class="flag-list">
          {data.flagged.map((f) => (
            <li>
              <FlagWarning status={f.status} i18n={i18n} />
              <a href={i18n.path(`/edit/citations/${f.citationId}`)}>{f.title}</a>{' '}
              {f.citedBy.length
                ? t.rich('dashboardCitedOn', {
                    // A rich value: the page links, joined, in place of {pages}.
                    pages: (
                      <>
                        {f.citedBy.map((p, i) => (
                          <>
                            {i > 0 ? ', ' : ''}
                            <a href={i18n.path(`/edit/${p.slug}`)}>{p.title}</a>
                          </>
                        ))}
                      </>
                    ) as never,
                  })
                : t('dashboardNotCited')}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dashboardNoFlags')}</p>
      )}
      {can(user, 'citation.import') ? (
        <p>
          <a href={i18n.path('/edit/citations')}>{t('allCitations')}</a> · <a href={i18n.path('/edit/citations/import')}>{t('dashboardImport')}</a>
        </p>
      ) : null}
    </>
  );
}

function InboxSection({ data, user, i18n }: SectionProps) {
  const t = i18n.text(citationsText);
  return (
    <p>
      {t('dashboardInboxCount', { count: data.inboxCount })}{' '}
      {can(user, 'inbox.manage') ? <a href={i18n.path('/edit/inbox')}>{t('dashboardOpenInbox')}</a> : null}
    </p>
  );
}

function StaleSection({ data, i18n }: SectionProps) {
  const t = i18n.text(citationsText);
  return (
    <>
      {data.stale.length ? (
        <ul>
          {data.stale.map((p) => (
            <li>
              {t.rich('dashboardStaleLine', {
                title: p.title,
                year: i18n.year(p.newestYear),
                age: p.ageYears,
                link: (chunks) => <a href={i18n.path(`/edit/${p.slug}`)}>{chunks}</a>,
              })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dashboardNoStale', { years: data.staleYears })}</p>
      )}
    </>
  );
}
