import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import type { Revision } from '../revision-store.js';
import type { DiffPart } from '../word-diff.js';
import { DiffView, StateTag, diffSummary } from './parts.js';
import { type EditingText, contentLang, editingTextOf } from './text.js';

interface PageFrame extends Frame {
  /** The page's editor address. */
  slug: string;
  /** The page's current title, for headings. */
  title: string;
}

function crumbs(t: EditingText, slug: string, title: string, last?: { label: string; href: string }) {
  return [
    { label: t('dashboard'), href: '/dashboard' },
    { label: t('editPageTitle', { title }), href: `/edit/${slug}` },
    { label: t('historyCrumb'), href: `/edit/${slug}/history` },
    ...(last ? [last] : []),
  ];
}

/** Who saved a revision, for lists: imported content has no author. */
function authorOf(t: EditingText, r: Revision): string {
  return r.authorName ?? t('importedLower');
}

/** Every saved revision of a page, newest first, with ways to view, compare and restore. */
export function HistoryPage(props: PageFrame & { revisions: Revision[]; canRestore: boolean; notice?: string | undefined }) {
  const { slug, revisions, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const path = i18n.path;
  const newest = revisions[0];
  const option = (r: Revision) => t('revisionOption', { number: r.number, author: authorOf(t, r), date: i18n.date(r.createdAt) });
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('historyTitle', { title: props.title })} noindex breadcrumbs={crumbs(t, slug, props.title)}>
      <h1>{t('historyTitle', { title: props.title })}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="lead">{t('historyLead', { count: revisions.length })}</p>

      {revisions.length > 1 ? (
        <form method="get" action={path(`/edit/${slug}/diff`)} class="compare-form">
          <fieldset>
            <legend>{t('compareLegend')}</legend>
            <div class="compare-fields">
              <div class="field">
                <label for="diff-from">{t('olderRevision')}</label>
                <select id="diff-from" name="from">
                  {revisions.map((r, i) => (
                    <option value={String(r.number)} selected={i === 1}>
                      {option(r)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="diff-to">{t('newerRevision')}</label>
                <select id="diff-to" name="to">
                  {revisions.map((r, i) => (
                    <option value={String(r.number)} selected={i === 0}>
                      {option(r)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" class="button secondary">
              {t('showChanges')}
            </button>
          </fieldset>
        </form>
      ) : null}

      <table class="data-table history-table">
        <caption class="visually-hidden">{t('historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colRevision')}</th>
            <th scope="col">{t('colSaved')}</th>
            <th scope="col">{t('colBy')}</th>
            <th scope="col">{t('colSummary')}</th>
            <th scope="col">{t('colState')}</th>
            <th scope="col">{t('colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => {
            const older = revisions[i + 1];
            return (
              <tr id={`revision-${r.number}`}>
                <th scope="row">
                  <a href={path(`/edit/${slug}/revisions/${r.number}`)}>{t('revisionNumber', { number: r.number })}</a>
                </th>
                <td>
                  <time datetime={r.createdAt}>{i18n.instant(r.createdAt)}</time>
                </td>
                <td>{r.authorName ?? t('importedContent')}</td>
                <td>{r.summary || <span class="muted">{t('noSummary')}</span>}</td>
                <td>
                  <StateTag state={r.state} i18n={i18n} />
                  {r.reviewerName && r.reviewedAt ? (
                    <span class="reviewed-by">
                      {' '}
                      {t.rich('reviewedBy', { name: r.reviewerName, date: i18n.date(r.reviewedAt), time: (chunks) => <time datetime={r.reviewedAt!}>{chunks}</time> })}
                    </span>
                  ) : null}
                </td>
                <td>
                  <ul class="plain actions-list">
                    {older ? (
                      <li>
                        <a href={path(`/edit/${slug}/diff?from=${older.number}&to=${r.number}`)}>{t('changesFrom', { number: older.number })}</a>
                      </li>
                    ) : null}
                    {props.canRestore && newest && r.id !== newest.id ? (
                      <li>
                        <form method="post" action={path(`/edit/${slug}/restore`)} class="inline-form">
                          <CsrfField token={props.csrfToken} />
                          <input type="hidden" name="revisionId" value={String(r.id)} />
                          <button type="submit" class="link-button">
                            {t('restoreRevision', { number: r.number })}
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
  const { revision: r, slug, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const heading = t('revisionOfTitle', { number: r.number, title: props.title });
  const here = { label: t('revisionNumber', { number: r.number }), href: `/edit/${slug}/revisions/${r.number}` };
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={heading}
      noindex
      breadcrumbs={crumbs(t, slug, props.title, here)}
    >
      <h1>{heading}</h1>
      <dl class="status-list panel">
        <div>
          <dt>{t('colSaved')}</dt>
          <dd>{t.rich('savedWhenBy', { when: i18n.instant(r.createdAt), author: r.authorName ?? t('importLower'), time: (chunks) => <time datetime={r.createdAt}>{chunks}</time> })}</dd>
        </div>
        <div>
          <dt>{t('colState')}</dt>
          <dd>
            <StateTag state={r.state} i18n={i18n} />
          </dd>
        </div>
        <div>
          <dt>{t('colSummary')}</dt>
          <dd>{r.summary || t('none')}</dd>
        </div>
      </dl>
      {props.canRestore && !props.isNewest ? (
        <form method="post" action={i18n.path(`/edit/${slug}/restore`)}>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="revisionId" value={String(r.id)} />
          <button type="submit" class="button">
            {t('restoreAsNewest')}
          </button>
        </form>
      ) : null}
      <h2>{t('pageAsSaved')}</h2>
      <pre class="source-text" tabindex={0} dir="auto" lang={contentLang(i18n)}>
        {props.text}
      </pre>
    </Layout>
  );
}

/** The word-level difference between two revisions. */
export function DiffPage(props: PageFrame & { from: Revision; to: Revision; parts: DiffPart[] }) {
  const { from, to, slug, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const title = t('diffTitle', { from: from.number, to: to.number });
  const here = { label: title, href: `/edit/${slug}/diff?from=${from.number}&to=${to.number}` };
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={t('diffDocumentTitle', { changes: title, title: props.title })}
      noindex
      breadcrumbs={crumbs(t, slug, props.title, here)}
    >
      <h1>{title}</h1>
      <p class="lead">
        {t('diffLead', {
          title: props.title,
          from: from.number,
          fromAuthor: authorOf(t, from),
          fromDate: i18n.date(from.createdAt),
          to: to.number,
          toAuthor: authorOf(t, to),
          toDate: i18n.date(to.createdAt),
        })}
      </p>
      <p>
        {diffSummary(t, props.parts)}{' '}
        {t.rich('diffKey', { del: (chunks) => <del class="diff-key">{chunks}</del>, ins: (chunks) => <ins class="diff-key">{chunks}</ins> })}
      </p>
      <DiffView parts={props.parts} label={title} i18n={i18n} />
      <p>
        <a href={i18n.path(`/edit/${slug}/history`)}>{t('backToHistory')}</a>
      </p>
    </Layout>
  );
}
