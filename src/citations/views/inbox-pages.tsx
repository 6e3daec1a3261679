/** /edit/inbox: papers the saved PubMed searches found; /edit/<slug>/research-query: a topic's saved search. */
import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { LANGUAGES } from '../../i18n/languages.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { JobSummary } from '../../jobs/queue.js';
import { Layout } from '../../web/layout.js';
import { citationsText } from '../messages/index.js';
import type { InboxItem, ResearchQuery } from '../research-inbox.js';
import { StudyTypeBadge } from './evidence.js';
import { type EditorFrame, JobStatusLine, crumbs } from './parts.js';

const code = (chunks: Child[]) => <code>{chunks}</code>;
const hidden = (chunks: Child[]) => <span class="visually-hidden">{chunks}</span>;

/** Notices on a topic's saved-search page after a redirect, by message key. */
export const QUERY_NOTICES = {
  saved: 'queryNoticeSaved',
  removed: 'queryNoticeRemoved',
  unchanged: 'queryNoticeUnchanged',
} as const;
export type QueryNotice = (typeof QUERY_NOTICES)[keyof typeof QUERY_NOTICES];

/** A notice after an action, built from known parts only (nothing a visitor typed is echoed as text). */
export type InboxNotice = { kind: 'drafted'; slug: string; pageTitle: string } | { kind: 'dismissed' } | { kind: 'problem'; message: string };

/** "2013", "2013-06" or "2013-06-11" → "2013", "June 2013", "11 June 2013" (in the language of `locale`, a dateLocale). */
export function publicationDate(value: string, locale: string = LANGUAGES.en.dateLocale): string {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || Number.isNaN(year)) return value;
  if (!month || month < 1 || month > 12) return new Intl.NumberFormat(locale, { useGrouping: false }).format(year);
  const date = new Date(Date.UTC(year, month - 1, day || 1));
  const options: Intl.DateTimeFormatOptions = day ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

function localeOf(i18n: Localizer): string {
  return LANGUAGES[i18n.lang].dateLocale;
}

function groupByPage(items: InboxItem[]): Array<{ slug: string; title: string; items: InboxItem[] }> {
  const groups = new Map<string, { slug: string; title: string; items: InboxItem[] }>();
  for (const item of items) {
    const group = groups.get(item.slug) ?? { slug: item.slug, title: item.pageTitle, items: [] };
    group.items.push(item);
    groups.set(item.slug, group);
  }
  return [...groups.values()];
}

export function InboxPage(
  props: EditorFrame & {
    items: InboxItem[];
    queries: ResearchQuery[];
    recent: InboxItem[];
    inboxJob: JobSummary | undefined;
    pubmedConfigured: boolean;
    notice?: InboxNotice | undefined;
    findPage?: { value: string; error: string } | undefined;
  },
) {
  const { i18n } = props.site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  const groups = groupByPage(props.items);
  const termBySlug = new Map(props.queries.map((q) => [q.slug, q.term]));
  const findErrors: FieldError[] = props.findPage ? [{ field: 'query-page', message: props.findPage.error }] : [];
  const notice = props.notice;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={formTitle(t('inboxTitle'), findErrors, i18n)} noindex breadcrumbs={[trail.dashboard, trail.inbox]}>
      <ErrorSummary errors={findErrors} i18n={i18n} />
      {notice?.kind === 'drafted' ? (
        <p class="notice" role="status">
          {t.rich('inboxDrafted', { title: notice.pageTitle, link: (chunks) => <a href={i18n.path(`/edit/${notice.slug}`)}>{chunks}</a> })}
        </p>
      ) : notice?.kind === 'dismissed' ? (
        <p class="notice" role="status">
          {t('inboxDismissed')}
        </p>
      ) : notice?.kind === 'problem' ? (
        <div class="error-summary" role="alert" aria-labelledby="inbox-problem-title" tabindex={-1}>
          <h2 id="inbox-problem-title">{t('inboxProblemTitle')}</h2>
          <p>{notice.message}</p>
        </div>
      ) : null}
      <h1>{t('inboxTitle')}</h1>
      <p class="lead">{t('inboxLead')}</p>
      {props.pubmedConfigured ? null : (
        <p class="notice warning-text">
          <strong>{t('pubmedMissingInbox')}</strong>
        </p>
      )}
      <JobStatusLine i18n={i18n} job={props.inboxJob} name="jobResearchSearch" />

      {groups.length ? (
        groups.map((group) => (
          <section class="inbox-topic" aria-labelledby={`inbox-${group.slug}`}>
            <h2 id={`inbox-${group.slug}`}>
              {group.title} <span class="inbox-count">{t('inboxNewCount', { count: group.items.length })}</span>
            </h2>
            {termBySlug.has(group.slug) ? (
              <p class="hint">
                {t.rich('inboxSavedSearch', { term: termBySlug.get(group.slug)!, code })} · <a href={i18n.path(`/edit/${group.slug}/research-query`)}>{t('inboxChangeSearch')}</a>
              </p>
            ) : null}
            <ul class="inbox-list">
              {group.items.map((item) => (
                <li class="inbox-item">
                  <article aria-labelledby={`item-${item.id}`}>
                    <h3 id={`item-${item.id}`}>{item.title}</h3>
                    <p class="citation-meta">
                      {[item.journal, item.published ? publicationDate(item.published, localeOf(i18n)) : null].filter(Boolean).join(', ') || t('inboxNoJournal')} ·{' '}
                      <a href={`https://pubmed.ncbi.nlm.nih.gov/${item.pmid}/`}>{t('inboxPubmedRecord', { pmid: item.pmid })}</a> · {t('inboxFound', { when: i18n.instant(item.foundAt) })}
                    </p>
                    <StudyTypeBadge pubTypes={item.pubTypes} i18n={i18n} />
                    <div class="inbox-actions">
                      <form method="post" action={i18n.path(`/edit/inbox/${item.id}/draft`)}>
                        <CsrfField token={props.csrfToken} />
                        <button type="submit" class="button">
                          {t.rich('inboxDraftButton', { title: item.title, hidden })}
                        </button>
                      </form>
                      <form method="post" action={i18n.path(`/edit/inbox/${item.id}/dismiss`)}>
                        <CsrfField token={props.csrfToken} />
                        <button type="submit" class="button secondary">
                          {t.rich('inboxDismissButton', { title: item.title, hidden })}
                        </button>
                      </form>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ))
      ) : (
        <p>{t('inboxNothing')}</p>
      )}

      <section aria-labelledby="queries-title">
        <h2 id="queries-title">{t('queriesTitle')}</h2>
        {props.queries.length ? (
          <table class="data-table">
            <caption class="visually-hidden">{t('queriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colTopic')}</th>
                <th scope="col">{t('colSearch')}</th>
                <th scope="col">{t('colLastRun')}</th>
              </tr>
            </thead>
            <tbody>
              {props.queries.map((q) => (
                <tr>
                  <th scope="row">
                    <a href={i18n.path(`/edit/${q.slug}/research-query`)}>{q.pageTitle}</a>
                  </th>
                  <td data-label={t('colSearch')}>
                    <code>{q.term}</code>
                  </td>
                  <td data-label={t('colLastRun')}>
                    {q.lastError ? (
                      <strong class="warning-text">{t('queryFailed', { error: q.lastError })}</strong>
                    ) : q.lastRunAt ? (
                      t('queryRan', { when: i18n.instant(q.lastRunAt), count: q.lastFound })
                    ) : (
                      t('queryNotRun')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('queriesNone')}</p>
        )}
        <form method="get" action={i18n.path('/edit/inbox/query')} class="inline-search" novalidate>
          <TextField
            id="query-page"
            name="page"
            label={t('queryFindLabel')}
            hint={t('queryFindHint')}
            value={props.findPage?.value ?? ''}
            error={errorFor(findErrors, 'query-page')}
            maxlength={200}
            spellcheck={false}
            dir="ltr"
          />
          <button type="submit" class="button secondary">
            {t('queryFindButton')}
          </button>
        </form>
      </section>

      {props.recent.length ? (
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{t('recentTitle')}</h2>
          <ul>
            {props.recent.map((item) => (
              <li>
                {item.status === 'drafted'
                  ? t.rich('recentDrafted', { title: item.title, pmid: item.pmid, page: item.pageTitle, link: (chunks) => <a href={i18n.path(`/edit/${item.slug}`)}>{chunks}</a> })
                  : t('recentDismissed', { title: item.title, pmid: item.pmid, page: item.pageTitle })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function ResearchQueryPage(
  props: EditorFrame & { slug: string; pageTitle: string; term: string; query: ResearchQuery | null; errors: FieldError[]; notice?: QueryNotice | undefined },
) {
  const { query } = props;
  const { i18n } = props.site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  const queryPath = `/edit/${props.slug}/research-query`;
  const tryHref = props.term.trim() ? `https://pubmed.ncbi.nlm.nih.gov/?${new URLSearchParams({ term: props.term.trim(), sort: 'date' }).toString()}` : null;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(t('queryTitle', { page: props.pageTitle }), props.errors, i18n)}
      noindex
      breadcrumbs={[trail.dashboard, trail.inbox, { label: props.pageTitle, href: queryPath }]}
    >
      <ErrorSummary errors={props.errors} i18n={i18n} />
      {props.notice ? (
        <p class="notice" role="status">
          {t(props.notice)}
        </p>
      ) : null}
      <h1>{t('queryHeading', { page: props.pageTitle })}</h1>
      <p class="lead">{t.rich('queryLead', { link: (chunks) => <a href={i18n.path('/edit/inbox')}>{chunks}</a> })}</p>
      <form method="post" action={i18n.path(queryPath)} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id="term"
          label={t('queryTermLabel')}
          hint={<>{t.rich('queryTermHint', { code })}</>}
          value={props.term}
          error={errorFor(props.errors, 'term')}
          maxlength={500}
          spellcheck={false}
          dir="ltr"
          autocomplete="off"
        />
        <button type="submit" class="button">
          {t('querySave')}
        </button>
      </form>
      {tryHref ? <p>{t.rich('queryTry', { link: (chunks) => <a href={tryHref}>{chunks}</a> })}</p> : null}
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{t('queryRunsTitle')}</h2>
        {!query ? (
          <p>{t('queryNone')}</p>
        ) : query.lastError ? (
          <p class="warning-text">
            <strong>{t('queryLastFailed', { error: query.lastError })}</strong>
          </p>
        ) : query.lastRunAt ? (
          <p>{t('queryLastRun', { when: i18n.instant(query.lastRunAt), count: query.lastFound })}</p>
        ) : (
          <p>{t('querySavedNotRun', { date: i18n.date(query.updatedAt) })}</p>
        )}
      </section>
      <p>
        <a href={i18n.path(`/edit/${props.slug}`)}>{t('queryEditPage')}</a> · <a href={i18n.path(`/directory/${props.slug}`)}>{t('queryReadPage')}</a>
      </p>
    </Layout>
  );
}
