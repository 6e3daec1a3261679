import type { Context } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { PageDocument, type PageDocumentInput } from '../../directory/document.js';
import { TopicArticle } from '../../directory/views/topic-page.js';
import { type PageForm, documentFromForm } from '../page-form.js';
import { presentPreview } from '../preview.js';
import { newSaveToken } from '../save-key.js';
import { measureDigests, measurePage } from '../readability.js';
import { authorsAsTyped, knownAuthors } from '../author-names.js';
import { openReviewComment } from '../review-comments.js';
import type { Revision } from '../revision-store.js';
import type { EditableLocation } from '../service/index.js';
import { type ConflictView, EditorPage, type ParentOption } from '../views/editor-page.js';
import { ReadabilityPanel } from '../views/parts.js';
import { editingTextOf } from '../views/text.js';
import type { EditingKit } from './kit.js';

/** Everything the editor screen shows besides what it loads itself. */
export interface EditorState {
  located: EditableLocation | null;
  head: Revision | null;
  form: PageForm;
  errors: FieldError[];
  conflict?: ConflictView | null;
  withPreview?: boolean;
  /** The form with author names turned into keys, for the preview (the form itself shows what was typed). */
  previewForm?: PageForm;
  notice?: string | undefined;
  status?: number;
}

/** The editor page: form, checklist, readability and (on request) the rendered preview. */
export async function renderEditor(kit: EditingKit, c: Context<AppEnv>, state: EditorState): Promise<Response> {
  const { deps, service } = kit;
  const user = c.get('user')!;
  const { located, head } = state;
  // Each form as shown gets a token, kept while it comes back with problems, so sending it twice saves once.
  const withToken = state.form.saveToken ? state.form : { ...state.form, saveToken: newSaveToken() };
  const t = await kit.text(c);
  const previewed = state.previewForm ?? withToken;
  const doc = previewDocument(kit, documentFromForm(previewed, t).document ?? lenientDocument(previewed), head);
  const [published, approved, checklist, parents, authorList, site, sentBack, glossaryGaps] = await Promise.all([
    located ? service.read.lastPublished(located.pageKey) : null,
    located ? service.read.latestInState(located.pageKey, 'approved') : null,
    head ? service.checklist(head) : null,
    parentOptions(kit, located?.kind === 'page' ? located.slug : null),
    knownAuthors(deps.db),
    deps.pages.siteContext(c),
    located && head?.state === 'draft' ? openReviewComment(deps.db, located.pageKey) : null,
    deps.glossaryGaps ? deps.glossaryGaps(`${previewed.summary}\n${previewed.body}`) : null,
  ]);
  // Authors by name, as editors type them (keys still work).
  const form = { ...withToken, authors: authorsAsTyped(withToken.authors, authorList) };
  const preview = state.withPreview && doc ? await presentPreview(deps, site, doc, located?.kind === 'page' ? located.slug : null) : null;
  const slug = located ? (located.kind === 'page' ? located.slug : (head?.slug ?? located.slug)) : null;
  const page = (
    <EditorPage
      {...await kit.frame(c)}
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
      digestReadability={doc ? measureDigests(doc) : []}
      glossaryGaps={glossaryGaps}
      preview={preview}
      conflict={state.conflict ?? null}
      notice={state.notice}
      sentBack={sentBack}
      formOwner={c.get('formOwner')}
      justSaved={['saved', 'created'].includes(c.req.query('notice') ?? '')}
      can={kit.permissions(user)}
      scripts={[deps.assets.url('editor.js')]}
    />
  );
  return deps.pages.fresh(c, page, state.status ?? 200);
}

/** The live preview for editor.js: rendered article and readability, as HTML fragments in JSON. */
export async function livePreview(kit: EditingKit, c: Context<AppEnv>, form: PageForm, located: EditableLocation | null, head: Revision | null): Promise<Response> {
  const site = await kit.deps.pages.siteContext(c);
  const read = documentFromForm(form, editingTextOf(site.i18n));
  const doc = previewDocument(kit, read.document ?? lenientDocument(form), head);
  const preview = doc ? await presentPreview(kit.deps, site, doc, located?.kind === 'page' ? located.slug : null) : null;
  const readability = measurePage(doc ?? { summary: form.summary, sections: [] });
  return c.json(
    {
      preview: preview ? String(await (<TopicArticle view={preview} />).toString()) : null,
      readability: String(await (<ReadabilityPanel readability={readability} digests={doc ? measureDigests(doc) : []} i18n={site.i18n} />).toString()),
      problems: read.errors.map((e) => e.message),
    },
    200,
    { 'cache-control': 'no-store' },
  );
}

/** A document for preview and readability, whatever state the form is in (dates filled in if missing). */
function previewDocument(kit: EditingKit, doc: PageDocumentInput | null, carried: Revision | null): PageDocumentInput | null {
  if (!doc) return null;
  const today = kit.clock().toISOString().slice(0, 10);
  const full = {
    ...doc,
    createdOn: carried?.document.createdOn ?? today,
    updatedOn: carried ? today : null,
    reviewedOn: carried?.document.reviewedOn ?? null,
    reviewedByKey: carried?.document.reviewedByKey ?? null,
    nextReviewOn: carried?.document.nextReviewOn ?? null,
  };
  return PageDocument.safeParse(full).success ? full : null;
}

/** When the form cannot be fully read (a syntax error in the body), still preview and measure what can be read. */
function lenientDocument(form: PageForm): PageDocumentInput | null {
  const title = form.title.trim();
  if (!title) return null;
  return { slug: 'preview', title: title.slice(0, 200), parentSlug: null, position: 0, summary: form.summary.trim().slice(0, 500), createdOn: '2000-01-01', sections: [] };
}

/** Pages a page may be put under: everything published except itself and its own sub-pages. */
async function parentOptions(kit: EditingKit, selfSlug: string | null): Promise<ParentOption[]> {
  const tree = await kit.deps.queries.tree();
  const self = selfSlug ? tree.bySlug.get(selfSlug) : undefined;
  const excluded = new Set<number>();
  const walk = (n: NonNullable<typeof self>) => {
    excluded.add(n.id);
    n.children.forEach(walk);
  };
  if (self) walk(self);
  return tree.order.filter((n) => !excluded.has(n.id)).map((n) => ({ slug: n.slug, title: n.title, depth: n.depth }));
}
