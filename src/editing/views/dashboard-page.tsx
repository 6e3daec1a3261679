import type { Frame } from '../../accounts/views/frame.js';
import { displayInstant } from '../../accounts/views/frame.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import type { WantedPage } from '../../directory/queries.js';
import { displayDate } from '../../directory/views/dates.js';
import { Layout } from '../../web/layout.js';
import type { Revision } from '../revision-store.js';
import { StateTag } from './parts.js';
import type { DashboardSection } from '../../domain.js';

export interface ReviewDue {
  slug: string;
  title: string;
  nextReviewOn: string;
  overdue: boolean;
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
export function DashboardPage(props: Frame & { data: DashboardData; panels: DashboardSection[]; canCreate: boolean; canRestore: boolean; notice?: string | undefined }) {
  const { data } = props;
  const editHref = (r: Revision) => `/edit/${data.editSlug.get(r.pageKey) ?? r.slug}`;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title="Dashboard" noindex>
      <h1>Dashboard</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canCreate ? (
        <p>
          <a class="button" href="/edit">
            Write a new page
          </a>
        </p>
      ) : null}
      <nav class="dashboard-nav" aria-label="Dashboard sections">
        <ul>
          <li><a href="#my-drafts">My drafts ({data.myDrafts.length})</a></li>
          <li><a href="#awaiting-review">Awaiting review ({data.awaitingReview.length})</a></li>
          <li><a href="#approved">Approved, not published ({data.approved.length})</a></li>
          <li><a href="#review-due">Review due ({data.reviewDue.length})</a></li>
          <li><a href="#never-reviewed">Never reviewed ({data.neverReviewed.length})</a></li>
          <li><a href="#wanted">Wanted pages ({data.wanted.length})</a></li>
          {props.panels.map((p) => <li><a href={`#${p.id}`}>{p.title}{p.count === undefined ? '' : ` (${p.count})`}</a></li>)}
          <li><a href="#recent">Recently changed</a></li>
        </ul>
      </nav>

      <RevisionList id="my-drafts" title="My drafts" empty="You have no drafts in progress." revisions={data.myDrafts} editHref={editHref} />
      <RevisionList id="awaiting-review" title="Awaiting medical review" empty="Nothing is waiting for review." revisions={data.awaitingReview} editHref={editHref} />
      <RevisionList id="approved" title="Approved, waiting to be published" empty="No approved revision is waiting." revisions={data.approved} editHref={editHref} />

      <section aria-labelledby="review-due">
        <h2 id="review-due">Review overdue or due within 30 days</h2>
        {data.reviewDue.length ? (
          <ul class="dashboard-list">
            {data.reviewDue.map((p) => (
              <li>
                <a href={`/edit/${p.slug}`}>{p.title}</a>: {p.overdue ? <strong class="warning-text">overdue since</strong> : 'due'}{' '}
                <time datetime={p.nextReviewOn}>{displayDate(p.nextReviewOn)}</time>
              </li>
            ))}
          </ul>
        ) : (
          <p>No page is due for review in the next 30 days.</p>
        )}
      </section>

      <section aria-labelledby="never-reviewed">
        <h2 id="never-reviewed">Never medically reviewed</h2>
        {data.neverReviewed.length ? (
          <ul class="dashboard-list columns">
            {data.neverReviewed.map((p) => (
              <li>
                <a href={`/edit/${p.slug}`}>{p.title}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Every published page has had a medical review.</p>
        )}
      </section>

      {props.panels.map((p) => (
        <section aria-labelledby={p.id}>
          <h2 id={p.id}>{p.title}</h2>
          {p.body}
        </section>
      ))}

      <section aria-labelledby="wanted">
        <h2 id="wanted">Wanted pages, most linked first</h2>
        {data.wanted.length ? (
          <table class="data-table">
            <caption class="visually-hidden">Pages linked to but not written yet</caption>
            <thead>
              <tr>
                <th scope="col">Wanted page</th>
                <th scope="col">Pages linking to it</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {data.wanted.map((w) => (
                <tr>
                  <th scope="row">{w.title}</th>
                  <td>{w.linkCount}</td>
                  <td>
                    {props.canCreate ? (
                      <a href={`/edit?${new URLSearchParams({ title: w.title, slug: w.slug })}`}>
                        Write “{w.title}”
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Every linked page exists.</p>
        )}
      </section>

      <section aria-labelledby="recent">
        <h2 id="recent">Recently changed</h2>
        {data.recent.length ? (
          <ul class="dashboard-list">
            {data.recent.map((r) => (
              <li>
                <a href={editHref(r)}>{r.title}</a>, revision {r.number} by {r.authorName ?? 'someone'},{' '}
                <time datetime={r.createdAt}>{displayInstant(r.createdAt)}</time>: <StateTag state={r.state} />
                {r.summary ? <span class="muted"> “{r.summary}”</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Nobody has edited a page here yet.</p>
        )}
      </section>

      {data.deleted.length ? (
        <section aria-labelledby="deleted">
          <h2 id="deleted">Deleted pages</h2>
          <ul class="dashboard-list">
            {data.deleted.map((p) => (
              <li>
                {p.title} (deleted <time datetime={p.deletedAt}>{displayInstant(p.deletedAt)}</time>)
                {props.canRestore ? (
                  <form method="post" action={`/edit/${p.slug}/undelete`} class="inline-form">
                    <CsrfField token={props.csrfToken} />{' '}
                    <button type="submit" class="link-button">
                      Restore “{p.title}”
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

function RevisionList(props: { id: string; title: string; empty: string; revisions: Revision[]; editHref: (r: Revision) => string }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.revisions.length ? (
        <ul class="dashboard-list">
          {props.revisions.map((r) => (
            <li>
              <a href={props.editHref(r)}>{r.title}</a>, revision {r.number} by {r.authorName ?? 'someone'},{' '}
              <time datetime={r.createdAt}>{displayInstant(r.createdAt)}</time> <StateTag state={r.state} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{props.empty}</p>
      )}
    </section>
  );
}
