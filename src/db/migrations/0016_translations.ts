import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Translated pages (src/translations/): one translation per page and
 * language (what readers see), its sections keyed by the English section's
 * anchor with the English text they were made from, the translation's
 * revisions (draft → review → published), the languages each person
 * translates and reviews, and how an English save affects translations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('page_translations'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('translators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reviewer_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('revision_id', 'integer')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('page_translations_page_lang', ['page_id', 'lang'])
    .execute();
  await db.schema.createIndex('page_translations_lang').on('page_translations').columns(['lang', 'page_id']).execute();

  await withId(db, db.schema.createTable('translation_sections'))
    .addColumn('translation_id', 'integer', (c) => c.notNull().references('page_translations.id').onDelete('cascade'))
    .addColumn('source_anchor', 'text', (c) => c.notNull())
    .addColumn('heading', 'text')
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('source_revision_id', 'integer')
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('outdated_since', 'text')
    .addColumn('safety', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('translation_sections_anchor', ['translation_id', 'source_anchor'])
    .execute();

  await withId(db, db.schema.createTable('translation_revisions'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'in_review', 'published', 'superseded')`))
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .addUniqueConstraint('translation_revisions_number', ['page_id', 'lang', 'number'])
    .execute();
  await db.schema.createIndex('translation_revisions_state').on('translation_revisions').columns(['lang', 'state']).execute();

  await db.schema
    .createTable('translator_languages')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviews', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('translator_languages_pk', ['user_id', 'lang'])
    .execute();

  await db.schema
    .createTable('source_change_impacts')
    .addColumn('revision_id', 'integer', (c) => c.primaryKey().references('page_revisions.id').onDelete('cascade'))
    .addColumn('impact', 'text', (c) => c.notNull().check(sql`impact in ('minor', 'safety')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['source_change_impacts', 'translator_languages', 'translation_revisions', 'translation_sections', 'page_translations']) {
    await db.schema.dropTable(table).execute();
  }
}
