/** /edit/citations/import: paste an identifier, check what PubMed or Crossref found, then save it. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { CsrfField, ErrorSummary, type FieldError, TextField, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import { Layout } from '../../web/layout.js';
import { citationsText } from '../messages/index.js';
import type { CitationRecord } from '../record.js';
import { StudyTypeBadge } from './evidence.js';
import { type EditorFrame, IdentifierLinks, crumbs } from './parts.js';
import { Field } from '../../web/form-field.js';
import { MANUAL_FIELD_IDS, MANUAL_TYPES, type ManualForm, PASTE_FIELD_ID } from '../manual-entry.js';

const code = (chunks: Child[]) => <code>{chunks}</code>;

export function ImportPage(props: EditorFrame & { identifier: string; errors: FieldError[]; unavailable: string[]; paste: string; manual: ManualForm }) {
  const { i18n } = props.site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(t('importTitle'), props.errors, i18n)}
      noindex
      breadcrumbs={[trail.dashboard, trail.citations, trail.import]}
    >
      <ErrorSummary errors={props.errors} title={t('importErrorTitle')} />
      <h1>{t('importTitle')}</h1>
      <p class="lead">{t('importLead')}</p>
      {props.unavailable.map((message) => (
        <p class="notice warning-text">{message}</p>
      ))}
      <form method="post" action={i18n.path('/edit/citations/import')} novalidate>
        <CsrfField token={props.csrfToken} />
        <TextField
          id="identifier"
          label={t('importFieldLabel')}
          hint={<>{t.rich('importFieldHint', { code })}</>}
          value={props.identifier}
          error={errorFor(props.errors, 'identifier')}
          maxlength={2000}
          spellcheck={false}
          dir="ltr"
          autocomplete="off"
          required
        />
        <button type="submit" class="button">
          {t('importButton')}
        </button>
      </form>

      <section aria-labelledby="paste-title">
        <h2 id="paste-title">{t('importPasteTitle')}</h2>
        <form method="post" action={i18n.path('/edit/citations/import/manual')} novalidate>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="mode" value="paste" />
          <Field
            id={PASTE_FIELD_ID}
            name="paste"
            label={t('importPasteLabel')}
            hint={t('importPasteHint')}
            error={errorFor(props.errors, PASTE_FIELD_ID)}
            site={props.site}
            control={(a) => (
              <textarea {...a} rows={8} class="textarea-short" spellcheck={false} dir="ltr">
                {props.paste}
              </textarea>
            )}
          />
          <button type="submit" class="button">
            {t('importPasteButton')}
          </button>
        </form>
      </section>

      <section aria-labelledby="manual-title">
        <h2 id="manual-title">{t('importManualTitle')}</h2>
        <p>{t('importManualLead')}</p>
        <ManualFields {...props} />
      </section>
      <p>
        <a href={i18n.path('/edit/citations')}>{t('allCitations')}</a>
      </p>
    </Layout>
  );
}

/** The by-hand form: every field of a reference, each with its label and, when it came back, its problem. */
function ManualFields(props: EditorFrame & { errors: FieldError[]; manual: ManualForm }) {
  const { i18n } = props.site;
  const t = i18n.text(citationsText);
  const m = props.manual;
  const text = (name: Exclude<keyof ManualForm, 'type' | 'authors'>, label: 'manualTitle' | 'manualJournal' | 'manualYear' | 'manualVolume' | 'manualIssue' | 'manualPages' | 'manualDoi' | 'manualPmid' | 'manualUrl', extra: { inputmode?: 'numeric'; dir?: 'ltr'; short?: boolean } = {}) => (
    <Field
      id={MANUAL_FIELD_IDS[name]}
      name={name}
      label={t(label)}
      error={errorFor(props.errors, MANUAL_FIELD_IDS[name])}
      site={props.site}
      control={(a) => <input {...a} type="text" value={m[name]} autocomplete="off" dir={extra.dir ?? 'auto'} inputmode={extra.inputmode} class={extra.short ? 'input-short' : undefined} />}
    />
  );
  return (
    <form method="post" action={i18n.path('/edit/citations/import/manual')} novalidate>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="mode" value="manual" />
      <Field
        id={MANUAL_FIELD_IDS.type}
        name="type"
        label={t('manualType')}
        site={props.site}
        control={(a) => (
          <select {...a}>
            {MANUAL_TYPES.map((type) => (
              <option value={type} selected={m.type === type}>
                {t('manualTypeName', { type: type === 'article-journal' ? 'journal' : type })}
              </option>
            ))}
          </select>
        )}
      />
      <Field
        id={MANUAL_FIELD_IDS.authors}
        name="authors"
        label={t('manualAuthors')}
        hint={t('manualAuthorsHint')}
        error={errorFor(props.errors, MANUAL_FIELD_IDS.authors)}
        site={props.site}
        control={(a) => (
          <textarea {...a} rows={4} class="textarea-short" dir="auto">
            {m.authors}
          </textarea>
        )}
      />
      {text('title', 'manualTitle')}
      {text('journal', 'manualJournal')}
      {text('year', 'manualYear', { inputmode: 'numeric', short: true })}
      {text('volume', 'manualVolume', { short: true })}
      {text('issue', 'manualIssue', { short: true })}
      {text('pages', 'manualPages', { short: true })}
      {text('doi', 'manualDoi', { dir: 'ltr' })}
      {text('pmid', 'manualPmid', { inputmode: 'numeric', dir: 'ltr', short: true })}
      {text('url', 'manualUrl', { dir: 'ltr' })}
      <button type="submit" class="button">
        {t('manualButton')}
      </button>
    </form>
  );
}

export function ConfirmImportPage(
  props: EditorFrame & {
    identifier: string;
    record: CitationRecord;
    source: string;
    html: string;
    existing: { id: number; key: string } | null;
    /** A pasted or typed reference: the fields to send again on confirming (read again, never trusted as a record). */
    manual?: Record<string, string>;
  },
) {
  const { record } = props;
  const { i18n } = props.site;
  const t = i18n.text(citationsText);
  const trail = crumbs(i18n);
  const key = props.existing?.key ?? record.key;
  const authors = (record.csl.author ?? []).map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(' '));
  const year = record.csl.issued?.['date-parts'][0]?.[0];
  const existing = props.existing;
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('confirmTitle')} noindex breadcrumbs={[trail.dashboard, trail.citations, trail.import]}>
      <h1>{t('confirmTitle')}</h1>
      <p class="lead">{props.manual ? t('confirmManualLead', { source: props.source }) : t.rich('confirmLead', { source: props.source, identifier: props.identifier, code })}</p>
      {existing && props.manual ? (
        <p class="notice" role="status">
          {t.rich('confirmManualExisting', { key: existing.key, link: (chunks) => <a href={i18n.path(`/edit/citations/${existing.id}`)}>{chunks}</a> })}
        </p>
      ) : existing ? (
        <p class="notice" role="status">
          {t.rich('confirmExisting', { key: existing.key, source: props.source, link: (chunks) => <a href={i18n.path(`/edit/citations/${existing.id}`)}>{chunks}</a> })}
        </p>
      ) : null}
      <section class="panel" aria-labelledby="as-cited-title">
        <h2 id="as-cited-title">{t('asCitedTitle')}</h2>
        <p class="formatted-citation">{raw(props.html)}</p>
        <StudyTypeBadge pubTypes={record.pubTypes} i18n={i18n} />
      </section>
      <dl class="citation-facts">
        <div>
          <dt>{t('factTitle')}</dt>
          <dd>{record.csl.title ?? t('noTitle')}</dd>
        </div>
        <div>
          <dt>{t('factAuthors')}</dt>
          <dd>{authors.length ? authors.join(', ') : t('noneListed')}</dd>
        </div>
        <div>
          <dt>{t('factJournal')}</dt>
          <dd>{record.csl['container-title'] ?? record.csl['container-title-short'] ?? t('noneListed')}</dd>
        </div>
        <div>
          <dt>{t('factYear')}</dt>
          <dd>{year === undefined || year === null ? t('notGiven') : i18n.year(Number(year))}</dd>
        </div>
        <div>
          <dt>{t('colIdentifiers')}</dt>
          <dd>
            <IdentifierLinks i18n={i18n} pmid={record.pmid ?? null} pmcid={record.pmcid ?? null} doi={record.doi ?? null} />
          </dd>
        </div>
        <div>
          <dt>{t('factKey')}</dt>
          <dd>{t.rich('factKeyUsage', { key, code, keyCode: (chunks) => <code class="citation-key">{chunks}</code> })}</dd>
        </div>
      </dl>
      {props.manual ? (
        existing ? null : (
          <form method="post" action={i18n.path('/edit/citations/import/manual/confirm')} class="inline-form">
            <CsrfField token={props.csrfToken} />
            {Object.entries(props.manual).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit" class="button">
              {t('confirmSave')}
            </button>
          </form>
        )
      ) : (
        <form method="post" action={i18n.path('/edit/citations/import/confirm')} class="inline-form">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="identifier" value={props.identifier} />
          <button type="submit" class="button">
            {props.existing ? t('confirmRefresh') : t('confirmSave')}
          </button>
        </form>
      )}{' '}
      <a class="button secondary" href={i18n.path(props.manual ? '/edit/citations/import' : `/edit/citations/import?identifier=${encodeURIComponent(props.identifier)}`)}>
        {t('lookUpAnother')}
      </a>
    </Layout>
  );
}
