import { type Kysely, sql } from 'kysely';
import { dialectOf, withId } from '../dialect.js';

/**
 * Search beside the directory (src/search/records.ts): forum posts and
 * stories, one row per record a reader may find, written in the transaction
 * that publishes, edits or takes the record down. The text is indexed the
 * way the directory's is (src/search/normalize.ts): an FTS5 table on
 * SQLite, a weighted tsvector with a GIN index on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await withId(db, db.schema.createTable('search_records'))
    // "forum-post", "story": which domain's record; ref_id is its id there.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('en'))
    .addUniqueConstraint('search_records_source_ref', ['source', 'ref_id'])
    .execute();
  if (postgres) {
    await sql`alter table search_records add column tsv tsvector not null default ''::tsvector`.execute(db);
    await sql`create index search_records_tsv on search_records using gin (tsv)`.execute(db);
  } else {
    // Contentless: the text lives in the record's own table; the rowid is search_records.id. Same tokenizer as 0021.
    await sql`create virtual table search_records_fts using fts5(title, body, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`.execute(db);
    await sql`insert into search_records_fts(search_records_fts, rank) values ('rank', 'bm25(5.0, 1.0)')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') await sql`drop table search_records_fts`.execute(db);
  await db.schema.dropTable('search_records').execute();
}
