import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * PostgreSQL: each scope's word index also holds which spans of document ids
 * a document is in, at five widths (4,096 to 1,048,576 ids: lexemes "~12.N"
 * to "~20.N", which no reader's word can be, as terms are [a-z0-9]+), so
 * "these words among the newest ids" is one GIN look-up that reads only the
 * rows it returns (MatchOptions 'newest-span'). A search names a few spans
 * of one width: GIN then walks whichever is shorter, the rarest word's
 * postings or the spans'. A B-tree range ANDed with the word index would do
 * the same, but the planner prefers walking the range row by row, which at a
 * million digests reads tens of thousands. The tsvector itself is unchanged,
 * so ts_rank is too. SQLite needs nothing: FTS5 is not planned.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`create function atoz_id_span(id integer) returns tsvector language sql immutable parallel safe
    return array_to_tsvector(array['~12.' || (id >> 12), '~14.' || (id >> 14), '~16.' || (id >> 16), '~18.' || (id >> 18), '~20.' || (id >> 20)])`.execute(db);
  for (const scope of ['page', 'entry']) {
    await sql`create index ${sql.id(`search_documents_words_${scope}`)} on search_documents using gin ((tsv || atoz_id_span(id))) where scope = ${sql.lit(scope)}`.execute(db);
    await sql`drop index ${sql.id(`search_documents_tsv_${scope}`)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const scope of ['page', 'entry']) {
    await sql`create index ${sql.id(`search_documents_tsv_${scope}`)} on search_documents using gin (tsv) where scope = ${sql.lit(scope)}`.execute(db);
    await sql`drop index ${sql.id(`search_documents_words_${scope}`)}`.execute(db);
  }
  await sql`drop function atoz_id_span(integer)`.execute(db);
}
