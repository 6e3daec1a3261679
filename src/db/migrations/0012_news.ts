import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/**
 * News items (src/news/): a report in our own words with its source, the
 * directory pages it concerns, an optional study, the review state and the
 * clinician's sign-off ("Behind the headlines"), and the corrections made
 * after publication, each shown to readers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('news_items'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql`state in ('draft', 'review', 'published')`))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_outlet', 'text', (c) => c.notNull())
    .addColumn('source_headline', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_date', 'text')
    .addColumn('citation_id', 'integer', (c) => c.references('citations.id').onDelete('set null'))
    .addColumn('author_id', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('study_what', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('study_size', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('study_limits', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signed_off_by', 'text')
    .addColumn('signed_off_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_items_published').on('news_items').columns(['state', 'published_on']).execute();

  await db.schema
    .createTable('news_topics')
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news_items.id').onDelete('cascade'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('news_topics_pk', ['news_id', 'page_id'])
    .execute();
  await db.schema.createIndex('news_topics_page').on('news_topics').columns(['page_id', 'news_id']).execute();

  await withId(db, db.schema.createTable('news_corrections'))
    .addColumn('news_id', 'integer', (c) => c.notNull().references('news_items.id').onDelete('cascade'))
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('news_corrections_item').on('news_corrections').columns(['news_id', 'corrected_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['news_corrections', 'news_topics', 'news_items']) await db.schema.dropTable(table).execute();
}
