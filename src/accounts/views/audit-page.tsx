import { Layout } from '../../web/layout.js';
import type { AuditRow } from '../audit.js';
import type { CurrentUser } from '../context.js';
import { accountsText } from '../messages/index.js';
import type { Frame } from './frame.js';

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
  const { filter, site } = props;
  const t = site.i18n.text(accountsText);
  const filtered = Boolean(filter.actor || filter.action);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={props.page > 1 ? t('auditTitlePage', { page: props.page }) : t('auditTitle')}
      path="/admin/audit"
      breadcrumbs={[
        { label: t('home'), href: '/' },
        { label: t('auditTitle'), href: '/admin/audit' },
      ]}
      noindex
    >
      <h1>{t('auditTitle')}</h1>
      <form method="get" action={site.i18n.path('/admin/audit')} class="filter-form" aria-label={t('auditFilterLabel')}>
        <div class="field">
          <label for="actor">{t('auditWho')}</label>
          <select id="actor" name="actor">
            <option value="">{t('auditAnyone')}</option>
            <option value="none" selected={filter.actor === 'none'}>
              {t('auditNoOne')}
            </option>
            {props.actors.map((a) => (
              <option value={String(a.id)} selected={filter.actor === String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="action">{t('auditWhat')}</label>
          <select id="action" name="action">
            <option value="">{t('auditAnyAction')}</option>
            {props.actions.map((a) => (
              <option value={a} selected={filter.action === a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          {t('auditShow')}
        </button>
        {filtered ? (
          <p>
            <a href={site.i18n.path('/admin/audit')}>{t('auditShowEverything')}</a>
          </p>
        ) : null}
      </form>
      <p role="status">
        {props.total === 0 ? t('auditNothing') : t('auditCount', { total: props.total, filtered: filtered ? 'yes' : 'no', page: props.page, pageCount: props.pageCount })}
      </p>
      {props.rows.length ? (
        <table class="data-table audit-table">
          <caption class="visually-hidden">{t('auditCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auditWhen')}</th>
              <th scope="col">{t('auditWho')}</th>
              <th scope="col">{t('auditWhat')}</th>
              <th scope="col">{t('auditSubject')}</th>
              <th scope="col">{t('auditDetails')}</th>
              <th scope="col">{t('auditIp')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td data-label={t('auditWhen')}>
                  <time datetime={r.at}>{site.i18n.instant(r.at)}</time>
                </td>
                <td data-label={t('auditWho')}>{r.actor_user_id === null ? '—' : (r.actor_name ?? t('auditUser', { id: String(r.actor_user_id) }))}</td>
                <td data-label={t('auditWhat')}>
                  <code>{r.action}</code>
                </td>
                <td data-label={t('auditSubject')}>{r.subject_type ? `${r.subject_type} ${r.subject_id ?? ''}`.trim() : '—'}</td>
                <td data-label={t('auditDetails')}>{detailsText(r.details) || '—'}</td>
                <td data-label={t('auditIp')}>{r.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.pageCount > 1 ? (
        <nav class="pager" aria-label={t('auditPages')}>
          {props.page > 1 ? (
            <a href={site.i18n.path(pageHref(filter, props.page - 1))} rel="prev">
              {t('auditNewer')}
            </a>
          ) : null}
          {props.page < props.pageCount ? (
            <a class="pager-next" href={site.i18n.path(pageHref(filter, props.page + 1))} rel="next">
              {t('auditOlder')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
