import type { Kysely } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Moderators' tools on the forums (src/community/): posts hidden by a
 * moderator (with the reason shown), locked topics, warnings and suspensions
 * of members, private moderator notes on a member, and members following a
 * topic by e-mail (each reply e-mailed at most once to each follower), and
 * "What the evidence says": a moderator's note on a post linking a directory page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('forum_posts').addColumn('hidden_reason', 'text').execute();
  await db.schema.alterTable('forum_topics').addColumn('locked_at', 'text').execute();
  await db.schema.alterTable('forum_topics').addColumn('lock_reason', 'text').execute();

  await withId(db, db.schema.createTable('community_sanctions'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** Suspensions: posting is refused until this instant. */
    .addColumn('until', 'text')
    .addColumn('post_id', 'integer', (c) => c.references('forum_posts.id').onDelete('set null'))
    .addColumn('moderator_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_sanctions_user').on('community_sanctions').columns(['user_id', 'kind', 'until']).execute();

  await withId(db, db.schema.createTable('community_member_notes'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_member_notes_user').on('community_member_notes').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('forum_follows')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('forum_topics.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_follows_pk', ['user_id', 'topic_id'])
    .execute();
  await db.schema.createIndex('forum_follows_topic').on('forum_follows').columns(['topic_id']).execute();

  /** One row per follower and reply e-mailed: a reply approved twice (hidden, shown again) is never e-mailed twice. */
  await db.schema
    .createTable('forum_follow_notices')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('forum_posts.id').onDelete('cascade'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_follow_notices_pk', ['user_id', 'post_id'])
    .execute();

  await withId(db, db.schema.createTable('forum_evidence_notes'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('forum_posts.id').onDelete('cascade'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('moderator_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_evidence_notes_post').on('forum_evidence_notes').columns(['post_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['forum_evidence_notes', 'forum_follow_notices', 'forum_follows', 'community_member_notes', 'community_sanctions']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('forum_topics').dropColumn('lock_reason').execute();
  await db.schema.alterTable('forum_topics').dropColumn('locked_at').execute();
  await db.schema.alterTable('forum_posts').dropColumn('hidden_reason').execute();
}
