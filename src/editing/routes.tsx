import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.js';
import { clientIp } from '../accounts/client-ip.js';
import type { AppEnv, CurrentUser } from '../accounts/context.js';
import { requirePermission } from '../accounts/middleware.js';
import { can } from '../accounts/permissions.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import { PageDocument, type PageDocumentInput, Slug } from '../directory/document.js';
import type { CitationHtml } from '../directory/presenter.js';
import type { DirectoryQueries } from '../directory/queries.js';
import { type DirectoryStore, bumpContentVersion } from '../directory/store.js';
import { NotFoundPage } from '../site/views/site-pages.js';
import { loadSettings, saveSettings } from '../site/settings.js';
import type { AssetBundle } from '../web/assets.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { loadDashboard } from './dashboard.js';
import { type EditingService, type Located, WorkflowError, createEditingService } from './editing-service.js';
import { FIELD_IDS, PageForm, documentFromForm, emptyForm, fieldErrorFor, formFromDocument, inFormOrder } from './page-form.js';
import { documentAsText } from './page-source.js';
import { presentPreview } from './preview.js';
import { measurePage } from './readability.js';
import { createWindowLimiter } from './rate-limit.js';
import { type Revision, pageKeyOf } from './revision-store.js';
import { SettingsForm, formFromSettings, settingsFromForm } from './settings-form.js';
import { DashboardPage } from './views/dashboard-page.js';
import { type ConflictView, DeletedPage, EditorPage, type ParentOption } from './views/editor-page.js';
import { DiffPage, HistoryPage, RevisionPage } from './views/history-pages.js';
import { ReadabilityPanel } from './views/parts.js';
import { SettingsPage } from './views/settings-page.js';
import { EditToolbar } from './views/toolbar.js';
import { TopicArticle } from '../directory/views/topic-page.js';
import { wordDiff } from './word-diff.js';
import { ownValue } from '../web/known-key.js';

export interface EditingRouteDeps {
  db: Db;
  store: DirectoryStore;
  queries: DirectoryQueries;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
  assets: AssetBundle;
  trustProxy: boolean;
  contentChanged: () => Promise<void>;
  clock?: () => Date;
  /** ATOZ_STALE_EVIDENCE_YEARS: the dashboard lists pages whose newest evidence is older. */
  staleEvidenceYears?: number;
}

/** Messages after a redirect, chosen by key so nothing from the address is echoed back. */
const NOTICES: Record<string, string> = {
  saved: 'Saved as a new revision. Readers still see the published version until a revision is reviewed and published.',
  created: 'Saved as a draft. The page appears in the directory once it is reviewed and published.',
  submitted: 'Sent for medical review. Reviewers see it on their dashboard.',
  approved: 'Approved as medically reviewed. It can be published now.',
  published: 'Published: readers see this version now.',
  restored: 'The old revision is now the newest draft. Nothing was lost: every revision is still in the history.',
  undeleted: 'The page is back: readers can see it again.',
  deleted: 'The page is deleted: readers no longer see it. You can restore it below.',
  settings: 'Settings saved. Every page shows them now.',
};

const RevisionIdForm = z.object({ revisionId: z.coerce.number().int().positive().max(2 ** 31) });
const DiffQuery = z.object({ from: z.coerce.number().int().positive().max(2 ** 31), to: z.coerce.number().int().positive().max(2 ** 31) });
const NewPageQuery = z.object({ title: z.string().max(200).optional(), slug: z.string().max(200).optional(), parent: z.string().max(200).optional() });
const Intent = z.enum(['save', 'preview', 'live-preview']).catch('save');

/**
 * The editorial side: /dashboard, the page editor under /edit, revisions and
 * review, and /admin/settings. Each route: sign-in and permission
 * (requirePermission) → rate limit on writes → Zod on input → handler.
 */
export function editingRoutes(deps: EditingRouteDeps) {
  const { db, pages, queries } = deps;
  const clock = deps.clock ?? (() => new Date());
  const service = createEditingService({ db, store: deps.store, contentChanged: deps.contentChanged, clock });
  // Saves and workflow steps; live previews have their own, larger budget (one every ~0.8 s while typing).
  const writes = createWindowLimiter({ limit: 60, windowMs: 60_000 });
  const previews = createWindowLimiter({ limit: 150, windowMs: 60_000 });
  const editorScript = () => [deps.assets.url('editor.js')];
  const app = new Hono<AppEnv>();

  const actor = (c: Context<AppEnv>) => ({ user: c.get('user')!, ip: clientIp(c, deps.trustProxy) });
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(), user: c.get('user'), csrfToken: c.get('csrfToken') });
  const permissions = (user: CurrentUser) => ({
    submit: can(user, 'page.submit'),
    review: can(user, 'page.review'),
    publish: can(user, 'page.publish'),
    delete: can(user, 'page.delete'),
  });
  const notice = (c: Context<AppEnv>) => ownValue(NOTICES, c.req.query('notice'));

  async function fields(c: Context<AppEnv>): Promise<Record<string, string>> {
    const body = await c.req.parseBody();
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
    return out;
  }

  async function notFound(c: Context<AppEnv>) {
    return pages.fresh(c, <NotFoundPage site={await pages.siteContext()} />, 404);
  }

  async function tooFast(c: Context<AppEnv>, limiter: ReturnType<typeof createWindowLimiter>): Promise<Response | null> {
    const key = `user:${c.get('user')!.id}`;
    if (limiter.take(key)) return null;
    return new Response(`Too many changes in a short time. Wait ${limiter.retryAfter(key)} seconds and try again; nothing was lost: use your browser's Back button to return to your text.`, {
      status: 429,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(limiter.retryAfter(key)), 'cache-control': 'no-store' },
    });
  }

  /** Pages a page may be put under: everything published except itself and its own sub-pages. */
  async function parentOptions(selfSlug: string | null): Promise<ParentOption[]> {
    const tree = await queries.tree();
    const self = selfSlug ? tree.bySlug.get(selfSlug) : undefined;
    const excluded = new Set<number>();
    const walk = (n: NonNullable<typeof self>) => {
      excluded.add(n.id);
      n.children.forEach(walk);
    };
    if (self) walk(self);
    return tree.order.filter((n) => !excluded.has(n.id)).map((n) => ({ slug: n.slug, title: n.title, depth: n.depth }));
  }

  async function authors() {
    return db.selectFrom('authors').select(['key', 'name']).orderBy('name').execute();
  }

  /** A document for preview and readability, whatever state the form is in (dates filled in if missing). */
  function previewDocument(doc: PageDocumentInput | null, carried: Revision | null): PageDocumentInput | null {
    if (!doc) return null;
    const full = {
      ...doc,
      createdOn: carried?.document.createdOn ?? clock().toISOString().slice(0, 10),
      updatedOn: carried ? clock().toISOString().slice(0, 10) : null,
      reviewedOn: carried?.document.reviewedOn ?? null,
      reviewedByKey: carried?.document.reviewedByKey ?? null,
      nextReviewOn: carried?.document.nextReviewOn ?? null,
    };
    return PageDocument.safeParse(full).success ? full : null;
  }

  interface EditorState {
    located: Extract<Located, { kind: 'page' | 'draft' }> | null;
    head: Revision | null;
    form: PageForm;
    errors: FieldError[];
    conflict?: ConflictView | null;
    withPreview?: boolean;
    notice?: string | undefined;
    status?: number;
  }

  async function renderEditor(c: Context<AppEnv>, state: EditorState): Promise<Response> {
    const user = c.get('user')!;
    const { located, head, form } = state;
    const read = documentFromForm(form);
    const doc = previewDocument(read.document ?? lenientDocument(form), head);
    const [published, approved, checklist, parents, authorList, site] = await Promise.all([
      located ? service.read.lastPublished(located.pageKey) : null,
      located ? service.read.latestInState(located.pageKey, 'approved') : null,
      head ? service.checklist(head) : null,
      parentOptions(located?.kind === 'page' ? located.slug : null),
      authors(),
      pages.siteContext(),
    ]);
    const preview = state.withPreview && doc ? await presentPreview(deps, site, doc, located?.kind === 'page' ? located.slug : null) : null;
    const slug = located ? (located.kind === 'page' ? located.slug : (head?.slug ?? located.slug)) : null;
    const page = (
      <EditorPage
        {...await frame(c)}
        action={slug ? `/edit/${slug}` : '/edit'}
        slug={slug}
        form={form}
        errors={state.errors}
        parents={parents}
        authors={authorList}
        head={head}
        published={published}
        approvedBehind={approved && head && approved.id !== head.id ? approved : null}
        checklist={checklist}
        readability={measurePage(doc ?? { summary: form.summary, sections: [] })}
        preview={preview}
        conflict={state.conflict ?? null}
        notice={state.notice}
        can={permissions(user)}
        scripts={editorScript()}
      />
    );
    return pages.fresh(c, page, state.status ?? 200);
  }

  /** The live preview for editor.js: rendered article and readability, as HTML fragments in JSON. */
  async function livePreview(c: Context<AppEnv>, form: PageForm, located: EditorState['located'], head: Revision | null): Promise<Response> {
    const read = documentFromForm(form);
    const doc = previewDocument(read.document ?? lenientDocument(form), head);
    const site = await pages.siteContext();
    const preview = doc ? await presentPreview(deps, site, doc, located?.kind === 'page' ? located.slug : null) : null;
    const readability = measurePage(doc ?? { summary: form.summary, sections: [] });
    return c.json(
      {
        preview: preview ? String(await (<TopicArticle view={preview} />).toString()) : null,
        readability: String(await (<ReadabilityPanel readability={readability} />).toString()),
        problems: read.errors.map((e) => e.message),
      },
      200,
      { 'cache-control': 'no-store' },
    );
  }

  /** Resolves /edit/:slug to a page or draft, or answers for it (redirect, 404, deleted). */
  async function locateOrAnswer(c: Context<AppEnv>): Promise<{ located: Extract<Located, { kind: 'page' | 'draft' }> } | { response: Response }> {
    const slug = Slug.safeParse(c.req.param('slug'));
    if (!slug.success) return { response: await notFound(c) };
    const located = await service.locate(slug.data);
    if (located.kind === 'none') return { response: await notFound(c) };
    if (located.kind === 'moved') {
      const rest = c.req.path.slice(`/edit/${slug.data}`.length);
      const query = new URL(c.req.url).search;
      // 307 keeps a POST a POST, so a form sent to the old address still arrives.
      return { response: c.redirect(`/edit/${located.slug}${rest}${query}`, c.req.method === 'GET' ? 301 : 307) };
    }
    if (located.kind === 'page' && located.deleted) {
      const title = (await service.read.head(located.pageKey))?.title ?? located.slug;
      return { response: await pages.fresh(c, <DeletedPage {...await frame(c)} slug={located.slug} title={title} canRestore={can(c.get('user'), 'page.delete')} />, 410) };
    }
    return { located };
  }

  async function parseForm(c: Context<AppEnv>): Promise<PageForm | Response> {
    const parsed = PageForm.safeParse(await fields(c));
    if (parsed.success) return parsed.data;
    return new Response('The form is larger than this site accepts (the page text may be at most 2 MB). Nothing was saved; use your browser’s Back button to return to your text.', {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }

  /** Saves (or previews) the editor form for a page or a new page. */
  async function handleEditorPost(c: Context<AppEnv>, located: EditorState['located']): Promise<Response> {
    const fieldsOrError = await parseForm(c);
    if (fieldsOrError instanceof Response) return fieldsOrError;
    const form = fieldsOrError;
    const intent = Intent.parse((await fields(c)).intent);
    const head = located ? await service.read.head(located.pageKey) : null;
    if (intent === 'live-preview') return (await tooFast(c, previews)) ?? livePreview(c, form, located, head);
    if (intent === 'preview') {
      if (await tooFastQuiet(c, previews)) return renderEditor(c, { located, head, form, errors: [rateError()], status: 429 });
      return renderEditor(c, { located, head, form, errors: documentFromForm(form).errors, withPreview: true });
    }
    if (await tooFastQuiet(c, writes)) return renderEditor(c, { located, head, form, errors: [rateError()], status: 429 });

    const read = documentFromForm(form);
    if (!read.document) return renderEditor(c, { located, head, form, errors: read.errors, status: 400, withPreview: false });
    const document = { ...read.document, position: read.positionBlank ? await nextPosition(read.document.parentSlug ?? null, located) : read.document.position };
    const outcome = await service.save({
      pageKey: located?.pageKey ?? null,
      document,
      summary: form.editSummary,
      baseRevisionId: Number(form.baseRevisionId || 0),
      actor: actor(c),
    });
    if (outcome.kind === 'invalid') {
      const errors = inFormOrder(outcome.problems.map((p) => fieldErrorFor(p, read.positions, document)));
      return renderEditor(c, { located, head, form, errors, status: 400 });
    }
    if (outcome.kind === 'conflict') {
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
      // The form keeps every word typed; its base moves to their revision, so saving again is a deliberate choice.
      return renderEditor(c, {
        located,
        head: outcome.head,
        form: { ...form, baseRevisionId: String(outcome.head.id) },
        errors: [{ field: FIELD_IDS.body, message: `${outcome.head.authorName ?? 'Someone'} saved revision ${outcome.head.number} while you were editing. Compare the two versions below, then save again.` }],
        conflict,
        status: 409,
      });
    }
    const slug = located?.kind === 'page' ? located.slug : outcome.revision.slug;
    return c.redirect(`/edit/${slug}?notice=${located ? 'saved' : 'created'}`, 303);
  }

  async function tooFastQuiet(c: Context<AppEnv>, limiter: ReturnType<typeof createWindowLimiter>): Promise<boolean> {
    return !limiter.take(`user:${c.get('user')!.id}`);
  }

  function rateError(): FieldError {
    return { field: FIELD_IDS.body, message: 'You have saved many times in the last minute. Wait a minute, then save again: your text is still here.' };
  }

  /** Last among its future siblings. */
  async function nextPosition(parentSlug: string | null, located: EditorState['located']): Promise<number> {
    const tree = await queries.tree();
    const siblings = parentSlug ? (tree.bySlug.get(parentSlug)?.children ?? []) : tree.roots;
    const others = siblings.filter((n) => !(located?.kind === 'page' && n.id === located.pageId));
    return others.length ? Math.min(1_000_000, Math.max(...others.map((n) => n.position)) + 1) : 0;
  }

  // ---- auth first: every route below needs a signed-in person with the right role.
  app.use('/dashboard', requirePermission('dashboard.view'));
  app.use('/edit', requirePermission('page.edit'));
  app.use('/edit/*', requirePermission('page.edit'));
  app.use('/admin/settings', requirePermission('settings.edit'));

  app.get('/dashboard', async (c) => {
    const user = c.get('user')!;
    const data = await loadDashboard(db, queries, user, clock().toISOString().slice(0, 10), { staleEvidenceYears: deps.staleEvidenceYears });
    return pages.fresh(c, <DashboardPage {...await frame(c)} data={data} canCreate={can(user, 'page.edit')} canRestore={can(user, 'page.delete')} notice={notice(c)} />);
  });

  app.get('/edit', async (c) => {
    const query = NewPageQuery.safeParse(c.req.query());
    const q = query.success ? query.data : {};
    const user = c.get('user')!;
    const form = emptyForm({ title: q.title ?? '', slug: q.slug ?? '', parentSlug: q.parent ?? '', authors: user.authorKey ?? '' });
    return renderEditor(c, { located: null, head: null, form, errors: [] });
  });

  app.post('/edit', (c) => handleEditorPost(c, null));

  app.get('/edit/:slug', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    const head = await service.read.head(found.located.pageKey);
    if (!head) return notFound(c);
    return renderEditor(c, { located: found.located, head, form: formFromDocument(head.document, head.id), errors: [], notice: notice(c) });
  });

  app.post('/edit/:slug', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    return handleEditorPost(c, found.located);
  });

  /** submit / approve / publish: one revision id in, the editor back with the outcome. */
  const workflow = (step: 'submit' | 'approve' | 'publish') => async (c: Context<AppEnv>) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    const limited = await tooFast(c, writes);
    if (limited) return limited;
    const input = RevisionIdForm.safeParse(await fields(c));
    const revision = input.success ? await service.read.byId(input.data.revisionId) : null;
    if (!revision || revision.pageKey !== found.located.pageKey) return notFound(c);
    const again = async (message: string, status: number, extra: FieldError[] = []) => {
      const head = await service.read.head(found.located.pageKey);
      return renderEditor(c, { located: found.located, head, form: formFromDocument(head!.document, head!.id), errors: [{ field: 'checklist-title', message }, ...extra], status });
    };
    try {
      if (step === 'submit') await service.submit(revision.id, actor(c));
      if (step === 'approve') await service.approve(revision.id, actor(c));
      if (step === 'publish') {
        const outcome = await service.publish(revision.id, actor(c));
        if (outcome.kind === 'blocked') {
          const missing = outcome.checklist.filter((i) => !i.ok).map((i) => i.label.toLowerCase());
          const problems = outcome.problems.map((p) => fieldErrorFor(p, [], revision.document));
          return again(missing.length ? `Not published: still missing ${missing.join(', ')}.` : 'Not published: the page has problems to fix first.', 409, problems);
        }
        return c.redirect(`/edit/${outcome.slug}?notice=published`, 303);
      }
    } catch (error) {
      if (error instanceof WorkflowError) return again(error.message, 409);
      throw error;
    }
    return c.redirect(`/edit/${found.located.slug}?notice=${step === 'submit' ? 'submitted' : 'approved'}`, 303);
  };
  app.post('/edit/:slug/submit', requirePermission('page.submit'), workflow('submit'));
  app.post('/edit/:slug/approve', requirePermission('page.review'), workflow('approve'));
  app.post('/edit/:slug/publish', requirePermission('page.publish'), workflow('publish'));

  app.post('/edit/:slug/restore', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    const limited = await tooFast(c, writes);
    if (limited) return limited;
    const input = RevisionIdForm.safeParse(await fields(c));
    const revision = input.success ? await service.read.byId(input.data.revisionId) : null;
    if (!revision || revision.pageKey !== found.located.pageKey) return notFound(c);
    const outcome = await service.restore(revision.id, actor(c));
    if (outcome.kind !== 'saved') {
      const message =
        outcome.kind === 'invalid'
          ? `Revision ${revision.number} cannot be restored as it is: ${outcome.problems.map((p) => p.message).join('; ')}. Open it, copy what you need, and edit the newest revision instead.`
          : 'Someone saved this page a moment ago. Try again.';
      return historyPage(c, found.located, 409, message);
    }
    return c.redirect(`/edit/${found.located.slug}/history?notice=restored`, 303);
  });

  app.post('/edit/:slug/delete', requirePermission('page.delete'), async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    if (found.located.kind !== 'page') return notFound(c);
    const limited = await tooFast(c, writes);
    if (limited) return limited;
    if ((await fields(c)).confirm !== 'yes') {
      const head = await service.read.head(found.located.pageKey);
      return renderEditor(c, {
        located: found.located,
        head,
        form: formFromDocument(head!.document, head!.id),
        errors: [{ field: 'confirm-delete', message: 'Tick “Yes, hide this page from readers” to delete the page' }],
        status: 400,
      });
    }
    await service.deletePage(found.located.pageId, actor(c));
    return c.redirect('/dashboard?notice=deleted', 303);
  });

  app.post('/edit/:slug/undelete', requirePermission('page.delete'), async (c) => {
    const slug = Slug.safeParse(c.req.param('slug'));
    if (!slug.success) return notFound(c);
    const located = await service.locate(slug.data);
    if (located.kind !== 'page' || !located.deleted) return notFound(c);
    const limited = await tooFast(c, writes);
    if (limited) return limited;
    await service.restorePage(located.pageId, actor(c));
    return c.redirect(`/edit/${located.slug}?notice=undeleted`, 303);
  });

  async function historyPage(c: Context<AppEnv>, located: Extract<Located, { kind: 'page' | 'draft' }>, status = 200, message?: string) {
    const revisions = await service.read.history(located.pageKey);
    if (!revisions.length) return notFound(c);
    const page = (
      <HistoryPage
        {...await frame(c)}
        slug={located.kind === 'page' ? located.slug : revisions[0]!.slug}
        title={revisions[0]!.title}
        revisions={revisions}
        canRestore={can(c.get('user'), 'page.edit')}
        notice={message ?? notice(c)}
      />
    );
    return pages.fresh(c, page, status);
  }

  app.get('/edit/:slug/history', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    return historyPage(c, found.located);
  });

  app.get('/edit/:slug/revisions/:id', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    const id = z.coerce.number().int().positive().max(2 ** 31).safeParse(c.req.param('id'));
    const revision = id.success ? await service.read.byId(id.data) : null;
    if (!revision || revision.pageKey !== found.located.pageKey) return notFound(c);
    const head = (await service.read.head(found.located.pageKey))!;
    const page = (
      <RevisionPage
        {...await frame(c)}
        slug={found.located.slug}
        title={head.title}
        revision={revision}
        text={documentAsText(revision.document)}
        canRestore={can(c.get('user'), 'page.edit')}
        isNewest={head.id === revision.id}
      />
    );
    return pages.fresh(c, page);
  });

  app.get('/edit/:slug/diff', async (c) => {
    const found = await locateOrAnswer(c);
    if ('response' in found) return found.response;
    const query = DiffQuery.safeParse(c.req.query());
    if (!query.success) return historyPage(c, found.located, 400, 'Choose two revisions to compare.');
    const [a, b] = await Promise.all([service.read.byId(query.data.from), service.read.byId(query.data.to)]);
    if (!a || !b || a.pageKey !== found.located.pageKey || b.pageKey !== found.located.pageKey) return notFound(c);
    // Always older → newer, whichever way round they were chosen.
    const [from, to] = a.number <= b.number ? [a, b] : [b, a];
    const head = (await service.read.head(found.located.pageKey))!;
    const parts = wordDiff(documentAsText(from.document), documentAsText(to.document));
    return pages.fresh(c, <DiffPage {...await frame(c)} slug={found.located.slug} title={head.title} from={from} to={to} parts={parts} />);
  });

  app.get('/admin/settings', async (c) => {
    const settings = await loadSettings(db);
    return pages.fresh(c, <SettingsPage {...await frame(c)} form={formFromSettings(settings)} errors={[]} notice={notice(c)} />);
  });

  app.post('/admin/settings', async (c) => {
    const limited = await tooFast(c, writes);
    if (limited) return limited;
    const parsed = SettingsForm.safeParse(await fields(c));
    if (!parsed.success) return new Response('The settings form is larger than this site accepts. Nothing was saved.', { status: 413 });
    const { settings, errors } = settingsFromForm(parsed.data);
    if (!settings) return pages.fresh(c, <SettingsPage {...await frame(c)} form={parsed.data} errors={errors} />, 400);
    const who = actor(c);
    await db.transaction().execute(async (tx) => {
      await saveSettings(tx, settings);
      // Settings appear on every page: every server's render cache must drop.
      await bumpContentVersion(tx);
      await recordAudit(tx, { actorUserId: who.user.id, action: 'settings.edit', subjectType: 'settings', subjectId: 'site', details: { organisation: settings.organisation }, ip: who.ip }, clock());
    });
    await deps.contentChanged();
    return c.redirect('/admin/settings?notice=settings', 303);
  });

  /** The "Edit this page" bar for a signed-in editor on a reader page (rendered per request, never cached). */
  async function toolbar(slug: string) {
    const page = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst();
    const head = page ? await service.read.head(pageKeyOf(page.id)) : null;
    return <EditToolbar slug={slug} head={head} />;
  }

  return { app, service, toolbar };
}

/** When the form cannot be fully read (a syntax error in the body), still preview and measure what can be read. */
function lenientDocument(form: PageForm): PageDocumentInput | null {
  const title = form.title.trim();
  if (!title) return null;
  return { slug: 'preview', title: title.slice(0, 200), parentSlug: null, position: 0, summary: form.summary.trim().slice(0, 500), createdOn: '2000-01-01', sections: [] };
}

export type EditingRoutes = ReturnType<typeof editingRoutes>;
export type { EditingService };
