import type { Frame } from '../../accounts/views/frame.js';
import { displayInstant } from '../../accounts/views/frame.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { Revision } from '../revision-store.js';
import type { DiffPart } from '../word-diff.js';
import { DiffView, StateTag, diffSummary } from './parts.js';

interface PageFrame extends Frame {
  /** The page's editor address. */
  slug: string;
  /** The page's current title, for headings. */
  title: string;
}

function crumbs(slug: string, title: string, last?: { label: string; href: string }) {
  return [
    { label: 'Dashboard', href: '/dashboard' },
    { label: `Edit “${title}”`, href: `/edit/${slug}` },
    { label: 'History', href: `/edit/${slug}/history` },
    ...(last ? [last] : []),
  ];
}

/** Every saved revision of a page, newest first, with ways to view, compare and restore. */
export function HistoryPage(props: PageFrame & { revisions: Revision[]; canRestore: boolean; notice?: string | undefined }) {
  const { slug, revisions } = props;
  const newest = revisions[0];
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={`History of “${props.title}”`} noindex breadcrumbs={crumbs(slug, props.title)}>
      <h1>History of “{props.title}”</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="lead">
        Every save is kept in full. {revisions.length} revision{revisions.length === 1 ? '' : 's'}. Restoring an old revision makes a new one; nothing is
        ever overwritten.
      </p>

      {revisions.length > 1 ? (
        <form method="get" action={`/edit/${slug}/diff`} class="compare-form">
          <fieldset>
            <legend>Compare two revisions</legend>
            <div class="compare-fields">
              <div class="field">
                <label for="diff-from">Older revision</label>
                <select id="diff-from" name="from">
                  {revisions.map((r, i) => (
                    <option value={String(r.id)} selected={i === 1}>
                      {`${r.number}: ${r.authorName ?? 'imported'}, ${r.createdAt.slice(0, 10)}`}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="diff-to">Newer revision</label>
                <select id="diff-to" name="to">
                  {revisions.map((r, i) => (
                    <option value={String(r.id)} selected={i === 0}>
                      {`${r.number}: ${r.authorName ?? 'imported'}, ${r.createdAt.slice(0, 10)}`}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" class="button secondary">
              Show the changes
            </button>
          </fieldset>
        </form>
      ) : null}

      <table class="data-table history-table">
        <caption class="visually-hidden">Revisions of this page, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Saved</th>
            <th scope="col">By</th>
            <th scope="col">Edit summary</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => {
            const older = revisions[i + 1];
            return (
              <tr id={`revision-${r.number}`}>
                <th scope="row">
                  <a href={`/edit/${slug}/revisions/${r.id}`}>Revision {r.number}</a>
                </th>
                <td>
                  <time datetime={r.createdAt}>{displayInstant(r.createdAt)}</time>
                </td>
                <td>{r.authorName ?? 'Imported content'}</td>
                <td>{r.summary || <span class="muted">No summary</span>}</td>
                <td>
                  <StateTag state={r.state} />
                  {r.reviewerName && r.reviewedAt ? (
                    <span class="reviewed-by">
                      {' '}
                      Reviewed by {r.reviewerName}, <time datetime={r.reviewedAt}>{r.reviewedAt.slice(0, 10)}</time>
                    </span>
                  ) : null}
                </td>
                <td>
                  <ul class="plain actions-list">
                    {older ? (
                      <li>
                        <a href={`/edit/${slug}/diff?from=${older.id}&to=${r.id}`}>Changes from revision {older.number}</a>
                      </li>
                    ) : null}
                    {props.canRestore && newest && r.id !== newest.id ? (
                      <li>
                        <form method="post" action={`/edit/${slug}/restore`} class="inline-form">
                          <CsrfField token={props.csrfToken} />
                          <input type="hidden" name="revisionId" value={String(r.id)} />
                          <button type="submit" class="link-button">
                            Restore revision {r.number}
                          </button>
                        </form>
                      </li>
                    ) : null}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}

/** One revision as saved: its fields and text, read-only. */
export function RevisionPage(props: PageFrame & { revision: Revision; text: string; canRestore: boolean; isNewest: boolean }) {
  const { revision: r, slug } = props;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={`Revision ${r.number} of “${props.title}”`}
      noindex
      breadcrumbs={crumbs(slug, props.title, { label: `Revision ${r.number}`, href: `/edit/${slug}/revisions/${r.id}` })}
    >
      <h1>
        Revision {r.number} of “{props.title}”
      </h1>
      <dl class="status-list panel">
        <div>
          <dt>Saved</dt>
          <dd>
            <time datetime={r.createdAt}>{displayInstant(r.createdAt)}</time> by {r.authorName ?? 'import'}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>
            <StateTag state={r.state} />
          </dd>
        </div>
        <div>
          <dt>Edit summary</dt>
          <dd>{r.summary || 'None'}</dd>
        </div>
      </dl>
      {props.canRestore && !props.isNewest ? (
        <form method="post" action={`/edit/${slug}/restore`}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="revisionId" value={String(r.id)} />
          <button type="submit" class="button">
            Restore this revision as the newest
          </button>
        </form>
      ) : null}
      <h2>The page as saved</h2>
      <pre class="source-text" tabindex={0}>
        {props.text}
      </pre>
    </Layout>
  );
}

/** The word-level difference between two revisions. */
export function DiffPage(props: PageFrame & { from: Revision; to: Revision; parts: DiffPart[] }) {
  const { from, to, slug } = props;
  const title = `Changes from revision ${from.number} to ${to.number}`;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={`${title} of “${props.title}”`}
      noindex
      breadcrumbs={crumbs(slug, props.title, { label: title, href: `/edit/${slug}/diff?from=${from.id}&to=${to.id}` })}
    >
      <h1>{title}</h1>
      <p class="lead">
        “{props.title}”: revision {from.number} ({from.authorName ?? 'imported'}, {from.createdAt.slice(0, 10)}) compared with revision {to.number} (
        {to.authorName ?? 'imported'}, {to.createdAt.slice(0, 10)}).
      </p>
      <p>
        {diffSummary(props.parts)} <del class="diff-key">Struck-through text</del> was removed; <ins class="diff-key">underlined text</ins> was added.
      </p>
      <DiffView parts={props.parts} label={title} />
      <p>
        <a href={`/edit/${slug}/history`}>Back to the page history</a>
      </p>
    </Layout>
  );
}
