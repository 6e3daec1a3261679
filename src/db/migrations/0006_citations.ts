import { type Kysely, sql } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Citations that stay true (src/citations/): formatted citations kept per style,
 * retraction and erratum flags, a shared cache of PubMed/Crossref answers, saved
 * PubMed queries per topic and the new-research inbox they fill.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('citation_formats')
    .addColumn('cache_key', 'text', (c) => c.primaryKey())
    .addColumn('citation_key', 'text', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citation_formats_style').on('citation_formats').columns(['style', 'citation_key']).execute();

  await withId(db, db.schema.createTable('citation_flags'))
    .addColumn('citation_id', 'integer', (c) => c.notNull().references('citations.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('retracted', 'retraction-notice', 'erratum')`))
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolution_note', 'text')
    .addUniqueConstraint('citation_flags_citation_status', ['citation_id', 'status'])
    .execute();
  await db.schema.createIndex('citation_flags_open').on('citation_flags').columns(['resolved_at', 'citation_id']).execute();

  await db.schema
    .createTable('citation_http_cache')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citation_http_cache_expiry').on('citation_http_cache').column('expires_at').execute();

  await withId(db, db.schema.createTable('research_queries'))
    .addColumn('page_id', 'integer', (c) => c.notNull().unique().references('pages.id').onDelete('cascade'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('last_run_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_found', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('research_inbox'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('pmid', 'text', (c) => c.notNull())
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('journal', 'text')
    .addColumn('published', 'text')
    .addColumn('pub_types', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new').check(sql`status in ('new', 'drafted', 'dismissed')`))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('citation_id', 'integer', (c) => c.references('citations.id').onDelete('set null'))
    .addColumn('revision_id', 'integer')
    .addUniqueConstraint('research_inbox_page_pmid', ['page_id', 'pmid'])
    .execute();
  await db.schema.createIndex('research_inbox_status').on('research_inbox').columns(['status', 'found_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['research_inbox', 'research_queries', 'citation_http_cache', 'citation_flags', 'citation_formats']) {
    await db.schema.dropTable(table).execute();
  }
}
