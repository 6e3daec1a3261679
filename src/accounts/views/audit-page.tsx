import { Layout } from '../../web/layout.js';
import type { AuditRow } from '../audit.js';
import type { CurrentUser } from '../context.js';
import { type Frame, displayInstant } from './frame.js';

export type AuditListRow = AuditRow & { actor_name: string | null; actor_email: string | null };

export interface AuditPageProps extends Frame {
  user: CurrentUser;
  rows: AuditListRow[];
  page: number;
  pageCount: number;
  total: number;
  actors: Array<{ id: number; name: string }>;
  actions: string[];
  filter: { actor: string; action: string };
}

function pageHref(filter: { actor: string; action: string }, page: number): string {
  const q = new URLSearchParams();
  if (filter.actor) q.set('actor', filter.actor);
  if (filter.action) q.set('action', filter.action);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

/** "{"from":"editor","to":"admin"}" → "from: editor; to: admin", readable without knowing JSON. */
function detailsText(json: string): string {
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('; ');
  } catch {
    return json;
  }
}

/** Who did what, when: every editorial and account action, newest first. */
export function AuditPage(props: AuditPageProps) {
  const { filter } = props;
  const filtered = Boolean(filter.actor || filter.action);
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={props.page > 1 ? `Audit log, page ${props.page}` : 'Audit log'}
      path="/admin/audit"
      breadcrumbs={[
        { label: 'Home', href: '/' },
        { label: 'Audit log', href: '/admin/audit' },
      ]}
      noindex
    >
      <h1>Audit log</h1>
      <form method="get" action="/admin/audit" class="filter-form" aria-label="Filter the audit log">
        <div class="field">
          <label for="actor">Who</label>
          <select id="actor" name="actor">
            <option value="">Anyone</option>
            <option value="none" selected={filter.actor === 'none'}>
              No one signed in (command line, failed sign-ins)
            </option>
            {props.actors.map((a) => (
              <option value={String(a.id)} selected={filter.actor === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="action">What</label>
          <select id="action" name="action">
            <option value="">Any action</option>
            {props.actions.map((a) => (
              <option value={a} selected={filter.action === a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          Show
        </button>
        {filtered ? (
          <p>
            <a href="/admin/audit">Show everything</a>
          </p>
        ) : null}
      </form>
      <p role="status">
        {props.total === 0
          ? 'Nothing matches.'
          : `${props.total} ${props.total === 1 ? 'entry' : 'entries'}${filtered ? ' match' : ''}; page ${props.page} of ${props.pageCount}, newest first.`}
      </p>
      {props.rows.length ? (
        <table class="data-table audit-table">
          <caption class="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Subject</th>
              <th scope="col">Details</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td data-label="When">
                  <time datetime={r.at}>{displayInstant(r.at)}</time>
                </td>
                <td data-label="Who">{r.actor_user_id === null ? '—' : (r.actor_name ?? `user ${r.actor_user_id}`)}</td>
                <td data-label="What">
                  <code>{r.action}</code>
                </td>
                <td data-label="Subject">{r.subject_type ? `${r.subject_type} ${r.subject_id ?? ''}`.trim() : '—'}</td>
                <td data-label="Details">{detailsText(r.details) || '—'}</td>
                <td data-label="IP">{r.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label="Audit log pages">
          {props.page > 1 ? (
            <a href={pageHref(filter, props.page - 1)} rel="prev">
              Newer entries
            </a>
          ) : null}
          {props.page < props.pageCount ? (
            <a class="pager-next" href={pageHref(filter, props.page + 1)} rel="next">
              Older entries
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
