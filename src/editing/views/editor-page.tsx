import type { Child } from 'hono/jsx';
import { Field } from '../../web/form-field.js';
import type { Frame } from '../../accounts/views/frame.js';
import { displayInstant } from '../../accounts/views/frame.js';
import { CsrfField, ErrorSummary, type FieldError, errorFor, formTitle } from '../../accounts/views/form-parts.js';
import type { TopicPresentation } from '../../directory/presenter.js';
import { TopicArticle } from '../../directory/views/topic-page.js';
import { Layout } from '../../web/layout.js';
import type { ChecklistItem } from '../checklist.js';
import { FIELD_IDS, type PageForm } from '../page-form.js';
import type { Readability } from '../readability.js';
import type { Revision } from '../revision-store.js';
import type { DiffPart } from '../word-diff.js';
import { ChecklistPanel, DiffView, ReadabilityPanel, StateTag, diffSummary } from './parts.js';

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
  authors: Array<{ key: string; name: string }>;
  head: Revision | null;
  /** The revision readers see, when the page is published. */
  published: Revision | null;
  /** An approved revision older than the newest one: it can still be published. */
  approvedBehind: Revision | null;
  checklist: ChecklistItem[] | null;
  readability: Readability;
  preview: TopicPresentation | null;
  conflict: ConflictView | null;
  notice?: string | undefined;
  can: { submit: boolean; review: boolean; publish: boolean; delete: boolean };
  scripts: string[];
}

/** The page editor: fields, the body in page-file Markdown, workflow, readability and a preview, all without JavaScript. */
export function EditorPage(props: EditorPageProps) {
  const { form, errors, head } = props;
  const isNew = props.slug === null;
  const heading = isNew ? 'New page' : `Edit “${head?.title ?? form.title}”`;
  return (
    <Layout
      site={props.site}
      user={props.user}
      csrfToken={props.csrfToken}
      title={formTitle(heading, errors)}
      noindex
      scripts={props.scripts}
      breadcrumbs={[
        { label: 'Dashboard', href: '/dashboard' },
        { label: heading, href: props.action },
      ]}
    >
      <div class="editor">
        <ErrorSummary errors={errors} title={props.conflict ? 'Your changes are not saved yet' : 'There is a problem'} />
        <h1>{heading}</h1>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        {props.conflict ? <ConflictPanel conflict={props.conflict} /> : null}
        {!isNew && head ? <StatusPanel {...props} head={head} /> : null}

        <div class="editor-columns">
          <form method="post" action={props.action} class="editor-form" id="editor-form" novalidate>
            <CsrfField token={props.csrfToken} />
            <input type="hidden" name="baseRevisionId" value={form.baseRevisionId} />
            <input type="hidden" name="saveToken" value={form.saveToken ?? ''} />
            <fieldset class="editor-fieldset">
              <legend>About the page</legend>
              <Field
                id={FIELD_IDS.title}
                name="title"
                label="Title"
                hint="Shown as the page heading. Up to 200 characters."
                error={errorFor(errors, FIELD_IDS.title)}
                control={(a) => <input {...a} type="text" value={form.title} autocomplete="off" />}
              />
              <Field
                id={FIELD_IDS.slug}
                name="slug"
                label="Address"
                hint={
                  isNew
                    ? 'The end of the page’s web address, /directory/…: lower-case letters, digits and hyphens. Leave empty to make it from the title.'
                    : 'The end of the page’s web address, /directory/…. Changing it renames the page; the old address will keep working.'
                }
                error={errorFor(errors, FIELD_IDS.slug)}
                control={(a) => <input {...a} type="text" value={form.slug} autocomplete="off" spellcheck={false} />}
              />
              <Field
                id={FIELD_IDS.parentSlug}
                name="parentSlug"
                label="Parent page"
                hint="Where the page sits in the directory. Choose another parent to move it."
                error={errorFor(errors, FIELD_IDS.parentSlug)}
                control={(a) => (
                  <select {...a}>
                    <option value="" selected={form.parentSlug === ''}>
                      (Top level of the directory)
                    </option>
                    {props.parents.map((p) => (
                      <option value={p.slug} selected={p.slug === form.parentSlug}>
                        {`${'– '.repeat(p.depth)}${p.title}`}
                      </option>
                    ))}
                  </select>
                )}
              />
              <Field
                id={FIELD_IDS.position}
                name="position"
                label="Position among its sibling pages"
                hint="A smaller number comes first. Leave empty to put a new page last."
                error={errorFor(errors, FIELD_IDS.position)}
                control={(a) => <input {...a} type="text" inputmode="numeric" value={form.position} class="input-short" />}
              />
              <Field
                id={FIELD_IDS.summary}
                name="summary"
                label="Summary"
                hint="One or two plain sentences, used in lists, search results and the page’s description. Up to 500 characters."
                error={errorFor(errors, FIELD_IDS.summary)}
                control={(a) => (
                  <textarea {...a} rows={3} class="textarea-short">
                    {form.summary}
                  </textarea>
                )}
              />
              <Field
                id={FIELD_IDS.authors}
                name="authors"
                label="Authors"
                hint={`Author keys for the byline, in order, separated by commas. ${
                  props.authors.length ? `Known authors: ${props.authors.map((p) => `${p.key} (${p.name})`).join(', ')}.` : 'No authors are recorded yet.'
                }`}
                error={errorFor(errors, FIELD_IDS.authors)}
                control={(a) => <input {...a} type="text" value={form.authors} autocomplete="off" spellcheck={false} />}
              />
              <Field
                id={FIELD_IDS.reviewIntervalMonths}
                name="reviewIntervalMonths"
                label="Months between medical reviews"
                hint="After each review the next one falls due this many months later (usually 24)."
                error={errorFor(errors, FIELD_IDS.reviewIntervalMonths)}
                control={(a) => <input {...a} type="text" inputmode="numeric" value={form.reviewIntervalMonths} class="input-short" />}
              />
            </fieldset>

            <Field
              id={FIELD_IDS.body}
              name="body"
              label="Page text"
              hint={<BodyHint />}
              error={errorFor(errors, FIELD_IDS.body)}
              control={(a) => (
                <textarea {...a} rows={24} class="textarea-body" spellcheck={true}>
                  {form.body}
                </textarea>
              )}
            />
            <Field
              id={FIELD_IDS.alsoSee}
              name="alsoSee"
              label="Also see (whole page)"
              hint="Related pages elsewhere in the directory, written [[Page title]] and separated by commas."
              error={errorFor(errors, FIELD_IDS.alsoSee)}
              control={(a) => <input {...a} type="text" value={form.alsoSee} autocomplete="off" />}
            />
            <Field
              id={FIELD_IDS.footnotes}
              name="footnotes"
              label="Notes (footnotes)"
              hint="One note per line. Refer to note 1 in the text with [^1]."
              error={errorFor(errors, FIELD_IDS.footnotes)}
              control={(a) => (
                <textarea {...a} rows={4} class="textarea-short">
                  {form.footnotes}
                </textarea>
              )}
            />
            <Field
              id={FIELD_IDS.editSummary}
              name="editSummary"
              label="What did you change? (optional)"
              hint="A few words for the page history, e.g. “Added the 2024 study on hand exercises”."
              error={errorFor(errors, FIELD_IDS.editSummary)}
              control={(a) => <input {...a} type="text" value={form.editSummary} autocomplete="off" />}
            />
            <div class="button-row">
              <button type="submit" name="intent" value="save" class="button">
                {isNew ? 'Save as draft' : 'Save a new revision'}
              </button>
              <button type="submit" name="intent" value="preview" class="button secondary">
                Preview
              </button>
            </div>
            <p class="hint">Saving never changes what readers see: a revision is published only after medical review.</p>
          </form>

          <div class="editor-side">
            <div id="readability-region">
              <ReadabilityPanel readability={props.readability} />
            </div>
            <section class="preview" aria-labelledby="preview-title">
              <h2 id="preview-title">Preview</h2>
              <p class="hint" id="preview-status" role="status">
                {props.preview ? 'This is how readers will see the page.' : 'Press “Preview” to see the page as readers will.'}
              </p>
              <div id="preview-body" class="preview-body">
                {props.preview ? <TopicArticle view={props.preview} /> : null}
              </div>
            </section>
          </div>
        </div>

        {!isNew && props.published && props.can.delete ? <DeletePanel slug={props.slug!} csrfToken={props.csrfToken} error={errorFor(errors, 'confirm-delete')} /> : null}
      </div>
    </Layout>
  );
}

function BodyHint() {
  return (
    <>
      The sections and entries, written as in the page files.{' '}
      <details class="syntax-help">
        <summary>How to write the page text</summary>
        <ul>
          <li>
            <code>## Heading</code> starts a section; text before the first heading is the introduction.
          </li>
          <li>Plain paragraphs are our own summary.</li>
          <li>
            A research digest: <code>::: research [@citation-key]</code>, the text, then <code>:::</code> on its own line. To get a key, <a href="/edit/citations/import">import the study from PubMed or by DOI</a> or find it in <a href="/edit/citations">Citations</a>.
          </li>
          <li>
            A news digest: <code>::: news outlet="Name" date="2024-05-01" url="https://…" title="Headline"</code>, the text, then <code>:::</code>.
          </li>
          <li>
            Links: <code>[[Page title]]</code> or <code>[[Page title|shown text]]</code>. Citations: <code>[@key]</code>, <code>[@pmid:123]</code>. Notes:{' '}
            <code>[^1]</code>.
          </li>
          <li>
            <code>Sub-articles:</code> followed by a list of <code>- [[links]]</code>; <code>Also see: [[A]], [[B]]</code> on one line.
          </li>
        </ul>
      </details>
    </>
  );
}

function StatusPanel(props: EditorPageProps & { head: Revision }) {
  const { head, published, checklist, can } = props;
  const slug = props.slug!;
  const publishable = checklist !== null && checklist.every((i) => i.ok) && ['draft', 'in_review', 'approved'].includes(head.state);
  return (
    <section class="status panel" aria-labelledby="status-title">
      <h2 id="status-title">Where this page stands</h2>
      <dl class="status-list">
        <div>
          <dt>Newest revision</dt>
          <dd>
            {head.number}: <StateTag state={head.state} />, saved {head.authorName ? `by ${head.authorName} ` : ''}
            <time datetime={head.createdAt}>{displayInstant(head.createdAt)}</time>
            {head.summary ? ` (“${head.summary}”)` : ''}
          </dd>
        </div>
        <div>
          <dt>Readers see</dt>
          <dd>
            {published ? (
              <>
                revision {published.number}
                {published.publishedAt ? (
                  <>
                    , published <time datetime={published.publishedAt}>{displayInstant(published.publishedAt)}</time>
                  </>
                ) : null}{' '}
                · <a href={`/directory/${published.slug}`}>View the published page</a>
              </>
            ) : (
              'nothing yet: this page has never been published'
            )}
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/edit/${slug}/history`}>Page history</a>
        {published && published.id !== head.id ? (
          <>
            {' '}
            · <a href={`/edit/${slug}/diff?from=${published.id}&to=${head.id}`}>Compare the newest revision with the published one</a>
          </>
        ) : null}
      </p>
      {checklist ? <ChecklistPanel items={checklist} /> : null}
      <div class="workflow-actions">
        {head.state === 'draft' && can.submit ? (
          <WorkflowButton slug={slug} action="submit" revisionId={head.id} csrfToken={props.csrfToken} label={`Send revision ${head.number} for medical review`} />
        ) : null}
        {head.state === 'in_review' && can.review ? (
          head.authorUserId === props.user?.id ? (
            <p>You wrote this revision, so another reviewer must approve it.</p>
          ) : (
            <WorkflowButton slug={slug} action="approve" revisionId={head.id} csrfToken={props.csrfToken} label={`Approve revision ${head.number} as medically reviewed`} />
          )
        ) : null}
        {publishable && can.publish ? (
          <WorkflowButton slug={slug} action="publish" revisionId={head.id} csrfToken={props.csrfToken} label={`Publish revision ${head.number}`} />
        ) : null}
        {props.approvedBehind && can.publish ? (
          <>
            <p>
              Revision {props.approvedBehind.number} was approved by {props.approvedBehind.reviewerName ?? 'a reviewer'} and can be published while the newer
              revision is worked on.
            </p>
            <WorkflowButton slug={slug} action="publish" revisionId={props.approvedBehind.id} csrfToken={props.csrfToken} label={`Publish approved revision ${props.approvedBehind.number}`} />
          </>
        ) : null}
      </div>
    </section>
  );
}

function WorkflowButton(props: { slug: string; action: string; revisionId: number; csrfToken: string; label: string }) {
  return (
    <form method="post" action={`/edit/${props.slug}/${props.action}`} class="inline-form">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="revisionId" value={String(props.revisionId)} />
      <button type="submit" class="button">
        {props.label}
      </button>
    </form>
  );
}

function ConflictPanel({ conflict }: { conflict: ConflictView }) {
  const { head } = conflict;
  return (
    <section class="conflict panel" aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this page while you were editing</h2>
      <p>
        {head.authorName ?? 'Someone'} saved revision {head.number} <time datetime={head.createdAt}>{displayInstant(head.createdAt)}</time>
        {head.summary ? ` (“${head.summary}”)` : ''}. Nothing has been overwritten: your text is still in the form below, and saving it now will make it
        the newest revision on top of theirs. Bring their changes into your text first if you want to keep them.
      </p>
      <h3>What they changed</h3>
      <p class="hint">{diffSummary(conflict.theirChanges)}</p>
      <DiffView parts={conflict.theirChanges} label="Their changes" />
      <h3>Their version compared with yours</h3>
      <p class="hint">Struck-through text is only in their version; underlined text is only in yours.</p>
      <DiffView parts={conflict.theirsVsYours} label="Their version compared with yours" />
      <details>
        <summary>Their full text (revision {head.number})</summary>
        <pre class="source-text">{conflict.theirText}</pre>
      </details>
      <details>
        <summary>Your full text</summary>
        <pre class="source-text">{conflict.yourText}</pre>
      </details>
    </section>
  );
}

function DeletePanel({ slug, csrfToken, error }: { slug: string; csrfToken: string; error?: string | undefined }) {
  return (
    <section class="danger panel" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this page</h2>
      <p>Deleting hides the page from readers and search. Its history is kept and an editor can restore it from the dashboard.</p>
      <form method="post" action={`/edit/${slug}/delete`}>
        <CsrfField token={csrfToken} />
        <div class={error ? 'field has-error' : 'field'}>
          {error ? (
            <span class="field-error" id="confirm-delete-error">
              <span class="visually-hidden">Error: </span>
              {error}
            </span>
          ) : null}
          <input type="checkbox" id="confirm-delete" name="confirm" value="yes" aria-describedby={error ? 'confirm-delete-error' : undefined} />{' '}
          <label for="confirm-delete" class="inline-label">
            Yes, hide this page from readers
          </label>
        </div>
        <button type="submit" class="button warning">
          Delete page
        </button>
      </form>
    </section>
  );
}

/** A deleted page's editor: only the way back. */
export function DeletedPage(props: Frame & { slug: string; title: string; canRestore: boolean }) {
  return (
    <Layout site={props.site} user={props.user} csrfToken={props.csrfToken} title={`Deleted: ${props.title}`} noindex>
      <h1>“{props.title}” is deleted</h1>
      <p class="lead">Readers cannot see this page. Restore it to edit it again; it comes back exactly as it was published.</p>
      {props.canRestore ? (
        <form method="post" action={`/edit/${props.slug}/undelete`}>
          <CsrfField token={props.csrfToken} />
          <button type="submit" class="button">
            Restore this page
          </button>
        </form>
      ) : (
        <p>Ask an editor or admin to restore it.</p>
      )}
      <p>
        <a href={`/edit/${props.slug}/history`}>Page history</a> · <a href="/dashboard">Dashboard</a>
      </p>
    </Layout>
  );
}
