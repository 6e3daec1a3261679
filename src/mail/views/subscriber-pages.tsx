import { Layout } from '../../web/layout.js';
import type { SubscriberRow } from '../following/store.js';
import { mailText } from '../messages/index.js';
import type { AdminFrame } from './outbox-pages.js';

const FREQUENCY_KEYS = { immediately: 'followImmediately', daily: 'followDaily', weekly: 'followWeekly' } as const;

/** For admins only: who follows by e-mail; each subscriber's data can be downloaded or deleted. */
export function SubscribersPage(props: AdminFrame & { rows: SubscriberRow[]; total: number; query: string; deleted: boolean }) {
  const { site } = props;
  const t = site.i18n.text(mailText);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={t('subscribersTitle')}
      breadcrumbs={[
        { label: t('home'), href: site.i18n.path('/') },
        { label: t('admin'), href: site.i18n.path('/admin') },
        { label: t('subscribersTitle'), href: site.i18n.path('/admin/subscribers') },
      ]}
      noindex
    >
      {props.deleted ? (
        <p class="notice" role="status">
          {t('subscribersDeleted')}
        </p>
      ) : null}
      <h1>{t('subscribersTitle')}</h1>
      <p>{t('subscribersCount', { count: props.total })}</p>
      <form method="get" action={site.i18n.path('/admin/subscribers')} class="filter-form">
        <div class="field">
          <label for="q">{t('subscribersSearch')}</label>
          <input id="q" name="q" type="search" value={props.query} maxlength={254} />
        </div>
        <button type="submit" class="button secondary">
          {t('subscribersSearchButton')}
        </button>
      </form>
      {props.rows.length ? (
        <table class="data-table">
          <caption class="visually-hidden">{t('subscribersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colAddress')}</th>
              <th scope="col">{t('colFrequency')}</th>
              <th scope="col">{t('colSince')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <td>{row.address}</td>
                <td>{t(FREQUENCY_KEYS[row.frequency as keyof typeof FREQUENCY_KEYS] ?? 'followWeekly')}</td>
                <td>{site.i18n.instant(row.created_at)}</td>
                <td>
                  <a href={site.i18n.path(`/admin/subscribers/${row.id}/export`)}>{t('subscribersExport')}</a>
                  <form method="post" action={site.i18n.path(`/admin/subscribers/${row.id}/delete`)} class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="button warning">
                      {t('subscribersDelete')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('subscribersNone')}</p>
      )}
    </Layout>
  );
}
