import { type Kysely, sql } from 'kysely';

/**
 * The empty term's row in search_terms counts each scope's documents
 * (src/search/vocabulary.ts, EVERY_DOCUMENT); the indexer keeps it from now
 * on, and this fills it for an index built before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`insert into search_terms (term, display, page_docs, entry_docs)
    select '', '', coalesce(sum(case when scope = 'page' then 1 else 0 end), 0), coalesce(sum(case when scope = 'entry' then 1 else 0 end), 0)
    from search_documents having count(*) > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('search_terms').where('term', '=', '').execute();
}
