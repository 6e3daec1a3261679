import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.js';
import { lockUntilCommit } from '../../db/dialect.js';
import { PageDocument, type PageDocumentInput } from '../../directory/document.js';
import { pageIdOf } from '../revision-store.js';
import { checkAgainstDatabase } from '../validate.js';
import { type ServiceContext, headRow, insertDraft, readerIn, revisionOrFail } from './shared.js';
import { type Actor, type SaveOutcome, WorkflowError } from './types.js';
import { type TranslationImpact, recordTranslationImpact } from '../../translations/impact.js';

export interface SaveInput {
  /** The page or draft being edited; null for a new page. */
  pageKey: string | null;
  document: PageDocumentInput;
  summary: string;
  /** The revision the editor started from (0 for a new page). */
  baseRevisionId: number;
  actor: Actor;
  /** The form's save key (src/editing/save-key.ts): a save already stored under it is returned, not stored again. */
  saveKey?: string | null;
  /** What publishing this revision means for the page's translations; "normal" when not said. */
  translationImpact?: TranslationImpact;
}

/**
 * Saves an edit as a new draft revision. If someone saved after the
 * revision the editor started from, nothing is written and the outcome
 * carries their revision.
 */
export async function save(ctx: ServiceContext, input: SaveInput): Promise<SaveOutcome> {
  const pageKey = input.pageKey ?? `draft:${randomUUID()}`;
  const attempt = async (): Promise<SaveOutcome> =>
    ctx.db.transaction().execute(async (tx): Promise<SaveOutcome> => {
      await lockAddress(tx, input.document.slug);
      const inTx = readerIn(tx);
      if (input.saveKey) {
        // Before the conflict check: a resent form's base is the revision it already made.
        const stored = await tx.selectFrom('page_revisions').select('id').where('save_key', '=', input.saveKey).executeTakeFirst();
        if (stored) return { kind: 'saved', revision: (await inTx.byId(stored.id))!, repeated: true };
      }
      const head = await headRow(tx, pageKey);
      if ((head?.id ?? 0) !== input.baseRevisionId) {
        const headRev = head ? await inTx.byId(head.id) : null;
        if (!headRev) throw new WorkflowError('The revision you started from no longer exists. Reload the editor.', { key: 'workflowBaseGone' });
        return { kind: 'conflict', head: headRev, base: input.baseRevisionId ? await inTx.byId(input.baseRevisionId) : null };
      }
      const previous = head ? (await inTx.byId(head.id))!.document : null;
      // Fields the form does not edit come from the version being edited: creation date and the last review.
      const parsed = PageDocument.safeParse({
        ...input.document,
        createdOn: previous?.createdOn ?? ctx.today(),
        updatedOn: previous ? ctx.today() : null,
        reviewedOn: previous?.reviewedOn ?? null,
        reviewedByKey: previous?.reviewedByKey ?? null,
        nextReviewOn: previous?.nextReviewOn ?? null,
      });
      if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
      const doc = parsed.data;
      const problems = await checkAgainstDatabase(tx, doc, { pageId: pageIdOf(pageKey), pageKey });
      if (problems.length) return { kind: 'invalid', problems };
      const id = await insertDraft(ctx, tx, { pageKey, headNumber: head?.number ?? 0, doc, actor: input.actor, summary: input.summary, baseId: head?.id ?? null, saveKey: input.saveKey ?? null });
      await recordTranslationImpact(tx, id, input.translationImpact ?? 'normal');
      await ctx.audit(tx, input.actor, 'page.save', { pageKey, slug: doc.slug }, { revisionId: id, summary: input.summary.slice(0, 200) });
      return { kind: 'saved', revision: (await inTx.byId(id))! };
    });
  try {
    return await attempt();
  } catch (error) {
    // Lost a race for the next revision number (the unique index decided): that is a conflict too.
    // Or the same form arrived twice at once: the second attempt finds the first one's revision.
    if (/unique|duplicate/i.test(String((error as Error).message))) return attempt();
    throw error;
  }
}

/** Brings back an old revision as the newest draft; nothing between is lost. */
export async function restoreRevision(ctx: ServiceContext, revisionId: number, actor: Actor): Promise<SaveOutcome> {
  const old = await revisionOrFail(ctx, revisionId);
  return ctx.db.transaction().execute(async (tx): Promise<SaveOutcome> => {
    await lockAddress(tx, old.document.slug);
    const head = (await headRow(tx, old.pageKey))!;
    const problems = await checkAgainstDatabase(tx, old.document, { pageId: pageIdOf(old.pageKey), pageKey: old.pageKey });
    if (problems.length) return { kind: 'invalid', problems };
    const id = await insertDraft(ctx, tx, { pageKey: old.pageKey, headNumber: head.number, doc: old.document, actor, summary: `Restored revision ${old.number}`, baseId: head.id });
    await ctx.audit(tx, actor, 'page.restore_revision', old, { revisionId: id, restoredFrom: old.id });
    return { kind: 'saved', revision: (await readerIn(tx).byId(id))! };
  });
}

/**
 * Whether an address is free for a never-published draft is a check, then an
 * insert, that no unique index can express; two new pages saved at once at
 * one address on two PostgreSQL connections would both pass the check. Saves
 * claiming the same address therefore take turns, and the second sees the first.
 */
function lockAddress(tx: Tx, slug: string): Promise<void> {
  return lockUntilCommit(tx, `atoz.page-address:${slug}`);
}
