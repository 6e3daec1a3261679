/** /edit/citations: every stored citation, searchable; one citation with its key, flags and where it is cited. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, type FieldError, formTitle } from '../../accounts/views/form-parts.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { JobSummary } from '../../jobs/queue.js';
import { Layout } from '../../web/layout.js';
import type { CitationDetail, CitationSearch } from '../citation-queries.js';
import type { CitationFlag, FlaggedCitation } from '../flags.js';
import { citationsText, retractionText, studyTypeText } from '../messages/index.js';
import { studyTypeFromPubTypes } from '../study-type.js';
import { FlagWarning, StudyTypeBadge } from './evidence.js';
import { type EditorFrame, IdentifierLinks, JobStatusLine, crumbs } from './parts.js';
import { ownValue } from '../../web/known-key.js';

const code = (chunks: Child[]) => <code>{chunks}</code>;

/** How editors cite a stored record: the research-digest syntax and the inline form. */
export function KeyUsage({ i18n, citationKey, pmid }: { i18n: Localizer; citationKey: string; pmid: string | null }) {
  const t = i18n.text(citationsText);
  return (
    <div class="key-usage">
      <p>
        {t('keyLabel')} <code class="citation-key">{citationKey}</code>
      </p>
      <p>
        {t.rich('keyUsage', { key: citationKey, code })}
        {pmid && citationKey !== `pmid:${pmid}` ? <> {t.rich('keyUsagePmid', { pmid, code })}</> : null}
      </p>
    </div>
  );
}

export function CitationsPage(
  props: EditorFrame & { q: string; search: CitationSearch; flagged: FlaggedCitation[]; watchJob: JobSummary | undefined; pubmedConfigured: boolean },
) {
  const { search, q, site } = props;
  const { i18n } = site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  const pageHref = (n: number) => i18n.path(`/edit/citations?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) }).toString()}`);
  const pagerLabel = (chunks: Child[]) => <span class="pager-label">{chunks}</span>;
  return (
    <Layout site={site} user={props.user} csrfToken={props.csrfToken} title={t('citationsTitle')} noindex breadcrumbs={[trail.dashboard, trail.citations]}>
      <h1>{t('citationsTitle')}</h1>
      <p class="lead">{t('citationsLead')}</p>
      <p>
        <a class="button" href={i18n.path('/edit/citations/import')}>
          {t('importACitation')}
        </a>
      </p>

      {props.flagged.length ? (
        <section class="panel attention" aria-labelledby="flagged-title">
          <h2 id="flagged-title">{t('flaggedTitle', { count: props.flagged.length })}</h2>
          <p>{t('flaggedIntro')}</p>
          <ul class="flag-list">
            {props.flagged.map((f) => (
              <li>
                <FlagWarning status={f.status} i18n={i18n} />
                <a href={i18n.path(`/edit/citations/${f.citationId}`)}>{f.title}</a>
                {f.pmid ? <> {t('flaggedPmid', { pmid: f.pmid })}</> : null}. {t('flaggedFound', { when: i18n.instant(f.detectedAt) })}{' '}
                {f.citedBy.length ? t('flaggedCitedOn', { pages: f.citedBy.map((p) => p.title).join(', ') }) : t('flaggedNotCited')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="retraction-watch-title">
        <h2 id="retraction-watch-title">{t('watchTitle')}</h2>
        <p>{t('watchIntro')}</p>
        {props.pubmedConfigured ? null : (
          <p class="warning-text">
            <strong>{t('pubmedMissingWatch')}</strong>
          </p>
        )}
        <JobStatusLine i18n={i18n} job={props.watchJob} name="jobRetractionWatch" />
      </section>

      <section aria-labelledby="search-title">
        <h2 id="search-title">{t('findTitle')}</h2>
        <form method="get" action={i18n.path('/edit/citations')} class="inline-search" role="search" aria-label={t('citationsTitle')}>
          <div class="field">
            <label for="citation-q">{t('findLabel')}</label>
            <input id="citation-q" name="q" type="search" value={q} maxlength={300} />
          </div>
          <button type="submit" class="button secondary">
            {t('findButton')}
          </button>
        </form>
        <p role="status">
          {search.total === 0
            ? q
              ? t('searchNoMatch', { q })
              : t('searchNone')
            : t('searchCount', { total: search.total, matching: q ? 'yes' : 'no', q, paged: search.pageCount > 1 ? 'yes' : 'no', page: search.page, pageCount: search.pageCount })}
        </p>
        {search.rows.length ? (
          <table class="data-table citation-table">
            <caption class="visually-hidden">{t('tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colCitation')}</th>
                <th scope="col">{t('colKey')}</th>
                <th scope="col">{t('colIdentifiers')}</th>
                <th scope="col">{t('colStudyType')}</th>
                <th scope="col">{t('colCitedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {search.rows.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={i18n.path(`/edit/citations/${c.id}`)}>{c.title}</a>
                    <span class="citation-meta">{[c.container, c.issuedYear === null ? null : i18n.year(c.issuedYear)].filter((v) => v !== null && v !== '').join(', ')}</span>
                    {c.openFlags ? <strong class="warning-text"> {t('flaggedNeedsEditor')}</strong> : null}
                  </th>
                  <td data-label={t('colKey')}>
                    <code class="citation-key">{c.key}</code>
                  </td>
                  <td data-label={t('colIdentifiers')}>
                    <IdentifierLinks i18n={i18n} pmid={c.pmid} doi={c.doi} />
                  </td>
                  <td data-label={t('colStudyType')}>{studyTypeText(t, studyTypeFromPubTypes(c.pubTypes).id).label}</td>
                  <td data-label={t('colCitedOn')} class="nowrap">
                    {t('usePages', { count: c.useCount })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {search.pageCount > 1 ? (
          <nav class="pager" aria-label={t('pagerLabel')}>
            {search.page > 1 ? (
              <a class="pager-prev" href={pageHref(search.page - 1)} rel="prev">
                {t.rich('pagerPrevious', { page: search.page - 1, label: pagerLabel })}
              </a>
            ) : (
              <span></span>
            )}
            {search.page < search.pageCount ? (
              <a class="pager-next" href={pageHref(search.page + 1)} rel="next">
                {t.rich('pagerNext', { page: search.page + 1, label: pagerLabel })}
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </Layout>
  );
}

const NOTICES = {
  imported: 'noticeImported',
  refreshed: 'noticeRefreshed',
  resolved: 'noticeResolved',
  exists: 'noticeExists',
} as const;

export function CitationDetailPage(
  props: EditorFrame & { citation: CitationDetail; html: string; flags: CitationFlag[]; canResolve: boolean; notice?: string | undefined; note?: string; errors?: FieldError[] },
) {
  const { citation, site } = props;
  const { i18n } = site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  const errors = props.errors ?? [];
  const open = props.flags.filter((f) => !f.resolvedAt);
  const resolved = props.flags.filter((f) => f.resolvedAt);
  const notice = ownValue(NOTICES, props.notice);
  const type = studyTypeText(t, studyTypeFromPubTypes(citation.pubTypes).id);
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(citation.title, errors, i18n)}
      noindex
      breadcrumbs={[trail.dashboard, trail.citations, { label: citation.key, href: `/edit/citations/${citation.id}` }]}
    >
      <ErrorSummary errors={errors} i18n={i18n} />
      {notice ? (
        <p class="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <h1>{citation.title}</h1>
      {open.map((f) => (
        <p class="flag-banner">
          <FlagWarning status={f.status} i18n={i18n} /> {t('foundByWatch', { when: i18n.instant(f.detectedAt) })}
        </p>
      ))}
      <p class="formatted-citation">{raw(props.html)}</p>
      <KeyUsage i18n={i18n} citationKey={citation.key} pmid={citation.pmid} />
      <dl class="citation-facts">
        <div>
          <dt>{t('colIdentifiers')}</dt>
          <dd>
            <IdentifierLinks i18n={i18n} pmid={citation.pmid} pmcid={citation.pmcid} doi={citation.doi} />
          </dd>
        </div>
        <div>
          <dt>{t('colStudyType')}</dt>
          <dd>{t('badgePrint', { label: type.label, explanation: type.explanation })}</dd>
        </div>
        <div>
          <dt>{t('pubTypesLabel')}</dt>
          <dd>{citation.pubTypes.length ? citation.pubTypes.join(', ') : t('noneRecorded')}</dd>
        </div>
        <div>
          <dt>{t('colCitedOn')}</dt>
          <dd>
            {citation.citedBy.length
              ? citation.citedBy.map((p, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <a href={i18n.path(`/directory/${p.slug}`)}>{p.title}</a>
                  </>
                ))
              : t('noPageYet')}
          </dd>
        </div>
      </dl>

      {open.length ? (
        <section class="panel attention" aria-labelledby="resolve-title">
          <h2 id="resolve-title">{t('resolveTitle', { count: open.length })}</h2>
          <p>{t('resolveIntro', { kind: open.some((f) => f.status === 'retracted') ? 'retraction' : 'correction' })}</p>
          {props.canResolve ? (
            <form method="post" action={i18n.path(`/edit/citations/${citation.id}/resolve`)}>
              <CsrfField token={props.csrfToken} />
              <div class={errors.length ? 'field has-error' : 'field'}>
                <label for="note">{t('resolveNoteLabel')}</label>
                <span class="hint" id="note-hint">
                  {t('resolveNoteHint')}
                </span>
                {errors.length ? (
                  <span class="field-error" id="note-error">
                    <span class="visually-hidden">{t('errorPrefix')} </span>
                    {errors[0]!.message}
                  </span>
                ) : null}
                <textarea id="note" name="note" rows={3} maxlength={1000} required aria-describedby={errors.length ? 'note-hint note-error' : 'note-hint'} aria-invalid={errors.length ? 'true' : undefined}>
                  {props.note ?? ''}
                </textarea>
              </div>
              <button type="submit" class="button">
                {t('resolveButton')}
              </button>
            </form>
          ) : (
            <p>{t('resolveNotAllowed')}</p>
          )}
        </section>
      ) : null}

      {resolved.length ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t('resolvedTitle')}</h2>
          <ul>
            {resolved.map((f) => {
              const when = { label: retractionText(t, f.status).label, found: i18n.instant(f.detectedAt), resolved: i18n.instant(f.resolvedAt!) };
              return (
                <li>
                  {f.resolvedByName ? t('resolvedLineBy', { ...when, name: f.resolvedByName }) : t('resolvedLine', when)} {f.resolutionNote ? t('resolvedNote', { note: f.resolutionNote }) : ''}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="badge-title">
        <h2 id="badge-title">{t('badgeTitle')}</h2>
        <p>{t('badgeIntro')}</p>
        <StudyTypeBadge pubTypes={citation.pubTypes} i18n={i18n} />
      </section>
      <p>
        <a href={i18n.path('/edit/citations')}>{t('allCitations')}</a> · <a href={i18n.path('/edit/citations/import')}>{t('importAnother')}</a>
      </p>
    </Layout>
  );
}
