import type { Child } from 'hono/jsx';
import { type ControlAttributes, Field } from '../../web/form-field.js';
import type { Frame } from '../../accounts/views/frame.js';
import { CsrfField, ErrorSummary, type FieldError, FormOwnerField, errorFor } from '../../accounts/views/form-parts.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { TopicPresentation } from '../../directory/presenter.js';
import { TopicArticle } from '../../directory/views/topic-page.js';
import { Layout } from '../../web/layout.js';
import { TranslationImpactField } from '../../translations/views/impact-field.js';
import type { ChecklistItem } from '../checklist.js';
import { FIELD_IDS, type PageForm } from '../page-form.js';
import type { DigestReadability, Readability } from '../readability.js';
import type { Revision } from '../revision-store.js';
import type { DiffPart } from '../word-diff.js';
import { ChecklistPanel, DiffView, GlossaryGapsPanel, ReadabilityPanel, diffSummary } from './parts.js';
import type { ReviewComment } from '../review-comments.js';
import { ReviewCommentText } from './review-page.js';
import { type EditingKey, type EditingText, contentLang, editingTextOf, inlineList, stateName } from './text.js';

export interface ParentOption {
  slug: string;
  title: string;
  depth: number;
}

/** Someone else saved while this editor was typing: everything needed to merge by hand. */
export interface ConflictView {
  head: Revision;
  base: Revision | null;
  /** What the other person changed, from the shared starting point to their revision. */
  theirChanges: DiffPart[];
  /** Their revision against what this editor typed. */
  theirsVsYours: DiffPart[];
  theirText: string;
  yourText: string;
}

export interface EditorPageProps extends Frame {
  /** Where the form posts: /edit (new page) or /edit/<slug>. */
  action: string;
  /** The page's editor address, for the workflow forms; null for a page not saved yet. */
  slug: string | null;
  form: PageForm;
  errors: FieldError[];
  parents: ParentOption[];
  /** Every author record: the Authors field suggests their names. */
  authors: Array<{ key: string; name: string; role: string }>;
  head: Revision | null;
  /** The revision readers see, when the page is published. */
  published: Revision | null;
  /** An approved revision older than the newest one: it can still be published. */
  approvedBehind: Revision | null;
  checklist: ChecklistItem[] | null;
  readability: Readability;
  /** Each digest's own readability (the page's figure averages them away). */
  digestReadability?: readonly DigestReadability[];
  /** Words of this page the glossary lacks; null when there is no glossary. */
  glossaryGaps?: ReadonlyArray<{ word: string; uses: number }> | null;
  preview: TopicPresentation | null;
  conflict: ConflictView | null;
  notice?: string | undefined;
  /** A reviewer sent the page back with this comment, and it has not been sent for review since. */
  sentBack?: ReviewComment | null;
  /** The signed owner field that lets the form be kept if the sign-in runs out before Save. */
  formOwner: string | null;
  /** The page was just saved: editor.js forgets the browser's copy of the form. */
  justSaved?: boolean;
  can: { submit: boolean; review: boolean; publish: boolean; delete: boolean };
  scripts: string[];
}

/** The page editor: fields, the body in page-file Markdown, workflow, readability and a preview, all without JavaScript. */
export function EditorPage(props: EditorPageProps) {
  const { form, errors, head, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const isNew = props.slug === null;
  const heading = isNew ? t('newPage') : t('editPageTitle', { title: head?.title ?? form.title });
  const title = errors.length ? t('errorTitle', { title: heading }) : heading;
  const field = (key: keyof typeof FIELD_IDS, name: string, label: EditingKey, hint: Child, control: (a: ControlAttributes) => Child) => (
    <Field id={FIELD_IDS[key]} name={name} label={t(label)} hint={hint} error={errorFor(errors, FIELD_IDS[key])} control={control} site={site} />
  );
  return (
    <Layout
      site={site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={title}
      noindex
      scripts={props.scripts}
      breadcrumbs={[
        { label: t('dashboard'), href: '/dashboard' },
        { label: heading, href: props.action },
      ]}
    >
      <div class="editor">
        <ErrorSummary errors={errors} title={props.conflict ? t('conflictSummaryTitle') : t('errorSummaryTitle')} />
        <h1>{heading}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.sentBack ? (
          <section class="panel sent-back" aria-labelledby="sent-back-title">
            <h2 id="sent-back-title">{t('sentBackTitle')}</h2>
            <ReviewCommentText comment={props.sentBack} i18n={i18n} />
            <p>{t('sentBackThen')}</p>
          </section>
        ) : null}
        {props.conflict ? <ConflictPanel conflict={props.conflict} i18n={i18n} /> : null}
        {!isNew && head ? <StatusPanel {...props} head={head} /> : null}

        <div class="editor-columns">
          <form method="post" action={i18n.path(props.action)} class="editor-form" id="editor-form" novalidate {...livePreviewTexts(t)} {...draftTexts(t)} data-draft-saved={props.justSaved ? '' : undefined}>
            <CsrfField token={props.csrfToken} />
            <FormOwnerField value={props.formOwner} />
            <input type="hidden" name="baseRevisionId" value={form.baseRevisionId} />
            <input type="hidden" name="saveToken" value={form.saveToken ?? ''} />
            <fieldset class="editor-fieldset">
              <legend>{t('aboutThePage')}</legend>
              {field('title', 'title', 'fieldTitle', t('hintTitle'), (a) => <input {...a} type="text" value={form.title} autocomplete="off" dir="auto" lang={contentLang(i18n)} />)}
              {field('sortTitle', 'sortTitle', 'fieldSortTitle', t('hintSortTitle'), (a) => <input {...a} type="text" value={form.sortTitle} autocomplete="off" dir="auto" lang={contentLang(i18n)} />)}
              {field('slug', 'slug', 'fieldSlug', isNew ? t('hintSlugNew') : t('hintSlugExisting'), (a) => (
                <input {...a} type="text" value={form.slug} autocomplete="off" spellcheck={false} dir="ltr" />
              ))}
              {field('parentSlug', 'parentSlug', 'fieldParent', t('hintParent'), (a) => (
                <select {...a}>
                  <option value="" selected={form.parentSlug === ''}>
                    {t('topLevel')}
                  </option>
                  {props.parents.map((p) => (
                    <option value={p.slug} selected={p.slug === form.parentSlug}>
                      {`${'– '.repeat(p.depth)}${p.title}`}
                    </option>
                  ))}
                </select>
              ))}
              {field('position', 'position', 'fieldPosition', t('hintPosition'), (a) => (
                <input {...a} type="text" inputmode="numeric" value={form.position} class="input-short" />
              ))}
              {field('summary', 'summary', 'fieldSummary', t('hintSummary'), (a) => (
                <textarea {...a} rows={3} class="textarea-short" dir="auto" lang={contentLang(i18n)}>
                  {form.summary}
                </textarea>
              ))}
              {field('authors', 'authors', 'fieldAuthors', <AuthorsHint i18n={i18n} empty={!props.authors.length} />, (a) => (
                <>
                  <input {...a} type="text" value={form.authors} autocomplete="off" spellcheck={false} dir="auto" list="author-names" />
                  {/* Suggestions as the name is typed, with or without JavaScript. */}
                  <datalist id="author-names">
                    {props.authors.map((p) => (
                      <option value={p.name}>{p.role}</option>
                    ))}
                  </datalist>
                </>
              ))}
              {field('reviewIntervalMonths', 'reviewIntervalMonths', 'fieldInterval', t('hintInterval'), (a) => (
                <input {...a} type="text" inputmode="numeric" value={form.reviewIntervalMonths} class="input-short" />
              ))}
            </fieldset>

            {field('body', 'body', 'fieldBody', <BodyHint i18n={i18n} />, (a) => (
              <textarea {...a} rows={24} class="textarea-body" spellcheck={true} dir="auto" lang={contentLang(i18n)}>
                {form.body}
              </textarea>
            ))}
            {field('alsoSee', 'alsoSee', 'fieldAlsoSee', t('hintAlsoSee'), (a) => <input {...a} type="text" value={form.alsoSee} autocomplete="off" dir="auto" lang={contentLang(i18n)} />)}
            {field('footnotes', 'footnotes', 'fieldFootnotes', t('hintFootnotes'), (a) => (
              <textarea {...a} rows={4} class="textarea-short" dir="auto" lang={contentLang(i18n)}>
                {form.footnotes}
              </textarea>
            ))}
            {field('codes', 'codes', 'fieldCodes', t('hintCodes'), (a) => (
              <textarea {...a} rows={3} class="textarea-short" spellcheck={false} dir="ltr">
                {form.codes}
              </textarea>
            ))}
            {field('editSummary', 'editSummary', 'fieldEditSummary', t('hintEditSummary'), (a) => <input {...a} type="text" value={form.editSummary} autocomplete="off" dir="auto" />)}
            {isNew ? null : <TranslationImpactField value={form.translationImpact} i18n={i18n} />}
            <div class="button-row">
              <button type="submit" name="intent" value="save" class="button">
                {isNew ? t('saveDraft') : t('saveRevision')}
              </button>
              <button type="submit" name="intent" value="preview" class="button secondary">
                {t('previewButton')}
              </button>
            </div>
            <p class="hint">{t('saveHint')}</p>
          </form>

          {/* On wide screens this column scrolls by itself (sticky beside the form): focusable, so a keyboard can scroll it too. */}
          <div class="editor-side" tabindex={0} role="region" aria-labelledby="readability-title preview-title">
            <div id="readability-region">
              <ReadabilityPanel readability={props.readability} digests={props.digestReadability} i18n={i18n} />
            </div>
            {props.glossaryGaps ? <GlossaryGapsPanel gaps={props.glossaryGaps} i18n={i18n} /> : null}
            <section class="preview" aria-labelledby="preview-title">
              <h2 id="preview-title">{t('previewTitle')}</h2>
              <p class="hint" id="preview-status" role="status">
                {props.preview ? t('previewShown') : t('previewPrompt')}
              </p>
              <div id="preview-body" class="preview-body" lang={contentLang(i18n)}>
                {props.preview ? <TopicArticle view={props.preview} /> : null}
              </div>
            </section>
          </div>
        </div>

        {!isNew && props.published && props.can.delete ? <DeletePanel slug={props.slug!} csrfToken={props.csrfToken} error={errorFor(errors, 'confirm-delete')} i18n={i18n} /> : null}
      </div>
    </Layout>
  );
}

/** What public/editor.js says about the live preview, in the editor's language (the script has no words of its own). */
function livePreviewTexts(t: EditingText): Record<string, string> {
  return {
    'data-preview-too-fast': t('livePreviewTooFast'),
    'data-preview-server': t('livePreviewServer', { status: '{status}' }),
    'data-preview-partial': t('livePreviewPartial'),
    'data-preview-updated': t('livePreviewUpdated'),
    'data-preview-failed': t('livePreviewFailed', { reason: '{reason}' }),
  };
}

/** The words of editor.js's copy of the form in the browser, in the editor's language. */
function draftTexts(t: EditingText): Record<string, string> {
  return {
    'data-draft-intro': t('draftRestoreIntro'),
    'data-draft-restore': t('draftRestore', { when: '{when}' }),
    'data-draft-discard': t('draftDiscard'),
    'data-draft-restored': t('draftRestored'),
  };
}

function AuthorsHint({ i18n, empty }: { i18n: Localizer; empty: boolean }) {
  const t = editingTextOf(i18n);
  return (
    <>
      {t('hintAuthors')} {empty ? t('noAuthors') : null}{' '}
      {t.rich('hintOwnByline', { link: (chunks) => <a href={i18n.path('/account/byline')}>{chunks}</a> })}
    </>
  );
}

function BodyHint({ i18n }: { i18n: Localizer }) {
  const t = editingTextOf(i18n);
  const code = (chunks: Child[]) => <code dir="ltr">{chunks}</code>;
  return (
    <>
      {t('bodyHintIntro')}{' '}
      <details class="syntax-help">
        <summary>{t('syntaxHelp')}</summary>
        <ul>
          <li>{t.rich('syntaxHeading', { code })}</li>
          <li>{t('syntaxParagraphs')}</li>
          <li>
            {t.rich('syntaxResearch', {
              code,
              import: (chunks) => <a href={i18n.path('/edit/citations/import')}>{chunks}</a>,
              citations: (chunks) => <a href={i18n.path('/edit/citations')}>{chunks}</a>,
            })}
          </li>
          <li>{t.rich('syntaxNews', { code })}</li>
          <li>{t.rich('syntaxLinks', { code })}</li>
          <li>{t.rich('syntaxSubArticles', { code })}</li>
        </ul>
      </details>
    </>
  );
}

function StatusPanel(props: EditorPageProps & { head: Revision }) {
  const { head, published, checklist, can, site } = props;
  const i18n = site.i18n;
  const t = editingTextOf(i18n);
  const path = i18n.path;
  const slug = props.slug!;
  const publishable = checklist !== null && checklist.every((i) => i.ok) && ['draft', 'in_review', 'approved'].includes(head.state);
  const newest = {
    number: head.number,
    state: stateName(t, head.state),
    when: i18n.instant(head.createdAt),
    tag: (chunks: Child[]) => <span class={`state-tag state-${head.state}`}>{chunks}</span>,
    time: (chunks: Child[]) => <time datetime={head.createdAt}>{chunks}</time>,
  };
  return (
    <section class="status panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('statusTitle')}</h2>
      <dl class="status-list">
        <div>
          <dt>{t('newestRevision')}</dt>
          <dd>
            {head.authorName ? t.rich('newestLine', { ...newest, author: head.authorName }) : t.rich('newestLineAnonymous', newest)}
            {head.summary ? t('quotedSummary', { summary: head.summary }) : ''}
          </dd>
        </div>
        <div>
          <dt>{t('readersSee')}</dt>
          <dd>
            {published
              ? published.publishedAt
                ? t.rich('readersSeePublished', {
                    number: published.number,
                    when: i18n.instant(published.publishedAt),
                    time: (chunks) => <time datetime={published.publishedAt!}>{chunks}</time>,
                    link: (chunks) => <a href={path(`/directory/${published.slug}`)}>{chunks}</a>,
                  })
                : t.rich('readersSeeRevision', { number: published.number, link: (chunks) => <a href={path(`/directory/${published.slug}`)}>{chunks}</a> })
              : t('neverPublished')}
          </dd>
        </div>
      </dl>
      <p>
        <a href={path(`/edit/${slug}/history`)}>{t('pageHistory')}</a>
        {published && published.id !== head.id ? (
          <>
            {' '}
            · <a href={path(`/edit/${slug}/diff?from=${published.number}&to=${head.number}`)}>{t('compareWithPublished')}</a>
          </>
        ) : null}
      </p>
      {checklist ? <ChecklistPanel items={checklist} i18n={i18n} /> : null}
      <div class="workflow-actions">
        {head.state === 'draft' && can.submit ? (
          <WorkflowButton i18n={i18n} slug={slug} action="submit" revisionId={head.id} csrfToken={props.csrfToken} label={t('sendForReview', { number: head.number })} />
        ) : null}
        {head.state === 'in_review' && can.review ? (
          head.authorUserId === props.user?.id ? (
            <p>{t('ownRevision')}</p>
          ) : (
            <p>
              <a class="button" href={path(`/edit/${slug}/review?revision=${head.id}`)}>
                {t('openReview')}
              </a>
            </p>
          )
        ) : null}
        {publishable && can.publish ? (
          <WorkflowButton i18n={i18n} slug={slug} action="publish" revisionId={head.id} csrfToken={props.csrfToken} label={t('publishRevision', { number: head.number })} />
        ) : null}
        {props.approvedBehind && can.publish ? (
          <>
            <p>{t('approvedBehind', { number: props.approvedBehind.number, reviewer: props.approvedBehind.reviewerName ?? t('aReviewer') })}</p>
            <WorkflowButton
              i18n={i18n}
              slug={slug}
              action="publish"
              revisionId={props.approvedBehind.id}
              csrfToken={props.csrfToken}
              label={t('publishApproved', { number: props.approvedBehind.number })}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}

function WorkflowButton(props: { i18n: Localizer; slug: string; action: string; revisionId: number; csrfToken: string; label: string }) {
  return (
    <form method="post" action={props.i18n.path(`/edit/${props.slug}/${props.action}`)} class="inline-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="revisionId" value={String(props.revisionId)} />
      <button type="submit" class="button">
        {props.label}
      </button>
    </form>
  );
}

function ConflictPanel({ conflict, i18n }: { conflict: ConflictView; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  const { head } = conflict;
  return (
    <section class="conflict panel" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t('conflictTitle')}</h2>
      <p>
        {t.rich('conflictText', {
          author: head.authorName ?? t('someone'),
          number: head.number,
          when: i18n.instant(head.createdAt),
          summary: head.summary ? t('quotedSummary', { summary: head.summary }) : '',
          time: (chunks) => <time datetime={head.createdAt}>{chunks}</time>,
        })}
      </p>
      <h3>{t('theyChanged')}</h3>
      <p class="hint">{diffSummary(t, conflict.theirChanges)}</p>
      <DiffView parts={conflict.theirChanges} label={t('theirChanges')} i18n={i18n} />
      <h3>{t('theirsVsYours')}</h3>
      <p class="hint">{t('theirsVsYoursHint')}</p>
      <DiffView parts={conflict.theirsVsYours} label={t('theirsVsYours')} i18n={i18n} />
      <details>
        <summary>{t('theirFullText', { number: head.number })}</summary>
        <pre class="source-text" dir="auto" lang={contentLang(i18n)}>{conflict.theirText}</pre>
      </details>
      <details>
        <summary>{t('yourFullText')}</summary>
        <pre class="source-text" dir="auto" lang={contentLang(i18n)}>{conflict.yourText}</pre>
      </details>
    </section>
  );
}

function DeletePanel({ slug, csrfToken, error, i18n }: { slug: string; csrfToken: string; error?: string | undefined; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  return (
    <section class="danger panel" aria-labelledby="delete-title">
      <h2 id="delete-title">{t('deleteTitle')}</h2>
      <p>{t('deleteText')}</p>
      <form method="post" action={i18n.path(`/edit/${slug}/delete`)}>
        <CsrfField token={csrfToken} />
        <div class={error ? 'field has-error' : 'field'}>
          {error ? (
            <span class="field-error" id="confirm-delete-error">
              <span class="visually-hidden">{t('errorPrefix')}</span>
              {error}
            </span>
          ) : null}
          <div class="checkbox-field">
            <input type="checkbox" id="confirm-delete" name="confirm" value="yes" aria-describedby={error ? 'confirm-delete-error' : undefined} />
            <label for="confirm-delete" class="inline-label">
              {t('deleteConfirm')}
            </label>
          </div>
        </div>
        <button type="submit" class="button warning">
          {t('deleteButton')}
        </button>
      </form>
    </section>
  );
}

/** A deleted page's editor: only the way back. */
export function DeletedPage(props: Frame & { slug: string; title: string; canRestore: boolean }) {
  const i18n = props.site.i18n;
  const t = editingTextOf(i18n);
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={t('deletedDocumentTitle', { title: props.title })} noindex>
      <h1>{t('deletedHeading', { title: props.title })}</h1>
      <p class="lead">{t('deletedLead')}</p>
      {props.canRestore ? (
        <form method="post" action={i18n.path(`/edit/${props.slug}/undelete`)}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button">
            {t('restorePage')}
          </button>
        </form>
      ) : (
        <p>{t('askToRestore')}</p>
      )}
      <p>
        <a href={i18n.path(`/edit/${props.slug}/history`)}>{t('pageHistory')}</a> · <a href={i18n.path('/dashboard')}>{t('dashboard')}</a>
      </p>
    </Layout>
  );
}
