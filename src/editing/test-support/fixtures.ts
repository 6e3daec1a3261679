import type { CurrentUser, Role } from '../../accounts/context.js';
import type { Db } from '../../db/database.js';
import type { PageDocumentInput } from '../../directory/document.js';
import { createDirectoryStore } from '../../directory/store.js';
import { type Actor, createEditingService } from '../service/index.js';
import { formFromDocument } from '../page-form.js';
import type { Revision } from '../revision-store.js';
import { ensureAuthorFor } from '../service/review.js';

let seq = 0;

/** A slug no other test run uses. */
export function uniqueSlug(prefix = 'test-page'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;
}

/** A small valid page: an introduction and one research digest citing a demo bibliography key. */
export function sampleDocument(slug: string, title = `Test page ${slug}`): PageDocumentInput {
  return {
    slug,
    title,
    parentSlug: null,
    position: 500,
    summary: 'A page made by a test.',
    authorKeys: ['example-editor'],
    createdOn: '2025-01-01',
    sections: [
      { heading: null, entries: [{ kind: 'summary', body: 'Cold hands can turn white or blue.' }], subArticles: [], alsoSee: [] },
      { heading: 'Research', entries: [{ kind: 'research', citationKey: 'klareskog-2010', body: 'A review of prevention.' }], subArticles: [], alsoSee: [] },
    ],
  };
}

/** An actor for a users row (tests and the authorization matrix build revisions with it). */
export function actorFor(user: { id: number; email: string; name?: string; role: Role }): Actor {
  const current: CurrentUser = { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role, authorKey: null };
  return { user: current, ip: null };
}

/**
 * Drives the editing service directly to put a page in a given state for a
 * test: a new draft, one waiting for review, an approved one, a published
 * page or a deleted one. `author` writes; `reviewer` (another person) approves.
 */
export async function pageInState(
  db: Db,
  state: 'draft' | 'in_review' | 'approved' | 'published' | 'deleted',
  people: { author: Actor; reviewer: Actor },
  slug = uniqueSlug(),
): Promise<{ slug: string; revision: Revision }> {
  const service = createEditingService({ db, store: createDirectoryStore(db) });
  const saved = await service.save({ pageKey: null, document: sampleDocument(slug), summary: 'First draft', baseRevisionId: 0, actor: people.author });
  if (saved.kind !== 'saved') throw new Error(`could not make a test page: ${JSON.stringify(saved)}`);
  let revision = saved.revision;
  if (state === 'draft') return { slug, revision };
  revision = await service.submit(revision.id, people.author);
  if (state === 'in_review') return { slug, revision };
  revision = await service.approve(revision.id, people.reviewer);
  // Everyone the page names declares, so an approved page can be published.
  await declareInterests(db, [...revision.document.authorKeys, ...(revision.document.reviewedByKey ? [revision.document.reviewedByKey] : [])]);
  if (state === 'approved') return { slug, revision };
  const published = await service.publish(revision.id, people.author);
  if (published.kind !== 'published') throw new Error(`could not publish a test page: ${JSON.stringify(published)}`);
  revision = (await service.read.byId(revision.id))!;
  if (state === 'deleted') {
    const page = await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await service.deletePage(page.id, people.author);
  }
  return { slug, revision };
}

/**
 * Records a current declaration of interests (none, dated today) for these
 * authors, or for every author without one, as each person would at
 * /declaration: publishing needs one from everyone a page names.
 */
export async function declareInterests(db: Db, keys?: string[]): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  let update = db.updateTable('authors').set({ declared_on: today });
  update = keys ? update.where('key', 'in', keys.length ? keys : ['']) : update.where('declared_on', 'is', null);
  await update.execute();
}

/** Links a user to an author record with a current declaration (none, dated today), so pages naming them can be published. */
export async function declaredAuthorFor(db: Db, user: CurrentUser): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const key = await ensureAuthorFor(tx, user, user.role === 'reviewer' ? 'Medical reviewer' : '');
    await tx.updateTable('authors').set({ declared_on: new Date().toISOString().slice(0, 10) }).where('key', '=', key).execute();
    return key;
  });
}

/** Saves one more revision on top of the newest, so a page has history to restore from. */
export async function addRevision(db: Db, slug: string, author: Actor, text: string): Promise<Revision> {
  const service = createEditingService({ db, store: createDirectoryStore(db) });
  const located = await service.locate(slug);
  if (located.kind !== 'page' && located.kind !== 'draft') throw new Error(`no page ${slug}`);
  const head = (await service.read.head(located.pageKey))!;
  const [first, ...rest] = head.document.sections;
  const document = { ...head.document, sections: [{ ...first!, entries: [{ kind: 'summary' as const, body: text }] }, ...rest] };
  const saved = await service.save({ pageKey: located.pageKey, document, summary: 'Another revision', baseRevisionId: head.id, actor: author });
  if (saved.kind !== 'saved') throw new Error(`could not add a revision: ${saved.kind}`);
  return saved.revision;
}

/** The editor form's fields for a revision, as a browser would post them (intent: save). */
export function editorFields(revision: Revision, change: Partial<Record<string, string>> = {}): Record<string, string> {
  const form = formFromDocument(revision.document, revision.id);
  return { ...form, intent: 'save', ...change } as Record<string, string>;
}
