import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import type { WantedPage } from '../../directory/queries.js';
import { Layout } from '../../web/layout.js';
import type { Revision } from '../revision-store.js';
import { StateTag } from './parts.js';
import { editingTextOf } from './text.js';
import type { Child } from 'hono/jsx';
import type { Localizer } from '../../i18n/localizer.js';
import type { DashboardSection } from '../../domain.js';

export interface ReviewDue {
  slug: string;
  title: string;
  nextReviewOn: string;
  overdue: boolean;
  /** Open reader problem reports on the page (src/feedback/). */
  openReports?: number;
}

export interface DashboardData {
  myDrafts: Revision[];
  awaitingReview: Revision[];
  approved: Revision[];
  reviewDue: ReviewDue[];
  neverReviewed: Array<{ slug: string; title: string }>;
  wanted: WantedPage[];
  recent: Revision[];
  deleted: Array<{ slug: string; title: string; deletedAt: string }>;
  /** The page address each revision's editor lives at (published slug, or the draft's). */
  editSlug: Map<string, string>;
}

/** An editor's or reviewer's work, in one place. */
/** A tool of the editorial side, in the viewer's language. */
export interface DashboardTool {
  href: string;
  label: string;
  description: string;
}

export function DashboardPage(
  props: Frame & { data: DashboardData; panels: DashboardSection[]; tools: DashboardTool[]; administration: boolean; canCreate: boolean; canReview: boolean; canRestore: boolean; notice?: string | undefined },
) {
  const { data, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const path = i18n.path;
  const editHref = (r: Revision) => path(`/edit/${data.editSlug.get(r.pageKey) ?? r.slug}`);
  // A reviewer opens a revision waiting for them on the review screen: the page, what changed, the checklist.
  const reviewHref = (r: Revision) => path(`/edit/${data.editSlug.get(r.pageKey) ?? r.slug}/review?revision=${r.id}`);
  const timeOf = (iso: string, text: string) => (chunks: Child[]) => <time datetime={iso}>{chunks.length ? chunks : text}</time>;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('dashboard')} noindex>
      <h1>{t('dashboard')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canCreate ? (
        <p>
          <a class="button" href={path('/edit')}>
            {t('writeNewPage')}
          </a>
        </p>
      ) : null}
      {props.tools.length || props.administration ? (
        <section aria-labelledby="dashboard-tools">
          <h2 id="dashboard-tools">{t('toolsTitle')}</h2>
          <ul class="admin-links">
            {props.tools.map((tool) => (
              <li>
                <a href={path(tool.href)}>{tool.label}</a>
                <p>{tool.description}</p>
              </li>
            ))}
            {props.administration ? (
              <li>
                <a href={path('/admin')}>{t('toolsAdministration')}</a>
                <p>{t('toolsAdministrationDescription')}</p>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={path('/declaration')}>{t('declarationDashboardLink')}</a>
      </p>
      <nav class="dashboard-nav" aria-label={t('dashboardSections')}>
        <ul>
          <li><a href="#my-drafts">{t('navMyDrafts', { count: data.myDrafts.length })}</a></li>
          <li><a href="#awaiting-review">{t('navAwaitingReview', { count: data.awaitingReview.length })}</a></li>
          <li><a href="#approved">{t('navApproved', { count: data.approved.length })}</a></li>
          <li><a href="#review-due">{t('navReviewDue', { count: data.reviewDue.length })}</a></li>
          <li><a href="#never-reviewed">{t('navNeverReviewed', { count: data.neverReviewed.length })}</a></li>
          <li><a href="#wanted">{t('navWanted', { count: data.wanted.length })}</a></li>
          {props.panels.map((p) => <li><a href={`#${p.id}`}>{p.count === undefined ? p.title : t('navPanel', { title: p.title, count: p.count })}</a></li>)}
          <li><a href="#recent">{t('navRecent')}</a></li>
        </ul>
      </nav>

      <RevisionList i18n={i18n} id="my-drafts" title={t('myDraftsTitle')} empty={t('myDraftsEmpty')} revisions={data.myDrafts} editHref={editHref} />
      <RevisionList i18n={i18n} id="awaiting-review" title={t('awaitingTitle')} empty={t('awaitingEmpty')} revisions={data.awaitingReview} editHref={props.canReview ? reviewHref : editHref} />
      <RevisionList i18n={i18n} id="approved" title={t('approvedTitle')} empty={t('approvedEmpty')} revisions={data.approved} editHref={editHref} />

      <section aria-labelledby="review-due">
        <h2 id="review-due">{t('reviewDueTitle')}</h2>
        {data.reviewDue.length ? (
          <ul class="dashboard-list">
            {data.reviewDue.map((p) => (
              <li>
                {t.rich('reviewDueItem', {
                  title: p.title,
                  overdue: p.overdue ? 'yes' : 'no',
                  date: i18n.date(p.nextReviewOn),
                  link: (chunks) => <a href={path(`/edit/${p.slug}`)}>{chunks}</a>,
                  warn: (chunks) => <strong class="warning-text">{chunks}</strong>,
                  time: timeOf(p.nextReviewOn, i18n.date(p.nextReviewOn)),
                })}
                {p.openReports ? (
                  <>
                    {' · '}
                    <a href={path(`/edit/feedback/${p.slug}`)}>{t('reviewDueOpenReports', { count: p.openReports })}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('reviewDueEmpty')}</p>
        )}
      </section>

      <section aria-labelledby="never-reviewed">
        <h2 id="never-reviewed">{t('neverReviewedTitle')}</h2>
        {data.neverReviewed.length ? (
          <ul class="dashboard-list columns">
            {data.neverReviewed.map((p) => (
              <li>
                <a href={path(`/edit/${p.slug}`)}>{p.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('neverReviewedEmpty')}</p>
        )}
      </section>

      {props.panels.map((p) => (
        <section aria-labelledby={p.id}>
          <h2 id={p.id}>{p.title}</h2>
          {p.body}
        </section>
      ))}

      <section aria-labelledby="wanted">
        <h2 id="wanted">{t('wantedTitle')}</h2>
        {data.wanted.length ? (
          <table class="data-table">
            <caption class="visually-hidden">{t('wantedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wantedPage')}</th>
                <th scope="col">{t('wantedLinks')}</th>
                <th scope="col">{t('wantedAction')}</th>
              </tr>
            </thead>
            <tbody>
              {data.wanted.map((w) => (
                <tr>
                  <th scope="row">{w.title}</th>
                  <td>{i18n.number(w.linkCount)}</td>
                  <td>
                    {props.canCreate ? <a href={path(`/edit?${new URLSearchParams({ title: w.title, slug: w.slug })}`)}>{t('wantedWrite', { title: w.title })}</a> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('wantedEmpty')}</p>
        )}
      </section>

      <section aria-labelledby="recent">
        <h2 id="recent">{t('recentTitle')}</h2>
        {data.recent.length ? (
          <ul class="dashboard-list">
            {data.recent.map((r) => (
              <li>
                <RevisionLine i18n={i18n} revision={r} href={editHref(r)} />: <StateTag state={r.state} i18n={i18n} />
                {r.summary ? <span class="muted">{t('quotedSummary', { summary: r.summary })}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('recentEmpty')}</p>
        )}
      </section>

      {data.deleted.length ? (
        <section aria-labelledby="deleted">
          <h2 id="deleted">{t('deletedTitle')}</h2>
          <ul class="dashboard-list">
            {data.deleted.map((p) => (
              <li>
                {t.rich('deletedItem', { title: p.title, when: i18n.instant(p.deletedAt), time: timeOf(p.deletedAt, i18n.instant(p.deletedAt)) })}
                {props.canRestore ? (
                  <form method="post" action={path(`/edit/${p.slug}/undelete`)} class="inline-form">
                    <CsrfField token={props.csrfToken} />{' '}
                    <button type="submit" class="link-button">
                      {t('restoreNamed', { title: p.title })}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** "Title, revision 3 by Name, 4 March 2025, 14:32 UTC": the page links to its editor. */
function RevisionLine({ i18n, revision: r, href }: { i18n: Localizer; revision: Revision; href: string }) {
  const t = editingTextOf(i18n);
  const when = i18n.instant(r.createdAt);
  return (
    <>
      {t.rich('revisionLine', {
        title: r.title,
        number: r.number,
        author: r.authorName ?? t('someoneLower'),
        when,
        link: (chunks) => <a href={href}>{chunks}</a>,
        time: (chunks) => <time datetime={r.createdAt}>{chunks}</time>,
      })}
    </>
  );
}

function RevisionList(props: { i18n: Localizer; id: string; title: string; empty: string; revisions: Revision[]; editHref: (r: Revision) => string }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.revisions.length ? (
        <ul class="dashboard-list">
          {props.revisions.map((r) => (
            <li>
              <RevisionLine i18n={props.i18n} revision={r} href={props.editHref(r)} /> <StateTag state={r.state} i18n={props.i18n} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{props.empty}</p>
      )}
    </section>
  );
}
