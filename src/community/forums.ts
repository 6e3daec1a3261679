/**
 * The forums' read and write sides: categories, topics, posts, read marks,
 * flags and the moderators' queue. A post's fate comes from the moderation
 * checks (moderation/checks.ts); this file stores it. Writes run in one
 * transaction each.
 */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { ForumCategoriesTable, ForumPostStatus, ForumVisibility } from '../db/schema.js';
import { createForumSearch } from './search.js';
import type { CheckMatch, CheckName } from './moderation/checks.js';

export type CategoryRow = Selectable<ForumCategoriesTable>;

export const TOPICS_PER_PAGE = 20;
export const POSTS_PER_PAGE = 20;
/** A claim older than this lapses, so an item is never stuck with a moderator who left. */
export const CLAIM_LAPSES_MS = 30 * 60 * 1000;
export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;

export const FLAG_REASONS = ['spam', 'misinformation', 'personal-data', 'crisis', 'abuse'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export interface PostView {
  id: number;
  topicId: number;
  /** null: the writer deleted their account ("a former member"). */
  authorName: string | null;
  authorId: number | null;
  body: string;
  status: ForumPostStatus;
  isOpening: boolean;
  createdAt: string;
  moderatorNote: string | null;
  /** Set when a moderator hid the post (status 'removed'). */
  hiddenReason: string | null;
}

export interface TopicSummary {
  id: number;
  title: string;
  authorName: string | null;
  replyCount: number;
  lastPostAt: string;
  status: 'visible' | 'held' | 'rejected';
  /** Posts since the viewer last read it (signed-in members only). */
  isNew: boolean;
}

export interface QueueItem {
  postId: number;
  topicId: number;
  topicTitle: string;
  categoryName: string;
  authorName: string | null;
  authorId: number | null;
  body: string;
  status: ForumPostStatus;
  isOpening: boolean;
  reason: CheckName | null;
  details: CheckMatch[];
  urgent: boolean;
  createdAt: string;
  claimedBy: number | null;
  claimedByName: string | null;
  claimedAt: string | null;
  flags: Array<{ reason: string; note: string; createdAt: string }>;
}

function pageCountOf(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

const count = (rows: { n: number | string | bigint }) => Number(rows.n);

export function createForums(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  const search = createForumSearch(db);

  async function refreshTopic(tx: Tx, topicId: number): Promise<void> {
    const visible = await tx.selectFrom('forum_posts').select(['created_at', 'is_opening']).where('topic_id', '=', topicId).where('status', '=', 'visible').orderBy('created_at', 'desc').execute();
    const opening = await tx.selectFrom('forum_posts').select('status').where('topic_id', '=', topicId).where('is_opening', '=', 1).executeTakeFirst();
    const status = opening?.status === 'visible' || opening?.status === 'removed' ? 'visible' : opening?.status === 'rejected' ? 'rejected' : 'held';
    const update: { reply_count: number; status: 'visible' | 'held' | 'rejected'; last_post_at?: string } = { reply_count: visible.filter((p) => p.is_opening === 0).length, status };
    if (visible[0]) update.last_post_at = visible[0].created_at;
    await tx.updateTable('forum_topics').set(update).where('id', '=', topicId).execute();
  }

  async function insertPost(tx: Tx, input: { topicId: number; authorId: number; body: string; opening: boolean; held: boolean; reason: CheckName | null; matches: CheckMatch[]; urgent: boolean }): Promise<number> {
    const row = await tx
      .insertInto('forum_posts')
      .values({
        topic_id: input.topicId,
        author_id: input.authorId,
        body: input.body,
        is_opening: input.opening ? 1 : 0,
        status: input.held ? 'held' : 'visible',
        hold_reason: input.reason,
        hold_details: JSON.stringify(input.matches),
        urgent: input.urgent ? 1 : 0,
        claimed_by: null,
        claimed_at: null,
        moderator_note: null,
        created_at: now(),
        decided_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!input.held) await tx.updateTable('community_members').set((eb) => ({ approved_posts: eb('approved_posts', '+', 1) })).where('user_id', '=', input.authorId).execute();
    return row.id;
  }

  const authorJoin = () =>
    db
      .selectFrom('forum_posts')
      .leftJoin('community_members', 'community_members.user_id', 'forum_posts.author_id');

  return {
    /** In their order; members-only ones only for members (`includeMembersOnly`). */
    async categories(includeMembersOnly: boolean) {
      let q = db.selectFrom('forum_categories').selectAll().orderBy('position').orderBy('id');
      if (!includeMembersOnly) q = q.where('visibility', '=', 'public');
      const rows = await q.execute();
      const counts = await db
        .selectFrom('forum_topics')
        .select(['category_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('last_post_at').as('latest')])
        .where('status', '=', 'visible')
        .groupBy('category_id')
        .execute();
      const byCategory = new Map(counts.map((c) => [c.category_id, { topics: Number(c.n), latest: c.latest as string | null }]));
      return rows.map((r) => ({ ...r, topics: byCategory.get(r.id)?.topics ?? 0, latest: byCategory.get(r.id)?.latest ?? null }));
    },

    /** Public categories only: what the sitemap, the static copy and search engines may see. */
    publicCategories: () => db.selectFrom('forum_categories').selectAll().where('visibility', '=', 'public').orderBy('position').orderBy('id').execute(),

    categoryBySlug: (slug: string) => db.selectFrom('forum_categories').selectAll().where('slug', '=', slug).executeTakeFirst(),
    categoryById: (id: number) => db.selectFrom('forum_categories').selectAll().where('id', '=', id).executeTakeFirst(),

    async addCategory(input: { slug: string; name: string; description: string; lang: string | null; visibility: ForumVisibility }, executor: Db | Tx = db): Promise<number> {
      const last = await executor.selectFrom('forum_categories').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
      const row = await executor
        .insertInto('forum_categories')
        .values({ ...input, position: Number(last?.p ?? 0) + 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Visible topics of a category, latest activity first, and the viewer's own held ones. */
    async topics(categoryId: number, page: number, viewerId: number | null) {
      const visibleTo = (q: any) => q.where('forum_topics.category_id', '=', categoryId).where((eb: any) => (viewerId === null ? eb('forum_topics.status', '=', 'visible') : eb.or([eb('forum_topics.status', '=', 'visible'), eb.and([eb('forum_topics.status', '=', 'held'), eb('forum_topics.author_id', '=', viewerId)])])));
      const total = count(await visibleTo(db.selectFrom('forum_topics').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow());
      const rows: Array<{ id: number; title: string; reply_count: number; last_post_at: string; status: 'visible' | 'held' | 'rejected'; display_name: string | null; author_id: number | null }> = await visibleTo(
        db.selectFrom('forum_topics').leftJoin('community_members', 'community_members.user_id', 'forum_topics.author_id').select(['forum_topics.id', 'forum_topics.title', 'forum_topics.reply_count', 'forum_topics.last_post_at', 'forum_topics.status', 'forum_topics.author_id', 'community_members.display_name']),
      )
        .orderBy('forum_topics.last_post_at', 'desc')
        .orderBy('forum_topics.id', 'desc')
        .limit(TOPICS_PER_PAGE)
        .offset((page - 1) * TOPICS_PER_PAGE)
        .execute();
      const reads = viewerId === null || !rows.length ? [] : await db.selectFrom('forum_reads').select(['topic_id', 'read_at']).where('user_id', '=', viewerId).where('topic_id', 'in', rows.map((r) => r.id)).execute();
      const readAt = new Map(reads.map((r) => [r.topic_id, r.read_at]));
      const items: TopicSummary[] = rows.map((r) => ({
        id: r.id,
        title: r.title,
        authorName: r.author_id === null ? null : (r.display_name ?? null),
        replyCount: r.reply_count,
        lastPostAt: r.last_post_at,
        status: r.status,
        isNew: viewerId !== null && r.status === 'visible' && (!readAt.has(r.id) || readAt.get(r.id)! < r.last_post_at),
      }));
      return { items, total, page, pageCount: pageCountOf(total, TOPICS_PER_PAGE) };
    },

    topic: (id: number) => db.selectFrom('forum_topics').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Visible topics of public categories, for the sitemap. */
    publicTopics: () =>
      db
        .selectFrom('forum_topics')
        .innerJoin('forum_categories', 'forum_categories.id', 'forum_topics.category_id')
        .select(['forum_topics.id', 'forum_topics.last_post_at'])
        .where('forum_categories.visibility', '=', 'public')
        .where('forum_topics.status', '=', 'visible')
        .orderBy('forum_topics.id')
        .execute(),

    /** A page of a topic's posts: visible, removed (as a placeholder), and the viewer's own held ones. */
    async posts(topicId: number, page: number, viewerId: number | null) {
      const shown = (q: any) =>
        q.where('forum_posts.topic_id', '=', topicId).where((eb: any) => {
          const base = [eb('forum_posts.status', '=', 'visible'), eb('forum_posts.status', '=', 'removed')];
          if (viewerId !== null) base.push(eb.and([eb('forum_posts.status', '=', 'held'), eb('forum_posts.author_id', '=', viewerId)]));
          return eb.or(base);
        });
      const total = count(await shown(db.selectFrom('forum_posts').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow());
      const rows: Array<{ id: number; topic_id: number; author_id: number | null; body: string; status: ForumPostStatus; is_opening: number; created_at: string; moderator_note: string | null; hidden_reason: string | null; display_name: string | null }> = await shown(
        authorJoin().select(['forum_posts.id', 'forum_posts.topic_id', 'forum_posts.author_id', 'forum_posts.body', 'forum_posts.status', 'forum_posts.is_opening', 'forum_posts.created_at', 'forum_posts.moderator_note', 'forum_posts.hidden_reason', 'community_members.display_name']),
      )
        .orderBy('forum_posts.id')
        .limit(POSTS_PER_PAGE)
        .offset((page - 1) * POSTS_PER_PAGE)
        .execute();
      const items: PostView[] = rows.map((r) => ({
        id: r.id,
        topicId: r.topic_id,
        authorId: r.author_id,
        authorName: r.author_id === null ? null : r.display_name,
        body: r.body,
        status: r.status,
        isOpening: r.is_opening === 1,
        createdAt: r.created_at,
        moderatorNote: r.moderator_note,
        hiddenReason: r.hidden_reason,
      }));
      return { items, total, page, pageCount: pageCountOf(total, POSTS_PER_PAGE) };
    },

    async post(id: number): Promise<PostView | undefined> {
      const r = await authorJoin()
        .select(['forum_posts.id', 'forum_posts.topic_id', 'forum_posts.author_id', 'forum_posts.body', 'forum_posts.status', 'forum_posts.is_opening', 'forum_posts.created_at', 'forum_posts.moderator_note', 'forum_posts.hidden_reason', 'community_members.display_name'])
        .where('forum_posts.id', '=', id)
        .executeTakeFirst();
      if (!r) return undefined;
      return { id: r.id, topicId: r.topic_id, authorId: r.author_id, authorName: r.author_id === null ? null : r.display_name, body: r.body, status: r.status, isOpening: r.is_opening === 1, createdAt: r.created_at, moderatorNote: r.moderator_note, hiddenReason: r.hidden_reason };
    },

    async createTopic(tx: Tx, input: { categoryId: number; authorId: number; title: string; body: string; held: boolean; reason: CheckName | null; matches: CheckMatch[]; urgent: boolean }): Promise<{ topicId: number; postId: number }> {
      const at = now();
      const topic = await tx
        .insertInto('forum_topics')
        .values({ category_id: input.categoryId, title: input.title, author_id: input.authorId, status: input.held ? 'held' : 'visible', created_at: at, last_post_at: at, reply_count: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const postId = await insertPost(tx, { ...input, topicId: topic.id, opening: true });
      // A held post is new, so not in search yet: it goes in when a moderator approves it.
      if (!input.held) await search.sync(tx, [postId]);
      return { topicId: topic.id, postId };
    },

    async createReply(tx: Tx, input: { topicId: number; authorId: number; body: string; held: boolean; reason: CheckName | null; matches: CheckMatch[]; urgent: boolean }): Promise<number> {
      const postId = await insertPost(tx, { ...input, opening: false });
      if (!input.held) {
        await refreshTopic(tx, input.topicId);
        await search.sync(tx, [postId]);
      }
      return postId;
    },

    async markRead(userId: number, topicId: number): Promise<void> {
      const at = now();
      await db
        .insertInto('forum_reads')
        .values({ user_id: userId, topic_id: topicId, read_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'topic_id']).doUpdateSet({ read_at: at }))
        .execute();
    },

    async readAt(userId: number, topicId: number): Promise<string | null> {
      return (await db.selectFrom('forum_reads').select('read_at').where('user_id', '=', userId).where('topic_id', '=', topicId).executeTakeFirst())?.read_at ?? null;
    },

    /**
     * One flag per member and post (a second one replaces the reason). Returns
     * how many open flags the post has; at `threshold` a visible post is held ("flagged").
     */
    async flag(postId: number, userId: number, reason: FlagReason, note: string, threshold: number): Promise<{ openFlags: number; held: boolean }> {
      return db.transaction().execute(async (tx) => {
        await tx
          .insertInto('forum_flags')
          .values({ post_id: postId, user_id: userId, reason, note, created_at: now(), resolved_at: null })
          .onConflict((oc) => oc.columns(['post_id', 'user_id']).doUpdateSet({ reason, note, resolved_at: null }))
          .execute();
        const openFlags = count(await tx.selectFrom('forum_flags').select((eb) => eb.fn.countAll<number>().as('n')).where('post_id', '=', postId).where('resolved_at', 'is', null).executeTakeFirstOrThrow());
        const post = await tx.selectFrom('forum_posts').select(['status', 'topic_id', 'hold_details']).where('id', '=', postId).executeTakeFirstOrThrow();
        if (post.status !== 'visible' || openFlags < threshold) return { openFlags, held: false };
        const details = [...(JSON.parse(post.hold_details) as CheckMatch[]), { check: 'flagged', detail: String(openFlags) }];
        await tx.updateTable('forum_posts').set({ status: 'held', hold_reason: 'flagged', hold_details: JSON.stringify(details), decided_at: null }).where('id', '=', postId).execute();
        await refreshTopic(tx, post.topic_id);
        await search.sync(tx, [postId]);
        return { openFlags, held: true };
      });
    },

    /** What waits for a moderator: held posts, urgent ones not yet looked at, and posts with open flags; urgent first, then oldest. */
    async queue(): Promise<QueueItem[]> {
      const flagged = db.selectFrom('forum_flags').select('post_id').where('resolved_at', 'is', null);
      const rows = await db
        .selectFrom('forum_posts')
        .innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id')
        .innerJoin('forum_categories', 'forum_categories.id', 'forum_topics.category_id')
        .leftJoin('community_members', 'community_members.user_id', 'forum_posts.author_id')
        .leftJoin('users as claimer', 'claimer.id', 'forum_posts.claimed_by')
        .select([
          'forum_posts.id', 'forum_posts.topic_id', 'forum_topics.title', 'forum_categories.name as category_name', 'forum_posts.author_id', 'community_members.display_name',
          'forum_posts.body', 'forum_posts.status', 'forum_posts.is_opening', 'forum_posts.hold_reason', 'forum_posts.hold_details', 'forum_posts.urgent', 'forum_posts.created_at',
          'forum_posts.claimed_by', 'forum_posts.claimed_at', 'claimer.name as claimer_name',
        ])
        .where((eb) =>
          eb.or([
            eb('forum_posts.status', '=', 'held'),
            eb.and([eb('forum_posts.status', '=', 'visible'), eb.or([eb.and([eb('forum_posts.urgent', '=', 1), eb('forum_posts.decided_at', 'is', null)]), eb('forum_posts.id', 'in', flagged)])]),
          ]),
        )
        .orderBy('forum_posts.urgent', 'desc')
        .orderBy('forum_posts.created_at')
        .orderBy('forum_posts.id')
        .limit(200)
        .execute();
      const flags = rows.length
        ? await db.selectFrom('forum_flags').select(['post_id', 'reason', 'note', 'created_at']).where('resolved_at', 'is', null).where('post_id', 'in', rows.map((r) => r.id)).orderBy('id').execute()
        : [];
      return rows.map((r) => ({
        postId: r.id,
        topicId: r.topic_id,
        topicTitle: r.title,
        categoryName: r.category_name,
        authorName: r.author_id === null ? null : r.display_name,
        authorId: r.author_id,
        body: r.body,
        status: r.status,
        isOpening: r.is_opening === 1,
        reason: (r.hold_reason as CheckName | null) ?? (flags.some((f) => f.post_id === r.id) ? 'flagged' : null),
        details: JSON.parse(r.hold_details) as CheckMatch[],
        urgent: r.urgent === 1,
        createdAt: r.created_at,
        claimedBy: r.claimed_by,
        claimedByName: r.claimer_name ?? null,
        claimedAt: r.claimed_at,
        flags: flags.filter((f) => f.post_id === r.id).map((f) => ({ reason: f.reason, note: f.note, createdAt: f.created_at })),
      }));
    },

    async queueItem(postId: number): Promise<QueueItem | undefined> {
      return (await this.queue()).find((i) => i.postId === postId);
    },

    /** Takes an item so two moderators do not act at once; false when someone else holds a fresh claim. */
    async claim(postId: number, moderatorId: number, tx: Tx): Promise<boolean> {
      const lapsed = new Date(clock().getTime() - CLAIM_LAPSES_MS).toISOString();
      const result = await tx
        .updateTable('forum_posts')
        .set({ claimed_by: moderatorId, claimed_at: now() })
        .where('id', '=', postId)
        .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', moderatorId), eb('claimed_at', '<=', lapsed)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Whether someone other than this moderator holds a fresh claim on the item. */
    async claimedByOther(postId: number, moderatorId: number, executor: Db | Tx = db): Promise<boolean> {
      const row = await executor.selectFrom('forum_posts').select(['claimed_by', 'claimed_at']).where('id', '=', postId).executeTakeFirst();
      if (!row?.claimed_by || row.claimed_by === moderatorId) return false;
      return Date.parse(row.claimed_at ?? '') > clock().getTime() - CLAIM_LAPSES_MS;
    },

    /** Lets a post through, edited or not (an edit carries its reason, shown with the post); flags on it are resolved. */
    async approve(tx: Tx, postId: number, edit: { body: string; reason: string } | null): Promise<void> {
      const post = await tx.selectFrom('forum_posts').select(['status', 'topic_id', 'author_id']).where('id', '=', postId).executeTakeFirstOrThrow();
      const wasHeld = post.status === 'held';
      await tx
        .updateTable('forum_posts')
        .set({ status: 'visible', decided_at: now(), claimed_by: null, claimed_at: null, ...(edit ? { body: edit.body, moderator_note: edit.reason } : {}) })
        .where('id', '=', postId)
        .execute();
      await tx.updateTable('forum_flags').set({ resolved_at: now() }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute();
      if (wasHeld && post.author_id !== null) await tx.updateTable('community_members').set((eb) => ({ approved_posts: eb('approved_posts', '+', 1) })).where('user_id', '=', post.author_id).execute();
      await refreshTopic(tx, post.topic_id);
      await search.sync(tx, [postId]);
    },

    async reject(tx: Tx, postId: number): Promise<void> {
      const post = await tx.selectFrom('forum_posts').select(['topic_id']).where('id', '=', postId).executeTakeFirstOrThrow();
      await tx.updateTable('forum_posts').set({ status: 'rejected', decided_at: now(), claimed_by: null, claimed_at: null }).where('id', '=', postId).execute();
      await tx.updateTable('forum_flags').set({ resolved_at: now() }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute();
      await refreshTopic(tx, post.topic_id);
      await search.sync(tx, [postId]);
    },

    /** Posts of a member in the last `ms` (for the moderators' view of a writer). */
    async authorEmail(userId: number, executor: Db | Tx = db): Promise<string | null> {
      return (await executor.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst())?.email ?? null;
    },
  };
}

export type Forums = ReturnType<typeof createForums>;
