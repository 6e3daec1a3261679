import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

/**
 * Search: the indexed documents, the vocabulary (for typo correction and
 * prefix suggestions), the curated synonym table and an index generation
 * counter; plus each backend's own full-text index (SQLite FTS5 tables, or a
 * weighted tsvector column with GIN indexes, unaccent and pg_trgm on
 * PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';

  await withId(db, db.schema.createTable('search_documents'))
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('page', 'entry')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('page', 'section', 'summary', 'research', 'news')`))
    .addColumn('anchor', 'text')
    .addColumn('year', 'integer')
    .addColumn('heading', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('field_terms', 'text', (c) => c.notNull().defaultTo(''))
    // Long text last: SQLite reads a row's columns in order, so ranking never pays for digest text.
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('search_documents_page').on('search_documents').column('page_id').execute();

  await db.schema
    .createTable('search_terms')
    // Byte order on PostgreSQL, so a prefix range (term >= 'scler' and term < 'sclet') uses the primary key.
    .addColumn('term', postgres ? sql`text collate "C"` : 'text', (c) => c.primaryKey())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('page_docs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entry_docs', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(db, db.schema.createTable('search_synonyms'))
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_synonyms_group_term', ['group_id', 'term'])
    .execute();

  await db.schema
    .createTable('search_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('search_state').values({ id: 1, generation: 1 }).execute();

  if (postgres) {
    await sql`create extension if not exists unaccent`.execute(db);
    await sql`create extension if not exists pg_trgm`.execute(db);
    // Terms arrive already folded by src/search/normalize.ts; unaccent is the second wall for anything it missed.
    await sql`create text search configuration atoz_search (copy = simple)`.execute(db);
    await sql`alter text search configuration atoz_search alter mapping for hword, hword_part, word with unaccent, simple`.execute(db);
    await sql`alter table search_documents add column tsv tsvector not null default ''::tsvector`.execute(db);
    // One GIN index per scope, so digests never crowd out titles and headings.
    await sql`create index search_documents_tsv_page on search_documents using gin (tsv) where scope = 'page'`.execute(db);
    await sql`create index search_documents_tsv_entry on search_documents using gin (tsv) where scope = 'entry'`.execute(db);
    await sql`create index search_terms_trgm on search_terms using gin (term gin_trgm_ops)`.execute(db);
  } else {
    // Contentless: the text lives once, in search_documents; FTS5 keeps only the index.
    await sql`create virtual table search_fts_pages using fts5(title, heading, links, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
    await sql`create virtual table search_fts_entries using fts5(body, source, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0', detail=column)`.execute(db);
    // Column weights: title > heading > linked-page titles > summary text; a digest's text > its source.
    await sql`insert into search_fts_pages(search_fts_pages, rank) values ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)')`.execute(db);
    await sql`insert into search_fts_entries(search_fts_entries, rank) values ('rank', 'bm25(1.0, 0.7)')`.execute(db);
  }

  // The vocabulary readers use (seed list of the demo directory); editors add groups later.
  const rows = SEED_SYNONYMS.flatMap((terms, i) => terms.map((term) => ({ group_id: i + 1, term })));
  await db.insertInto('search_synonyms').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.schema.dropTable('search_documents').execute();
    await sql`drop text search configuration if exists atoz_search`.execute(db);
  } else {
    await sql`drop table search_fts_pages`.execute(db);
    await sql`drop table search_fts_entries`.execute(db);
    await db.schema.dropTable('search_documents').execute();
  }
  for (const table of ['search_state', 'search_synonyms', 'search_terms']) await db.schema.dropTable(table).execute();
}

/** Each line one group of terms that mean the same to our readers. */
const SEED_SYNONYMS: string[][] = [
  ['SSc', 'systemic sclerosis', 'scleroderma'],
  ['dcSSc', 'dSSc', 'diffuse cutaneous SSc', 'diffuse cutaneous'],
  ['lcSSc', 'lSSc', 'limited cutaneous SSc', 'limited cutaneous'],
  ['CREST', 'CRST'],
  ['RP', "Raynaud's phenomenon", "Raynaud's", 'Raynauds', "Reynaud's"],
  ['TGF-beta', 'TGFβ', 'TGFbeta'],
  ['TNF-alpha', 'TNF-α', 'TNFalpha'],
  ['NK cells', 'natural killer cells'],
  ['AGEs', 'advanced glycation endproducts', 'advanced glycation end products'],
  ['amalgam', 'mercury fillings'],
  ['celiac', 'coeliac'],
  ['Sjögren', 'Sjogren', 'Sjoegren'],
  ['vitamin D', 'vit D', 'cholecalciferol'],
];
