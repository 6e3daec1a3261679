import type { CurrentUser } from '../../accounts/context.js';
import type { Tx } from '../../db/database.js';
import type { PageDocument } from '../../directory/document.js';
import { slugify } from '../../directory/slug.js';
import { addMonths } from '../../directory/store.js';
import type { Revision } from '../revision-store.js';
import { addReviewComment } from '../review-comments.js';
import { type ServiceContext, revisionOrFail } from './shared.js';
import { type Actor, WorkflowError, stateLabel } from './types.js';

/** Sends the newest draft for medical review. */
export async function submitForReview(ctx: ServiceContext, revisionId: number, actor: Actor): Promise<Revision> {
  const revision = await revisionOrFail(ctx, revisionId);
  if (revision.state !== 'draft') throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}, so it cannot be sent for review.`, { key: 'workflowCannotSubmit', values: { number: revision.number, state: revision.state } });
  await ctx.db.transaction().execute(async (tx) => {
    const changed = await tx
      .updateTable('page_revisions')
      .set({ state: 'in_review', submitted_at: ctx.now() })
      .where('id', '=', revisionId)
      .where('state', '=', 'draft')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new WorkflowError('Someone changed this revision a moment ago. Reload the page to see it.', { key: 'workflowRace' });
    await ctx.audit(tx, actor, 'page.submit', revision, { revisionId });
  });
  return (await ctx.read.byId(revisionId))!;
}

/**
 * A reviewer approves a revision as medically sound: the document records
 * who and when, and the next review falls due after the page's interval.
 */
export async function approveRevision(ctx: ServiceContext, revisionId: number, actor: Actor): Promise<Revision> {
  const revision = await revisionOrFail(ctx, revisionId);
  if (revision.state !== 'in_review') throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}; only a revision sent for review can be approved.`, { key: 'workflowCannotApprove', values: { number: revision.number, state: revision.state } });
  if (revision.authorUserId === actor.user.id) throw new WorkflowError('You wrote this revision, so another reviewer must approve it.', { key: 'workflowOwnRevision' });
  await ctx.db.transaction().execute(async (tx) => {
    const reviewerKey = await ensureAuthorFor(tx, actor.user, 'Medical reviewer');
    const reviewedOn = ctx.today();
    const doc: PageDocument = {
      ...revision.document,
      reviewedOn,
      reviewedByKey: reviewerKey,
      nextReviewOn: addMonths(reviewedOn, revision.document.reviewIntervalMonths),
    };
    const changed = await tx
      .updateTable('page_revisions')
      .set({ state: 'approved', reviewed_by_user_id: actor.user.id, reviewed_at: ctx.now(), document: JSON.stringify(doc) })
      .where('id', '=', revisionId)
      .where('state', '=', 'in_review')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new WorkflowError('Someone changed this revision a moment ago. Reload the page to see it.', { key: 'workflowRace' });
    await ctx.audit(tx, actor, 'page.review', revision, { revisionId, reviewedOn, nextReviewOn: doc.nextReviewOn });
  });
  return (await ctx.read.byId(revisionId))!;
}

/**
 * A reviewer sends a revision back to its author with what needs to change:
 * it becomes a draft again and the comment is kept for the author's editor.
 */
export async function sendBackRevision(ctx: ServiceContext, revisionId: number, actor: Actor, comment: string): Promise<Revision> {
  const revision = await revisionOrFail(ctx, revisionId);
  if (revision.state !== 'in_review') throw new WorkflowError(`Revision ${revision.number} is ${stateLabel(revision.state)}; only a revision sent for review can be sent back.`, { key: 'workflowCannotSendBack', values: { number: revision.number, state: revision.state } });
  await ctx.db.transaction().execute(async (tx) => {
    const changed = await tx.updateTable('page_revisions').set({ state: 'draft' }).where('id', '=', revisionId).where('state', '=', 'in_review').executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw new WorkflowError('Someone changed this revision a moment ago. Reload the page to see it.', { key: 'workflowRace' });
    await addReviewComment(tx, { revisionId, pageKey: revision.pageKey, userId: actor.user.id, body: comment, createdAt: ctx.now() });
    await ctx.audit(tx, actor, 'page.send_back', revision, { revisionId });
  });
  return (await ctx.read.byId(revisionId))!;
}

/** Links a person to an author record (made on first need) so bylines and "reviewed by" can name them. */
export async function ensureAuthorFor(tx: Tx, user: CurrentUser, role: string): Promise<string> {
  const linked = (await tx.selectFrom('users').select('author_key').where('id', '=', user.id).executeTakeFirst())?.author_key ?? user.authorKey;
  if (linked && (await tx.selectFrom('authors').select('id').where('key', '=', linked).executeTakeFirst())) return linked;
  const base = slugify(user.name) || `user-${user.id}`;
  let key = base;
  for (let n = 2; await tx.selectFrom('authors').select('id').where('key', '=', key).executeTakeFirst(); n++) key = `${base}-${n}`;
  await tx.insertInto('authors').values({ key, name: user.name, role, disclosure: '' }).execute();
  await tx.updateTable('users').set({ author_key: key }).where('id', '=', user.id).execute();
  return key;
}
