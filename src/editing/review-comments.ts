import type { Db, Tx } from '../db/database.js';

/** A reviewer's comment on a revision: why it went back to its author. */
export interface ReviewComment {
  id: number;
  revisionId: number;
  revisionNumber: number;
  reviewerName: string | null;
  body: string;
  createdAt: string;
}

/** The longest comment a reviewer may send back (a few paragraphs). */
export const REVIEW_COMMENT_MAX = 4000;

export async function addReviewComment(tx: Tx, comment: { revisionId: number; pageKey: string; userId: number; body: string; createdAt: string }): Promise<void> {
  await tx
    .insertInto('revision_comments')
    .values({ revision_id: comment.revisionId, page_key: comment.pageKey, user_id: comment.userId, kind: 'sent_back', body: comment.body, created_at: comment.createdAt })
    .execute();
}

function commentQuery(db: Db) {
  return db
    .selectFrom('revision_comments as c')
    .innerJoin('page_revisions as r', 'r.id', 'c.revision_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.revision_id', 'r.number', 'u.name', 'c.body', 'c.created_at']);
}

type CommentRow = { id: number; revision_id: number; number: number; name: string | null; body: string; created_at: string };

function toComment(r: CommentRow): ReviewComment {
  return { id: Number(r.id), revisionId: Number(r.revision_id), revisionNumber: Number(r.number), reviewerName: r.name, body: r.body, createdAt: r.created_at };
}

/** Every comment on a page, newest first. */
export async function reviewComments(db: Db, pageKey: string): Promise<ReviewComment[]> {
  return (await commentQuery(db).where('c.page_key', '=', pageKey).orderBy('c.id', 'desc').limit(50).execute()).map(toComment);
}

/**
 * The comment the author still has to act on: the newest one, as long as
 * no revision was sent for review since it was made.
 */
export async function openReviewComment(db: Db, pageKey: string): Promise<ReviewComment | null> {
  const row = await commentQuery(db).where('c.page_key', '=', pageKey).orderBy('c.id', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const resubmitted = await db
    .selectFrom('page_revisions')
    .select('id')
    .where('page_key', '=', pageKey)
    .where('submitted_at', '>', row.created_at)
    .limit(1)
    .executeTakeFirst();
  return resubmitted ? null : toComment(row);
}
