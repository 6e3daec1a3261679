/**
 * What a moderator does to a published post or a topic, outside the approve /
 * reject of the queue (forums.ts): edit with a reason, hide and show again,
 * lock and unlock, move to another category, split a topic in two. Each runs in the caller's
 * transaction, so the route writes the audit row with it.
 */
import type { Db, Tx } from '../../db/database.js';
import type { ForumPostStatus } from '../../db/schema.js';
import { createForumSearch } from '../search.js';

export const REASON_MAX = 200;

/** Visible replies and the latest visible post of a topic, after a post changed status. */
async function recount(tx: Tx, topicId: number): Promise<void> {
  const visible = await tx.selectFrom('forum_posts').select(['created_at', 'is_opening']).where('topic_id', '=', topicId).where('status', '=', 'visible').orderBy('created_at', 'desc').execute();
  const update: { reply_count: number; last_post_at?: string } = { reply_count: visible.filter((p) => p.is_opening === 0).length };
  if (visible[0]) update.last_post_at = visible[0].created_at;
  await tx.updateTable('forum_topics').set(update).where('id', '=', topicId).execute();
}

export interface ModeratedPost {
  id: number;
  topicId: number;
  authorId: number | null;
  body: string;
  status: ForumPostStatus;
  isOpening: boolean;
  hiddenReason: string | null;
  moderatorNote: string | null;
}

export function createModeratorActions(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  const search = createForumSearch(db);
  const resolveFlags = (tx: Tx, postId: number) => tx.updateTable('forum_flags').set({ resolved_at: now() }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute();

  return {
    async post(id: number, executor: Db | Tx = db): Promise<ModeratedPost | undefined> {
      const r = await executor.selectFrom('forum_posts').select(['id', 'topic_id', 'author_id', 'body', 'status', 'is_opening', 'hidden_reason', 'moderator_note']).where('id', '=', id).executeTakeFirst();
      return r && { id: r.id, topicId: r.topic_id, authorId: r.author_id, body: r.body, status: r.status, isOpening: r.is_opening === 1, hiddenReason: r.hidden_reason, moderatorNote: r.moderator_note };
    },

    /** Changes a published post's text; the reason is shown with it ("Edited by a moderator: …"). */
    async edit(tx: Tx, postId: number, body: string, reason: string): Promise<void> {
      await tx.updateTable('forum_posts').set({ body, moderator_note: reason }).where('id', '=', postId).execute();
      await search.sync(tx, [postId]);
    },

    /** Hides a published post: readers see "Hidden by a moderator: <reason>" in its place; its flags are resolved. */
    async hide(tx: Tx, postId: number, reason: string): Promise<boolean> {
      const post = await tx.selectFrom('forum_posts').select(['topic_id']).where('id', '=', postId).where('status', '=', 'visible').executeTakeFirst();
      if (!post) return false;
      await tx.updateTable('forum_posts').set({ status: 'removed', hidden_reason: reason, decided_at: now(), claimed_by: null, claimed_at: null }).where('id', '=', postId).execute();
      await resolveFlags(tx, postId);
      await recount(tx, post.topic_id);
      await search.sync(tx, [postId]);
      return true;
    },

    /** Shows a hidden post again (only one a moderator hid, never one its writer removed). */
    async unhide(tx: Tx, postId: number): Promise<boolean> {
      const post = await tx.selectFrom('forum_posts').select(['topic_id']).where('id', '=', postId).where('status', '=', 'removed').where('hidden_reason', 'is not', null).executeTakeFirst();
      if (!post) return false;
      await tx.updateTable('forum_posts').set({ status: 'visible', hidden_reason: null }).where('id', '=', postId).execute();
      await recount(tx, post.topic_id);
      await search.sync(tx, [postId]);
      return true;
    },

    async lock(tx: Tx, topicId: number, reason: string): Promise<void> {
      await tx.updateTable('forum_topics').set({ locked_at: now(), lock_reason: reason || null }).where('id', '=', topicId).execute();
    },

    async unlock(tx: Tx, topicId: number): Promise<void> {
      await tx.updateTable('forum_topics').set({ locked_at: null, lock_reason: null }).where('id', '=', topicId).execute();
    },

    /** Moves a topic with all its posts; returns the category it left. */
    async move(tx: Tx, topicId: number, categoryId: number): Promise<number> {
      const topic = await tx.selectFrom('forum_topics').select('category_id').where('id', '=', topicId).executeTakeFirstOrThrow();
      await tx.updateTable('forum_topics').set({ category_id: categoryId }).where('id', '=', topicId).execute();
      return topic.category_id;
    },

    /**
     * Splits a topic at a published reply: that reply and every later post go
     * to a new topic in the same category, the reply opening it. Returns the
     * new topic's id, or null when the post is not a published reply.
     */
    async split(tx: Tx, postId: number, title: string): Promise<number | null> {
      const post = await tx.selectFrom('forum_posts').select(['topic_id', 'author_id', 'created_at']).where('id', '=', postId).where('status', '=', 'visible').where('is_opening', '=', 0).executeTakeFirst();
      if (!post) return null;
      const from = await tx.selectFrom('forum_topics').select('category_id').where('id', '=', post.topic_id).executeTakeFirstOrThrow();
      const topic = await tx
        .insertInto('forum_topics')
        .values({ category_id: from.category_id, title, author_id: post.author_id, status: 'visible', created_at: post.created_at, last_post_at: post.created_at, locked_at: null, lock_reason: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Posts are in id order on the topic page: "later" means a higher id.
      await tx.updateTable('forum_posts').set({ topic_id: topic.id }).where('topic_id', '=', post.topic_id).where('id', '>=', postId).execute();
      await tx.updateTable('forum_posts').set({ is_opening: 1 }).where('id', '=', postId).execute();
      await recount(tx, post.topic_id);
      await recount(tx, topic.id);
      // It now opens a topic: its title is searched with it.
      await search.sync(tx, [postId]);
      return topic.id;
    },

    /** Everything moderators did to a post and to its topic, oldest first (from the audit log). */
    async history(postId: number, topicId: number) {
      const rows = await db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
        .select(['audit_log.at', 'audit_log.action', 'audit_log.details', 'audit_log.subject_type', 'users.name'])
        .where((eb) =>
          eb.or([
            eb.and([eb('audit_log.subject_type', '=', 'forum_post'), eb('audit_log.subject_id', '=', String(postId))]),
            eb.and([eb('audit_log.subject_type', '=', 'forum_topic'), eb('audit_log.subject_id', '=', String(topicId))]),
          ]),
        )
        .orderBy('audit_log.id')
        .execute();
      return rows.map((r) => {
        const details = JSON.parse(r.details) as Record<string, unknown>;
        const reason = [details.editReason, details.hideReason, details.lockReason, details.warnReason, details.suspendReason, details.evidenceNote, details.splitReason].find((v) => typeof v === 'string' && v) as string | undefined;
        return { at: r.at, actor: r.name ?? null, action: r.action, reason: reason ?? null, onTopic: r.subject_type === 'forum_topic' };
      });
    },
  };
}

export type ModeratorActions = ReturnType<typeof createModeratorActions>;
