import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

/**
 * The community (src/community/): members and their pseudonyms, sign-ups
 * waiting for their e-mail to be confirmed, extra roles (a person may hold
 * several: an editor who also moderates), forum categories, topics, posts,
 * flags and read marks.
 *
 * users.role loses its CHECK list: roles are checked in code (isRole), so a
 * new role (member, moderator, translator…) needs no table rebuild. SQLite
 * cannot drop a CHECK in place, so the table is rebuilt with the same columns
 * and indexes, foreign keys off meanwhile so nothing that refers to users cascades.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`alter table users drop constraint if exists users_role_check`.execute(db);
  } else {
    await relaxSqliteUsersRole(db);
  }

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('community_members')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    /** Lower-case, spaces squeezed: two members cannot pass for each other. */
    .addColumn('display_key', 'text', (c) => c.notNull().unique())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('approved_posts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('community_signups'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('forum_categories'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public').check(sql`visibility in ('public', 'members')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('forum_topics'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('forum_categories.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('visible', 'held', 'rejected')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('forum_topics_category').on('forum_topics').columns(['category_id', 'status', 'last_post_at']).execute();

  await withId(db, db.schema.createTable('forum_posts'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('forum_topics.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_opening', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('visible', 'held', 'rejected', 'removed')`))
    /** The first check that held it (src/community/moderation/checks.ts), and every check that matched, as JSON. */
    .addColumn('hold_reason', 'text')
    .addColumn('hold_details', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('claimed_at', 'text')
    .addColumn('moderator_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('forum_posts_topic').on('forum_posts').columns(['topic_id', 'status', 'id']).execute();
  await db.schema.createIndex('forum_posts_queue').on('forum_posts').columns(['status', 'urgent', 'created_at']).execute();
  await db.schema.createIndex('forum_posts_author').on('forum_posts').columns(['author_id', 'created_at']).execute();

  await withId(db, db.schema.createTable('forum_flags'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('forum_posts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('forum_flags_post').on('forum_flags').columns(['post_id', 'user_id']).unique().execute();

  await db.schema
    .createTable('forum_reads')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('forum_topics.id').onDelete('cascade'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forum_reads_pk', ['user_id', 'topic_id'])
    .execute();
}

/** The CREATE TABLE of users without its role CHECK, data and indexes kept. */
async function relaxSqliteUsersRole(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'users'`.execute(db);
  const create = table.rows[0]?.sql ?? '';
  const relaxed = create.replace(/\s*check\s*\(\s*"?role"?\s+in\s*\([^)]*\)\s*\)/i, '');
  if (relaxed === create) return;
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'users' and sql is not null`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    // A savepoint, not a transaction: copy-database runs the migrations inside its own open transaction.
    await sql`savepoint relax_users_role`.execute(db);
    try {
      await sql.raw(relaxed.replace(/^create table\s+"?users"?/i, 'create table "users_relaxed"')).execute(db);
      await sql`insert into users_relaxed select * from users`.execute(db);
      await sql`drop table users`.execute(db);
      await sql`alter table users_relaxed rename to users`.execute(db);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
      await sql`release relax_users_role`.execute(db);
    } catch (error) {
      await sql`rollback to relax_users_role`.execute(db);
      await sql`release relax_users_role`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['forum_reads', 'forum_flags', 'forum_posts', 'forum_topics', 'forum_categories', 'community_signups', 'community_members', 'user_roles']) {
    await db.schema.dropTable(table).execute();
  }
}
