import { randomUUID } from 'node:crypto';
import type { CurrentUser } from '../accounts/context.js';
import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import type { RevisionState } from '../db/schema.js';
import { PageDocument, type PageDocumentInput } from '../directory/document.js';
import { ContentValidationError, type FieldProblem } from '../directory/errors.js';
import { slugify } from '../directory/slug.js';
import { type DirectoryStore, addMonths } from '../directory/store.js';
import { type ChecklistItem, checklistPasses, publishChecklist } from './checklist.js';
import { loadPublishedDocument } from './published-document.js';
import { type Revision, createRevisionReader, pageIdOf, pageKeyOf } from './revision-store.js';
import { checkAgainstDatabase, unknownCitationKeys } from './validate.js';

/** Who is acting, for permissions already checked by the route and for the audit log. */
export interface Actor {
  user: CurrentUser;
  ip: string | null;
}

/** A workflow step that does not apply to this revision now; the message says why, for the person who tried. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

/** Where an editor address (/edit/<slug>) leads. */
export type Located =
  | { kind: 'page'; pageKey: string; pageId: number; slug: string; deleted: boolean }
  | { kind: 'draft'; pageKey: string; slug: string }
  | { kind: 'moved'; slug: string }
  | { kind: 'none' };

export type SaveOutcome =
  | { kind: 'saved'; revision: Revision }
  | { kind: 'invalid'; problems: FieldProblem[] }
  /** Someone saved after `base`: nothing was written; the caller shows a merge view. */
  | { kind: 'conflict'; head: Revision; base: Revision | null };

export type PublishOutcome = { kind: 'published'; slug: string } | { kind: 'blocked'; checklist: ChecklistItem[]; problems: FieldProblem[] };

export interface EditingServiceDeps {
  db: Db;
  store: DirectoryStore;
  /** Tell this server's render cache at once after a publish (others notice through the content version). */
  contentChanged?: () => Promise<void>;
  clock?: () => Date;
}

export type EditingService = ReturnType<typeof createEditingService>;

/**
 * Revisions and the review workflow. Every save is a new full snapshot; the
 * normalised tables readers see change only on publish, through
 * store.savePage, in the same transaction that marks the revision published.
 */
export function createEditingService(deps: EditingServiceDeps) {
  const { db, store } = deps;
  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const today = () => now().slice(0, 10);
  const read = createRevisionReader(db);

  async function audit(tx: Tx, actor: Actor, action: string, revision: { pageKey: string; slug: string }, details: Record<string, unknown>) {
    await recordAudit(tx, { actorUserId: actor.user.id, action, subjectType: 'page', subjectId: revision.slug, details: { pageKey: revision.pageKey, ...details }, ip: actor.ip }, clock());
  }

  /** The imported page as revision 1, so history and conflicts have something to start from. */
  async function ensureBaseline(executor: Db | Tx, pageId: number): Promise<void> {
    const key = pageKeyOf(pageId);
    const existing = await executor.selectFrom('page_revisions').select('id').where('page_key', '=', key).limit(1).executeTakeFirst();
    if (existing) return;
    const doc = await loadPublishedDocument(executor, pageId);
    if (!doc) return;
    const page = await executor.selectFrom('pages').select('changed_at').where('id', '=', pageId).executeTakeFirstOrThrow();
    await executor
      .insertInto('page_revisions')
      .values({
        page_key: key,
        number: 1,
        slug: doc.slug,
        title: doc.title,
        document: JSON.stringify(doc),
        author_user_id: null,
        summary: 'The page as published before it was first edited here.',
        created_at: page.changed_at,
        base_revision_id: null,
        state: 'published',
        published_at: page.changed_at,
      })
      // Two editors opening the page at once: one baseline.
      .onConflict((oc) => oc.columns(['page_key', 'number']).doNothing())
      .execute();
  }

  async function headRow(tx: Tx, pageKey: string) {
    return tx.selectFrom('page_revisions').select(['id', 'number']).where('page_key', '=', pageKey).orderBy('number', 'desc').limit(1).executeTakeFirst();
  }

  async function revisionOrFail(id: number): Promise<Revision> {
    const revision = await read.byId(id);
    if (!revision) throw new WorkflowError(`There is no revision ${id}.`);
    return revision;
  }

  /** Inserts a new draft revision after `headNumber`, retiring older drafts still waiting; returns its id. */
  async function insertDraft(tx: Tx, pageKey: string, headNumber: number, doc: PageDocument, actor: Actor, summary: string, baseId: number | null): Promise<number> {
    await tx.updateTable('page_revisions').set({ state: 'superseded' }).where('page_key', '=', pageKey).where('state', 'in', ['draft', 'in_review']).execute();
    const row = await tx
      .insertInto('page_revisions')
      .values({
        page_key: pageKey,
        number: headNumber + 1,
        slug: doc.slug,
        title: doc.title,
        document: JSON.stringify(doc),
        author_user_id: actor.user.id,
        summary: summary.trim().slice(0, 500),
        created_at: now(),
        base_revision_id: baseId,
        state: 'draft',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Links a person to an author record (made on first need) so bylines and "reviewed by" can name them. */
  async function ensureAuthorFor(tx: Tx, user: CurrentUser, role: string): Promise<string> {
    const linked = (await tx.selectFrom('users').select('author_key').where('id', '=', user.id).executeTakeFirst())?.author_key ?? user.authorKey;
    if (linked && (await tx.selectFrom('authors').select('id').where('key', '=', linked).executeTakeFirst())) return linked;
    const base = slugify(user.name) || `user-${user.id}`;
    let key = base;
    for (let n = 2; await tx.selectFrom('authors').select('id').where('key', '=', key).executeTakeFirst(); n++) key = `${base}-${n}`;
    await tx.insertInto('authors').values({ key, name: user.name, role, disclosure: '' }).execute();
    await tx.updateTable('users').set({ author_key: key }).where('id', '=', user.id).execute();
    return key;
  }

  return {
    read,

    /** Which page an editor address means: a published page, a never-published draft, a renamed one, or nothing. */
    async locate(slug: string): Promise<Located> {
      const page = await db.selectFrom('pages').select(['id', 'slug', 'deleted_at']).where('slug', '=', slug).executeTakeFirst();
      if (page) {
        await ensureBaseline(db, page.id);
        return { kind: 'page', pageKey: pageKeyOf(page.id), pageId: page.id, slug: page.slug, deleted: page.deleted_at !== null };
      }
      const moved = await db
        .selectFrom('slug_redirects as r')
        .innerJoin('pages as p', 'p.id', 'r.page_id')
        .select('p.slug')
        .where('r.old_slug', '=', slug)
        .executeTakeFirst();
      if (moved) return { kind: 'moved', slug: moved.slug };
      const revision = await read.newestWithSlug(slug);
      if (!revision) return { kind: 'none' };
      const pageId = pageIdOf(revision.pageKey);
      if (pageId !== null) {
        // A draft renaming a published page: its editor lives at the published address.
        const live = await db.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirst();
        return live ? { kind: 'moved', slug: live.slug } : { kind: 'none' };
      }
      const head = await read.head(revision.pageKey);
      return head && head.slug !== slug ? { kind: 'moved', slug: head.slug } : { kind: 'draft', pageKey: revision.pageKey, slug };
    },

    /**
     * Saves an edit as a new draft revision. `baseRevisionId` is the revision
     * the editor started from (0 for a new page); if someone saved since,
     * nothing is written and the outcome carries their revision.
     */
    async save(input: { pageKey: string | null; document: PageDocumentInput; summary: string; baseRevisionId: number; actor: Actor }): Promise<SaveOutcome> {
      const pageKey = input.pageKey ?? `draft:${randomUUID()}`;
      const attempt = async (): Promise<SaveOutcome> =>
        db.transaction().execute(async (tx): Promise<SaveOutcome> => {
          // Inside the transaction every read goes through tx (SQLite has one connection).
          const inTx = createRevisionReader(tx);
          const head = await headRow(tx, pageKey);
          if ((head?.id ?? 0) !== input.baseRevisionId) {
            const headRev = head ? await inTx.byId(head.id) : null;
            if (!headRev) throw new WorkflowError('The revision you started from no longer exists. Reload the editor.');
            return { kind: 'conflict', head: headRev, base: input.baseRevisionId ? await inTx.byId(input.baseRevisionId) : null };
          }
          const previous = head ? (await inTx.byId(head.id))!.document : null;
          // Fields the form does not edit come from the version being edited: creation date and the last review.
          const parsed = PageDocument.safeParse({
            ...input.document,
            createdOn: previous?.createdOn ?? today(),
            updatedOn: previous ? today() : null,
            reviewedOn: previous?.reviewedOn ?? null,
            reviewedByKey: previous?.reviewedByKey ?? null,
            nextReviewOn: previous?.nextReviewOn ?? null,
          });
          if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
          const doc = parsed.data;
          const problems = await checkAgainstDatabase(tx, doc, { pageId: pageIdOf(pageKey), pageKey });
          if (problems.length) return { kind: 'invalid', problems };
          const id = await insertDraft(tx, pageKey, head?.number ?? 0, doc, input.actor, input.summary, head?.id ?? null);
          await audit(tx, input.actor, 'page.save', { pageKey, slug: doc.slug }, { revisionId: id, summary: input.summary.slice(0, 200) });
          return { kind: 'saved', revision: (await inTx.byId(id))! };
        });
      try {
        return await attempt();
      } catch (error) {
        // Lost a race for the next revision number (the unique index decided): that is a conflict too.
        if (/unique|duplicate/i.test(String((error as Error).message))) return attempt();
        throw error;
      }
    },

    /** Sends the newest draft for medical review. */
    async submit(revisionId: number, actor: Actor): Promise<Revision> {
      const revision = await revisionOrFail(revisionId);
      if (revision.state !== 'draft') throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}, so it cannot be sent for review.`);
      await db.transaction().execute(async (tx) => {
        const changed = await tx
          .updateTable('page_revisions')
          .set({ state: 'in_review', submitted_at: now() })
          .where('id', '=', revisionId)
          .where('state', '=', 'draft')
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw new WorkflowError('Someone changed this revision a moment ago. Reload the page to see it.');
        await audit(tx, actor, 'page.submit', revision, { revisionId });
      });
      return (await read.byId(revisionId))!;
    },

    /**
     * A reviewer approves a revision as medically sound: the document records
     * who and when, and the next review falls due after the page's interval.
     */
    async approve(revisionId: number, actor: Actor): Promise<Revision> {
      const revision = await revisionOrFail(revisionId);
      if (revision.state !== 'in_review') throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}; only a revision sent for review can be approved.`);
      if (revision.authorUserId === actor.user.id) throw new WorkflowError('You wrote this revision, so another reviewer must approve it.');
      await db.transaction().execute(async (tx) => {
        const reviewerKey = await ensureAuthorFor(tx, actor.user, 'Medical reviewer');
        const reviewedOn = today();
        const doc: PageDocument = {
          ...revision.document,
          reviewedOn,
          reviewedByKey: reviewerKey,
          nextReviewOn: addMonths(reviewedOn, revision.document.reviewIntervalMonths),
        };
        const changed = await tx
          .updateTable('page_revisions')
          .set({ state: 'approved', reviewed_by_user_id: actor.user.id, reviewed_at: now(), document: JSON.stringify(doc) })
          .where('id', '=', revisionId)
          .where('state', '=', 'in_review')
          .executeTakeFirst();
        if (Number(changed.numUpdatedRows) !== 1) throw new WorkflowError('Someone changed this revision a moment ago. Reload the page to see it.');
        await audit(tx, actor, 'page.review', revision, { revisionId, reviewedOn, nextReviewOn: doc.nextReviewOn });
      });
      return (await read.byId(revisionId))!;
    },

    /** What publishing this revision still needs (the checklist on the edit screen). */
    async checklist(revision: Revision): Promise<ChecklistItem[]> {
      const pageId = pageIdOf(revision.pageKey);
      const [published, unknown] = await Promise.all([pageId === null ? null : loadPublishedDocument(db, pageId), unknownCitationKeys(db, revision.document)]);
      return publishChecklist({ doc: revision.document, state: revision.state, published, unknownCitations: unknown });
    },

    /** Makes a revision what readers see, if it passes the checklist. */
    async publish(revisionId: number, actor: Actor): Promise<PublishOutcome> {
      const outcome = await db.transaction().execute(async (tx): Promise<PublishOutcome> => {
        const revision = (await createRevisionReader(tx).byId(revisionId)) ?? undefined;
        if (!revision) throw new WorkflowError(`There is no revision ${revisionId}.`);
        if (!(['draft', 'in_review', 'approved'] as RevisionState[]).includes(revision.state)) {
          throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}, so it cannot be published.`);
        }
        const pageId = pageIdOf(revision.pageKey);
        const current = pageId === null ? undefined : await tx.selectFrom('pages').select(['slug', 'deleted_at']).where('id', '=', pageId).executeTakeFirst();
        if (current?.deleted_at) throw new WorkflowError('This page is deleted. Restore it before publishing.');
        const published = pageId === null ? null : await loadPublishedDocument(tx, pageId);
        const checklist = publishChecklist({ doc: revision.document, state: revision.state, published, unknownCitations: await unknownCitationKeys(tx, revision.document) });
        if (!checklistPasses(checklist)) return { kind: 'blocked', checklist, problems: [] };

        // A move or rename of reviewed text keeps the review readers were shown.
        const doc: PageDocument =
          revision.state === 'approved' || !published
            ? revision.document
            : { ...revision.document, reviewedOn: published.reviewedOn, reviewedByKey: published.reviewedByKey, nextReviewOn: published.nextReviewOn };
        let newPageId: number;
        try {
          newPageId = await store.savePage(doc, { tx, ...(current ? { previousSlug: current.slug } : {}) });
        } catch (error) {
          if (error instanceof ContentValidationError) return { kind: 'blocked', checklist, problems: error.problems };
          throw error;
        }
        const at = now();
        await tx.updateTable('page_revisions').set({ state: 'published', published_at: at, document: JSON.stringify(doc) }).where('id', '=', revisionId).execute();
        await tx
          .updateTable('page_revisions')
          .set({ state: 'superseded' })
          .where('page_key', '=', revision.pageKey)
          .where('id', '<', revisionId)
          .where('state', 'in', ['draft', 'in_review', 'approved'])
          .execute();
        const key = pageKeyOf(newPageId);
        if (revision.pageKey !== key) {
          // First publication: the draft's revisions now belong to the page.
          await tx.updateTable('page_revisions').set({ page_key: key }).where('page_key', '=', revision.pageKey).execute();
        }
        await audit(tx, actor, 'page.publish', { pageKey: key, slug: doc.slug }, { revisionId, ...(current && current.slug !== doc.slug ? { renamedFrom: current.slug } : {}) });
        return { kind: 'published', slug: doc.slug };
      });
      if (outcome.kind === 'published') await deps.contentChanged?.();
      return outcome;
    },

    /** Brings back an old revision as the newest draft; nothing between is lost. */
    async restore(revisionId: number, actor: Actor): Promise<SaveOutcome> {
      const old = await revisionOrFail(revisionId);
      return db.transaction().execute(async (tx): Promise<SaveOutcome> => {
        const head = (await headRow(tx, old.pageKey))!;
        const problems = await checkAgainstDatabase(tx, old.document, { pageId: pageIdOf(old.pageKey), pageKey: old.pageKey });
        if (problems.length) return { kind: 'invalid', problems };
        const id = await insertDraft(tx, old.pageKey, head.number, old.document, actor, `Restored revision ${old.number}`, head.id);
        await audit(tx, actor, 'page.restore_revision', old, { revisionId: id, restoredFrom: old.id });
        return { kind: 'saved', revision: (await createRevisionReader(tx).byId(id))! };
      });
    },

    /** Hides a published page from readers (restorable). */
    async deletePage(pageId: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const page = await tx.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirstOrThrow();
        await store.deletePage(page.slug, { tx });
        await audit(tx, actor, 'page.delete', { pageKey: pageKeyOf(pageId), slug: page.slug }, {});
      });
      await deps.contentChanged?.();
    },

    /** Brings a deleted page back to readers as it was. */
    async restorePage(pageId: number, actor: Actor): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const page = await tx.selectFrom('pages').select('slug').where('id', '=', pageId).executeTakeFirstOrThrow();
        await store.restorePage(page.slug, { tx });
        await audit(tx, actor, 'page.undelete', { pageKey: pageKeyOf(pageId), slug: page.slug }, {});
      });
      await deps.contentChanged?.();
    },
  };
}

/** A revision state in words, for messages and the history table. */
export function stateLabel(state: RevisionState): string {
  return { draft: 'a draft', in_review: 'waiting for review', approved: 'approved', published: 'published', superseded: 'replaced by a later revision' }[state];
}
