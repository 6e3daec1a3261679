import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Patient stories (src/stories/): the story as it stands and a moderator's
 * proposed edit waiting for the storyteller, the directory pages it is about,
 * and one consent record per purpose with the version of the consent text the
 * storyteller read and an optional end date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('stories'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unconfirmed', 'pending', 'awaiting-storyteller', 'published', 'rejected', 'withdrawn')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('proposed_title', 'text')
    .addColumn('proposed_body', 'text')
    .addColumn('edit_reason', 'text')
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('name_kind', 'text', (c) => c.notNull().check(sql`name_kind in ('pseudonym', 'name')`))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('taken_down_at', 'text')
    /** The moderator handling the story, so two do not act at once (a claim lapses after 30 minutes). */
    .addColumn('claimed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('claimed_at', 'text')
    .execute();
  await db.schema.createIndex('stories_status').on('stories').columns(['status', 'published_at']).execute();

  await db.schema
    .createTable('story_topics')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('story_topics_pk', ['story_id', 'page_id'])
    .execute();
  await db.schema.createIndex('story_topics_page').on('story_topics').column('page_id').execute();

  await withId(db, db.schema.createTable('story_consents'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('publish', 'translate', 'newsletter')`))
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('text_version', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addUniqueConstraint('story_consents_purpose', ['story_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('story_consents').execute();
  await db.schema.dropTable('story_topics').execute();
  await db.schema.dropTable('stories').execute();
}
