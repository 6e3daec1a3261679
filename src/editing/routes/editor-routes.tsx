import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { takeParkedForm } from '../../accounts/middleware.js';
import { PageDocument, type PageDocumentInput } from '../../directory/document.js';
import { FIELD_IDS, PageForm, documentFromForm, emptyForm, fieldErrorFor, formFromDocument, inFormOrder } from '../page-form.js';
import { documentAsText } from '../page-source.js';
import { saveKeyOf } from '../save-key.js';
import { OWN_RECORD, knownAuthors, resolveAuthors } from '../author-names.js';
import { inlineList } from '../views/text.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import type { EditableLocation, SaveOutcome } from '../service/index.js';
import type { ConflictView } from '../views/editor-page.js';
import { wordDiff } from '../word-diff.js';
import { describeConnectionError, isDiskFull, isReadOnly } from '../../db/connection-errors.js';
import { RETRY_AFTER_SECONDS } from '../../web/database-unavailable.js';
import { SaveFailurePage, saveFailureError } from './save-failure-page.js';
import { type EditorState, livePreview, renderEditor } from './editor-screen.js';
import { type EditingKit, rateError } from './kit.js';
import { type EditingText, editingTextOf } from '../views/text.js';
import { createI18n } from '../../i18n/localizer.js';
import { langOf } from '../../web/page-renderer.js';

const NewPageQuery = z.object({ title: z.string().max(200).optional(), slug: z.string().max(200).optional(), parent: z.string().max(200).optional() });
const Intent = z.enum(['save', 'preview', 'live-preview']).catch('save');

/** The page editor: GET and POST /edit (a new page) and /edit/:slug (save, preview, live preview). */
export function editorRoutes(kit: EditingKit) {
  const { service } = kit;
  const app = new Hono<AppEnv>();

  app.get('/edit', async (c) => {
    const query = NewPageQuery.safeParse(c.req.query());
    const q = query.success ? query.data : {};
    const user = c.get('user')!;
    const kept = await keptForm(kit, c);
    if (kept) return renderEditor(kit, c, { located: null, head: null, ...kept });
    // Credited by default: their own record, or their name (which makes the record on save).
    const form = emptyForm({ title: q.title ?? '', slug: q.slug ?? '', parentSlug: q.parent ?? '', authors: user.authorKey ?? user.name });
    return renderEditor(kit, c, { located: null, head: null, form, errors: [] });
  });

  app.post('/edit', (c) => answeringFailedSaves(kit, c, async (seen) => handleEditorPost(kit, c, (seen.located = null))));

  app.get('/edit/:slug', async (c) => {
    const found = await kit.locateOrAnswer(c);
    if ('response' in found) return found.response;
    const head = await service.read.head(found.located.pageKey);
    if (!head) return kit.notFound(c);
    const kept = await keptForm(kit, c);
    if (kept) return renderEditor(kit, c, { located: found.located, head, ...kept });
    return renderEditor(kit, c, { located: found.located, head, form: formFromDocument(head.document, head.id), errors: [], notice: await kit.notice(c) });
  });

  app.post('/edit/:slug', (c) =>
    answeringFailedSaves(kit, c, async (seen) => {
      const found = await kit.locateOrAnswer(c);
      if ('response' in found) return found.response;
      return handleEditorPost(kit, c, (seen.located = found.located));
    }),
  );

  return app;
}

/**
 * The form this editor sent after their sign-in ran out (parked by the
 * accounts middleware), back on its page as it was sent: not saved, so they
 * see it and save it themselves; its base revision is the one they started
 * from, so a save by someone else meanwhile is a conflict as usual.
 */
async function keptForm(kit: EditingKit, c: Context<AppEnv>): Promise<Pick<EditorState, 'form' | 'errors' | 'notice' | 'withPreview'> | null> {
  const fields = await takeParkedForm(c);
  const parsed = fields ? PageForm.safeParse(fields) : null;
  if (!parsed?.success) return null;
  return { form: parsed.data, errors: [], notice: (await kit.text(c))('noticeTextKept'), withPreview: Intent.parse(fields!.intent) === 'preview' };
}

/**
 * Runs an editor POST; when the database refuses the save (a full disk, an
 * unwritable database: nothing was saved), the editor gets the editor page
 * back with their text and what happened, never a bare error page.
 */
async function answeringFailedSaves(kit: EditingKit, c: Context<AppEnv>, run: (seen: { located?: EditableLocation | null }) => Promise<Response>): Promise<Response> {
  const seen: { located?: EditableLocation | null } = {};
  try {
    return await run(seen);
  } catch (error) {
    // An outage goes on to the app's error handler, which answers editors with unconfirmedSaveAnswer.
    const refused = isDiskFull(error) ? 'full' : isReadOnly(error) ? 'read-only' : null;
    if (!refused) throw error;
    const where = `${c.req.method} ${c.req.path}`;
    const fields: Record<string, string> = await kit.fields(c).catch(() => ({}));
    const parsed = PageForm.safeParse(fields);
    // The live preview (editor.js) has its own answer to a failed request.
    if (!parsed.success || Intent.parse(fields.intent) === 'live-preview') throw error;
    const form = parsed.data;
    // The real cause (SQLITE_FULL, SQLITE_READONLY, …) with its stack: src/db keeps it from being masked by the rollback.
    console.error(`${where}: nothing saved, the database ${refused === 'full' ? 'disk is full' : 'cannot be written'} (${describeConnectionError(error)})`, error);
    const message = editingTextOf(failureLocalizer(c))(refused === 'full' ? 'saveDiskFull' : 'saveReadOnly');
    const status = refused === 'full' ? 507 : 503;
    if (seen.located !== undefined) {
      try {
        const head = seen.located ? await kit.service.read.head(seen.located.pageKey) : null;
        return await renderEditor(kit, c, { located: seen.located, head, form, errors: [saveFailureError(message)], status });
      } catch {
        // Reading failed too: the page below needs no database.
      }
    }
    return saveFailurePage(kit, c, form, { unconfirmed: false, message, status });
  }
}

/** POST /edit and /edit/<slug>, under any language prefix. */
const EDITOR_POST_PATH = /^(?:\/[a-z]{2})?\/edit(?:\/[^/]+)?$/;

/**
 * The answer to an editor's save the database did not answer (it may have
 * been stored, or not), wherever in the request that happened (signing in
 * reads the database too): the 503 page with their text and a form that
 * sends it again under the same save token. Null for any other request.
 */
export async function unconfirmedSaveAnswer(kit: EditingKit, c: Context<AppEnv>): Promise<Response | null> {
  if (c.req.method !== 'POST' || !EDITOR_POST_PATH.test(c.req.path)) return null;
  const fields: Record<string, string> = await kit.fields(c).catch(() => ({}));
  // Other forms under /edit (citations, the inbox) are not the page editor's.
  if (fields.body === undefined || fields.title === undefined || Intent.parse(fields.intent) === 'live-preview') return null;
  const parsed = PageForm.safeParse(fields);
  if (!parsed.success) return null;
  // The session could not be read: the token the form came with is the one to send again.
  const csrfToken = c.get('csrfToken') ?? fields._csrf ?? '';
  return saveFailurePage(kit, c, parsed.data, { unconfirmed: true, message: editingTextOf(failureLocalizer(c))('saveUnconfirmed'), status: 503, csrfToken });
}

async function saveFailurePage(
  kit: EditingKit,
  c: Context<AppEnv>,
  form: PageForm,
  how: { unconfirmed: boolean; message: string; status: number; csrfToken?: string },
): Promise<Response> {
  const i18n = failureLocalizer(c);
  const page = (
    <SaveFailurePage action={c.req.path} form={form} csrfToken={how.csrfToken ?? c.get('csrfToken')} cssUrl={kit.deps.assets.url('site.css')} unconfirmed={how.unconfirmed} message={how.message} t={editingTextOf(i18n)} lang={i18n.lang} dir={i18n.dir} />
  );
  return new Response(`<!DOCTYPE html>${await page.toString()}`, {
    status: how.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...(how.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
    },
  });
}

/** Saves (or previews) the editor form for a page or a new page. */
async function handleEditorPost(kit: EditingKit, c: Context<AppEnv>, located: EditableLocation | null): Promise<Response> {
  const fields = await kit.fields(c);
  const parsed = PageForm.safeParse(fields);
  const t = await kit.text(c);
  if (!parsed.success) {
    return new Response(t('formTooLarge'), {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // `form` is what the editor typed, and comes back as typed; `resolved` has author keys for the names.
  const form = parsed.data;
  const intent = Intent.parse(fields.intent);
  const head = located ? await kit.service.read.head(located.pageKey) : null;
  const authors = resolveAuthors(form.authors, await knownAuthors(kit.deps.db), c.get('user')!);
  const authorErrors: FieldError[] = authors.unknown.length ? [{ field: FIELD_IDS.authors, message: t('authorsUnknown', { count: authors.unknown.length, names: inlineList(t, authors.unknown.map((name) => t('quotedName', { name }))) }) }] : [];
  const withKeys = (keys: string[]): PageForm => ({ ...form, authors: keys.join(', ') });
  const previewed = withKeys(authors.keys.filter((k) => k !== OWN_RECORD));
  if (intent === 'live-preview') return (await kit.tooFast(c, kit.previews)) ?? livePreview(kit, c, previewed, located, head);
  if (intent === 'preview') {
    if (await kit.usedUp(c, kit.previews)) return renderEditor(kit, c, { located, head, form, errors: [rateError(t)], status: 429 });
    return renderEditor(kit, c, { located, head, form, errors: [...authorErrors, ...documentFromForm(previewed, t).errors], withPreview: true, previewForm: previewed });
  }
  if (await kit.usedUp(c, kit.writes)) return renderEditor(kit, c, { located, head, form, errors: [rateError(t)], status: 429 });
  if (authorErrors.length) return renderEditor(kit, c, { located, head, form, errors: [...authorErrors, ...documentFromForm(previewed, t).errors.filter((e) => e.field !== FIELD_IDS.authors)], status: 400 });
  // Crediting herself: the editor's own author record is made now, if she has none.
  const ownKey = authors.ownRecordNeeded ? await kit.service.ownAuthor(c.get('user')!) : null;
  const resolved = withKeys(authors.keys.map((k) => (k === OWN_RECORD ? ownKey! : k)));

  const read = documentFromForm(resolved, t);
  if (!read.document) return renderEditor(kit, c, { located, head, form, errors: read.errors, status: 400, withPreview: false });
  const document = { ...read.document, position: read.positionBlank ? await nextPosition(kit, read.document.parentSlug ?? null, located) : read.document.position };
  const outcome = await kit.service.save({
    pageKey: located?.pageKey ?? null,
    document,
    summary: form.editSummary,
    baseRevisionId: Number(form.baseRevisionId || 0),
    actor: kit.actor(c),
    saveKey: saveKeyOf(form),
    translationImpact: form.translationImpact,
  });
  if (outcome.kind === 'invalid') {
    const errors = inFormOrder(outcome.problems.map((p) => fieldErrorFor(p, read.positions, document, t)));
    return renderEditor(kit, c, { located, head, form, errors, status: 400 });
  }
  if (outcome.kind === 'conflict') return renderEditor(kit, c, conflictState(t, located, form, document, outcome));
  const slug = located?.kind === 'page' ? located.slug : outcome.revision.slug;
  return c.redirect(kit.here(c, `/edit/${slug}?notice=${located ? 'saved' : 'created'}`), 303);
}

/** Someone saved first: both texts side by side, every word typed kept in the form. */
function conflictState(
  t: EditingText,
  located: EditableLocation | null,
  form: PageForm,
  document: PageDocumentInput,
  outcome: Extract<SaveOutcome, { kind: 'conflict' }>,
): EditorState {
  const mine = PageDocument.parse({ ...document, createdOn: outcome.head.document.createdOn });
  const theirText = documentAsText(outcome.head.document);
  const yourText = documentAsText({ ...mine, reviewedOn: outcome.head.document.reviewedOn, reviewedByKey: outcome.head.document.reviewedByKey, nextReviewOn: outcome.head.document.nextReviewOn, updatedOn: outcome.head.document.updatedOn });
  const conflict: ConflictView = {
    head: outcome.head,
    base: outcome.base,
    theirChanges: wordDiff(outcome.base ? documentAsText(outcome.base.document) : '', theirText),
    theirsVsYours: wordDiff(theirText, yourText),
    theirText,
    yourText,
  };
  // The form's base moves to their revision, so saving again is a deliberate choice.
  return {
    located,
    head: outcome.head,
    form: { ...form, baseRevisionId: String(outcome.head.id) },
    errors: [{ field: FIELD_IDS.body, message: t('conflictError', { author: outcome.head.authorName ?? t('someone'), number: outcome.head.number }) }],
    conflict,
    status: 409,
  };
}

/** Last among its future siblings. */
async function nextPosition(kit: EditingKit, parentSlug: string | null, located: EditableLocation | null): Promise<number> {
  const tree = await kit.deps.queries.tree();
  const siblings = parentSlug ? (tree.bySlug.get(parentSlug)?.children ?? []) : tree.roots;
  const others = siblings.filter((n) => !(located?.kind === 'page' && n.id === located.pageId));
  return others.length ? Math.min(1_000_000, Math.max(...others.map((n) => n.position)) + 1) : 0;
}

/** The editor's language for a save that failed: from the catalogues alone, since the database may be what failed. */
function failureLocalizer(c: Context<AppEnv>) {
  return createI18n().forLang(langOf(c));
}
