import type { CurrentUser } from '../../accounts/context.js';
import { Layout } from '../../web/layout.js';
import type { SiteContext } from '../../web/site-context.js';
import { mailText } from '../messages/index.js';
import type { OutboxRow, OutboxStatus } from '../outbox.js';

export interface AdminFrame {
  site: SiteContext;
  user: CurrentUser;
  csrfToken: string;
}

function listHref(status: OutboxStatus | undefined, page: number): string {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/admin/outbox?${s}` : '/admin/outbox';
}

const KIND_KEYS = { invitation: 'kindInvitation', 'password-reset': 'kindPasswordReset', confirm: 'kindConfirm', welcome: 'kindWelcome', digest: 'kindDigest' } as const;

/** The kind of an e-mail in words; a kind another domain adds later shows as stored until it has words. */
function KindText({ site, kind }: { site: SiteContext; kind: string }) {
  const key = (KIND_KEYS as Record<string, (typeof KIND_KEYS)[keyof typeof KIND_KEYS] | undefined>)[kind];
  return <>{key ? site.i18n.text(mailText)(key) : kind}</>;
}

/** What a row's state is, in words: waiting, being sent, retrying at…, sent at…, failed, refused. */
function StateText({ site, row, now }: { site: SiteContext; row: OutboxRow; now: string }) {
  const t = site.i18n.text(mailText);
  if (row.status === 'sent') return <>{t('stateSent', { when: site.i18n.instant(row.sent_at ?? row.created_at) })}</>;
  if (row.status === 'failed') return <>{t('stateFailed')}</>;
  if (row.status === 'bounced') return <>{t('stateBounced')}</>;
  if (row.locked_until && row.locked_until > now) return <>{t('stateSending')}</>;
  if (Number(row.attempts) > 0) return <>{t('stateRetrying', { when: site.i18n.instant(row.next_attempt_at) })}</>;
  return <>{t('stateQueued')}</>;
}

export function OutboxPage(
  props: AdminFrame & {
    rows: OutboxRow[];
    counts: Record<OutboxStatus, number>;
    status: OutboxStatus | undefined;
    page: number;
    pageCount: number;
    delivering: boolean;
    perMinute: number;
    now: string;
  },
) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  const total = Object.values(props.counts).reduce((a, b) => a + b, 0);
  const statusLabel: Record<OutboxStatus, string> = {
    queued: t('statusQueued', { count: props.counts.queued }),
    sent: t('statusSent', { count: props.counts.sent }),
    failed: t('statusFailed', { count: props.counts.failed }),
    bounced: t('statusBounced', { count: props.counts.bounced }),
  };
  const title = props.page > 1 ? t('outboxTitlePage', { page: props.page }) : t('outboxTitle');
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={title}
      breadcrumbs={[
        { label: t('home'), href: site.i18n.path('/') },
        { label: t('admin'), href: site.i18n.path('/admin') },
        { label: t('outboxTitle'), href: site.i18n.path('/admin/outbox') },
      ]}
      noindex
    >
      <h1>{t('outboxTitle')}</h1>
      <p class={props.delivering ? 'lead' : 'notice'} role={props.delivering ? undefined : 'status'}>
        {props.delivering ? t('outboxDelivering', { perMinute: props.perMinute }) : t('outboxNotDelivering')}
      </p>
      <nav aria-label={t('outboxFilter')}>
        <ul class="inline-list">
          <li>
            <a href={site.i18n.path(listHref(undefined, 1))} aria-current={props.status === undefined ? 'page' : undefined}>
              {t('outboxFilterAll', { count: total })}
            </a>
          </li>
          {(['queued', 'sent', 'failed', 'bounced'] as const).map((s) => (
            <li>
              <a href={site.i18n.path(listHref(s, 1))} aria-current={props.status === s ? 'page' : undefined}>
                {statusLabel[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.rows.length === 0 ? (
        <p>{t('outboxEmpty')}</p>
      ) : (
        <table class="data-table">
          <caption class="visually-hidden">{t('outboxCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colTo')}</th>
              <th scope="col">{t('colSubject')}</th>
              <th scope="col">{t('colKind')}</th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colAttempts')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>{site.i18n.instant(row.created_at)}</td>
                <td>{row.to_address}</td>
                <td>
                  <a href={site.i18n.path(`/admin/outbox/${row.id}`)}>{row.subject}</a>
                </td>
                <td>
                  <KindText site={site} kind={row.kind} />
                </td>
                <td>
                  <StateText site={site} row={row} now={props.now} />
                </td>
                <td>{site.i18n.number(Number(row.attempts))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.pageCount > 1 ? (
        <nav class="pagination" aria-label={t('pageOf', { page: props.page, count: props.pageCount })}>
          {props.page > 1 ? <a href={site.i18n.path(listHref(props.status, props.page - 1))} rel="prev">{t('pagePrevious')}</a> : null}{' '}
          <span>{t('pageOf', { page: props.page, count: props.pageCount })}</span>{' '}
          {props.page < props.pageCount ? <a href={site.i18n.path(listHref(props.status, props.page + 1))} rel="next">{t('pageNext')}</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function OutboxMessagePage(props: AdminFrame & { row: OutboxRow; now: string; notice?: 'retried' | 'not-retried' | undefined }) {
  const { site, row } = props;
  const t = site.i18n.text(mailText);
  const headers = Object.entries(JSON.parse(row.headers) as Record<string, string>);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={t('messageTitle', { subject: row.subject })}
      breadcrumbs={[
        { label: t('home'), href: site.i18n.path('/') },
        { label: t('admin'), href: site.i18n.path('/admin') },
        { label: t('outboxTitle'), href: site.i18n.path('/admin/outbox') },
      ]}
      noindex
    >
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice === 'retried' ? t('messageRetried') : t('messageNotRetried')}
        </p>
      ) : null}
      <h1>{row.subject}</h1>
      <dl class="summary-list">
        <dt>{t('messageTo')}</dt>
        <dd>{row.to_address}</dd>
        <dt>{t('messageState')}</dt>
        <dd>
          <StateText site={site} row={row} now={props.now} />
        </dd>
        <dt>{t('messageQueued')}</dt>
        <dd>{site.i18n.instant(row.created_at)}</dd>
        <dt>{t('messageId')}</dt>
        <dd>
          <code>{row.message_id}</code>
        </dd>
        {row.last_error ? (
          <>
            <dt>{t('messageLastError')}</dt>
            <dd>{row.last_error}</dd>
          </>
        ) : null}
        {row.smtp_response ? (
          <>
            <dt>{t('messageSmtp')}</dt>
            <dd>{row.smtp_response}</dd>
          </>
        ) : null}
      </dl>
      {row.status === 'failed' || row.status === 'bounced' ? (
        <form method="post" action={site.i18n.path(`/admin/outbox/${row.id}/retry`)}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <p class="hint" id="retry-hint">
            {t('messageRetryHint')}
          </p>
          <button type="submit" class="button secondary" aria-describedby="retry-hint">
            {t('messageRetry')}
          </button>
        </form>
      ) : null}
      {headers.length ? (
        <>
          <h2>{t('messageHeaders')}</h2>
          <dl class="summary-list">
            {headers.map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </>
            ))}
          </dl>
        </>
      ) : null}
      <h2>{t('messageText')}</h2>
      <pre class="mail-text" lang={row.lang}>{row.text_body}</pre>
      {row.html_body ? (
        <details>
          <summary>{t('messageHtml')}</summary>
          <pre class="mail-text">{row.html_body}</pre>
        </details>
      ) : null}
      <p>
        <a href={site.i18n.path('/admin/outbox')}>{t('backToOutbox')}</a>
      </p>
    </Layout>
  );
}
