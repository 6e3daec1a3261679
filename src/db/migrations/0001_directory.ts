import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/** The reader directory: tree of pages, sections, entries, citations, references. */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('authors'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disclosure', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await withId(db, db.schema.createTable('pages'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('pages.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('updated_on', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('authors.id').onDelete('set null'))
    .addColumn('next_review_on', 'text')
    .addColumn('review_interval_months', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('deleted_at', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pages_parent').on('pages').columns(['parent_id', 'position']).execute();

  await db.schema
    .createTable('page_authors')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_authors_pk', ['page_id', 'author_id'])
    .execute();

  await withId(db, db.schema.createTable('sections'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('heading', 'text')
    .addColumn('anchor', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sections_page').on('sections').columns(['page_id', 'position']).execute();

  await withId(db, db.schema.createTable('citations'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('csl', 'text', (c) => c.notNull())
    .addColumn('pmid', 'text')
    .addColumn('pmcid', 'text')
    .addColumn('doi', 'text')
    .addColumn('url', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('container', 'text')
    .addColumn('issued_year', 'integer')
    .addColumn('pub_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citations_pmid').on('citations').column('pmid').execute();
  await db.schema.createIndex('citations_doi').on('citations').column('doi').execute();

  await withId(db, db.schema.createTable('entries'))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('summary', 'research', 'news')`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('citation_id', 'integer', (c) => c.references('citations.id').onDelete('set null'))
    .addColumn('outlet', 'text')
    .addColumn('published_on', 'text')
    .addColumn('url', 'text')
    .addColumn('headline', 'text')
    .execute();
  await db.schema.createIndex('entries_section').on('entries').columns(['section_id', 'position']).execute();
  await db.schema.createIndex('entries_page').on('entries').column('page_id').execute();

  await withId(db, db.schema.createTable('links'))
    .addColumn('from_page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sub', 'also', 'inline')`))
    .addColumn('target_slug', 'text', (c) => c.notNull())
    .addColumn('target_title', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('links_from').on('links').column('from_page_id').execute();
  await db.schema.createIndex('links_target').on('links').column('target_slug').execute();

  await db.schema
    .createTable('citation_uses')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('citation_id', 'integer', (c) => c.notNull().references('citations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('citation_uses_pk', ['page_id', 'citation_id'])
    .execute();
  await db.schema.createIndex('citation_uses_citation').on('citation_uses').column('citation_id').execute();

  await db.schema
    .createTable('footnotes')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('footnotes_pk', ['page_id', 'position'])
    .execute();

  await db.schema
    .createTable('slug_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('content_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('content_state').values({ id: 1, version: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'content_state', 'settings', 'slug_redirects', 'footnotes', 'citation_uses', 'links',
    'entries', 'citations', 'sections', 'page_authors', 'pages', 'authors',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
