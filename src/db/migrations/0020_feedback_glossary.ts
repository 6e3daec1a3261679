import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Reader feedback (src/feedback/): "Was this page helpful?" answers and
 * problem reports, per page, for editors only; and the glossary
 * (src/glossary/): terms whose every save is a full revision, shown once a
 * reviewer approved one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('reader_feedback'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('helpful', 'problem')`))
    /** 1 yes, 0 no; null for a problem report. */
    .addColumn('helpful', 'integer')
    /** wrong, outdated, broken-link, hard-to-read; null for a helpful answer. */
    .addColumn('problem', 'text')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('reader_feedback_open').on('reader_feedback').columns(['handled_at', 'page_id']).execute();

  await withId(db, db.schema.createTable('glossary_terms'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** The approved revision readers see; null until a reviewer approved one. */
    .addColumn('published_revision_id', 'integer')
    .execute();

  await withId(db, db.schema.createTable('glossary_revisions'))
    .addColumn('term_id', 'integer', (c) => c.notNull().references('glossary_terms.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    /** JSON array of other words readers meet for the same thing. */
    .addColumn('synonyms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('in_review', 'approved', 'superseded')`))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('glossary_revisions_term').on('glossary_revisions').columns(['term_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('glossary_revisions').execute();
  await db.schema.dropTable('glossary_terms').execute();
  await db.schema.dropTable('reader_feedback').execute();
}
