import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { withId } from '../dialect.js';

/** Editing: every save of a page as a full snapshot, with its place in the review workflow. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('page_revisions'))
    .addColumn('page_key', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('base_revision_id', 'integer')
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('draft', 'in_review', 'approved', 'published', 'superseded')`),
    )
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('published_at', 'text')
    // Two editors saving at once cannot both take the next number: the second is a conflict.
    .addUniqueConstraint('page_revisions_page_number', ['page_key', 'number'])
    .execute();
  await db.schema.createIndex('page_revisions_slug').on('page_revisions').columns(['slug', 'id']).execute();
  await db.schema.createIndex('page_revisions_state').on('page_revisions').columns(['state', 'id']).execute();
  await db.schema.createIndex('page_revisions_author').on('page_revisions').columns(['author_user_id', 'state']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_revisions').execute();
}
