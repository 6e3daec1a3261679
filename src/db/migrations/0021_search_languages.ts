import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * Search: every document and synonym row has a language ('en' for all that
 * existed). The index is emptied, so the next start rebuilds it
 * (Search.ensureBuilt) with the published translations' documents and each
 * language's own folding (src/search/normalize.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('search_documents').addColumn('lang', 'text', (c) => c.notNull().defaultTo('en')).execute();
  await db.schema.alterTable('search_synonyms').addColumn('lang', 'text', (c) => c.notNull().defaultTo('en')).execute();
  // Whether any translated document exists, in one index probe (SQLite skips its language filter when none does).
  await sql`create index search_documents_translated on search_documents (lang) where lang <> 'en'`.execute(db);
  if (dialectOf(db) !== 'postgres') await recreateFts(db, "'L* N* Co M*'");
  await db.deleteFrom('search_documents').execute();
  await db.deleteFrom('search_terms').execute();
  await db.updateTable('search_state').set({ generation: sql`generation + 1` }).where('id', '=', 1).execute();
}

/**
 * SQLite: the FTS5 tables again, empty, now also counting marks as parts of a
 * word (Thai vowels, Devanagari signs stay inside their word, as
 * normalize.ts keeps them): a term is then always one FTS5 token.
 */
async function recreateFts(db: Kysely<any>, categories: string): Promise<void> {
  const tokenize = sql.lit(`unicode61 remove_diacritics 0 categories ${categories}`);
  await sql`drop table search_fts_pages`.execute(db);
  await sql`drop table search_fts_entries`.execute(db);
  await sql`create virtual table search_fts_pages using fts5(title, heading, links, body, content='', contentless_delete=1, tokenize=${tokenize})`.execute(db);
  await sql`create virtual table search_fts_entries using fts5(body, source, content='', contentless_delete=1, tokenize=${tokenize}, detail=column)`.execute(db);
  // The column weights of 0002.
  await sql`insert into search_fts_pages(search_fts_pages, rank) values ('rank', 'bm25(10.0, 5.0, 3.0, 1.0)')`.execute(db);
  await sql`insert into search_fts_entries(search_fts_entries, rank) values ('rank', 'bm25(1.0, 0.7)')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index search_documents_translated`.execute(db);
  if (dialectOf(db) !== 'postgres') await recreateFts(db, "'L* N* Co'");
  await db.schema.alterTable('search_synonyms').dropColumn('lang').execute();
  await db.schema.alterTable('search_documents').dropColumn('lang').execute();
}
