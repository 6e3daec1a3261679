/**
 * Search beside the directory: records of other domains (forum posts,
 * stories) that readers find from the same search box, below the directory's
 * own results. A domain puts a record when it is published or edited and
 * removes it when it is taken down, in that change's transaction; the
 * index holds only what readers may see, and a domain still checks each
 * match against its own rules (members-only categories) before showing it.
 *
 * Matching is simpler than the directory's (src/search/search.ts): every
 * term of the query, the last one also as a prefix, folded and stemmed the
 * same way, ranked by BM25 (SQLite) or ts_rank (PostgreSQL), title first.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import { MAX_QUERY_WORDS } from './query.js';
import { indexText, terms } from './normalize.js';

export interface SearchRecord {
  title: string;
  /** Plain text or Markdown source: only its words are indexed. */
  body: string;
  lang: Lang;
}

export interface RecordMatch {
  refId: number;
}

/** At most this many matches are ranked for one query; a source says "more than" beyond it. */
export const RECORD_MATCH_LIMIT = 1000;

export type RecordIndex = ReturnType<typeof createRecordIndex>;

export function createRecordIndex(db: Db) {
  const postgres = dialectOf(db) === 'postgres';

  async function removeRows(tx: Tx | Db, source: string, refIds: readonly number[]): Promise<void> {
    if (!refIds.length) return;
    const rows = await tx.selectFrom('search_records').select('id').where('source', '=', source).where('ref_id', 'in', refIds).execute();
    if (!rows.length) return;
    const ids = rows.map((r) => r.id);
    if (!postgres) await sql`delete from search_records_fts where rowid in (${sql.join(ids)})`.execute(tx);
    await tx.deleteFrom('search_records').where('id', 'in', ids).execute();
  }

  return {
    /** Indexes a record (again, after an edit), replacing what was there. */
    async put(tx: Tx | Db, source: string, refId: number, record: SearchRecord): Promise<void> {
      await removeRows(tx, source, [refId]);
      const title = indexText(record.title, record.lang);
      const body = indexText(record.body, record.lang);
      if (postgres) {
        await tx
          .insertInto('search_records')
          .values({ source, ref_id: refId, lang: record.lang, tsv: sql`setweight(to_tsvector('atoz_search', ${title}), 'A') || setweight(to_tsvector('atoz_search', ${body}), 'D')` } as never)
          .execute();
        return;
      }
      const row = await tx.insertInto('search_records').values({ source, ref_id: refId, lang: record.lang }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into search_records_fts(rowid, title, body) values (${row.id}, ${title}, ${body})`.execute(tx);
    },

    /** Takes records out of search (hidden, withdrawn, deleted). */
    remove: removeRows,

    /** Empties the index (a copied database, whose rows arrive without their backend-specific words); each domain then indexes its records again. */
    async clear(executor: Tx | Db = db): Promise<void> {
      if (!postgres) await sql`insert into search_records_fts(search_records_fts) values ('delete-all')`.execute(executor);
      await executor.deleteFrom('search_records').execute();
    },

    /**
     * The records of one source holding every term of `text`, best first (up to RECORD_MATCH_LIMIT).
     * The terms are worked out in the reader's language and in English (records of no set language
     * are indexed as English), and a record matching either way is found.
     * Empty when the text has no terms (only stop words, say).
     */
    async match(source: string, text: string, lang: Lang): Promise<RecordMatch[]> {
      const prefixed = /[\p{L}\p{N}]$/u.test(text.trim());
      const inLang = terms(text, lang).slice(0, MAX_QUERY_WORDS);
      const inEnglish = terms(text, SOURCE_LANG).slice(0, MAX_QUERY_WORDS);
      const readings = [inLang, ...(inEnglish.join(' ') === inLang.join(' ') ? [] : [inEnglish])].filter((words) => words.length);
      if (!readings.length) return [];
      if (postgres) {
        const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
        const query = readings.map((words) => `(${words.map((w, i) => (i === words.length - 1 && prefixed ? `${quote(w)}:*` : quote(w))).join(' & ')})`).join(' | ');
        const rows = await sql<{ ref_id: number }>`
          select ref_id from search_records, to_tsquery('atoz_search', ${query}) q
          where source = ${source} and tsv @@ q
          order by ts_rank(tsv, q) desc, ref_id desc
          limit ${RECORD_MATCH_LIMIT}`.execute(db);
        return rows.rows.map((r) => ({ refId: r.ref_id }));
      }
      const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
      const query = readings.map((words) => `(${words.map((w, i) => (i === words.length - 1 && prefixed ? `${quote(w)}*` : quote(w))).join(' AND ')})`).join(' OR ');
      const rows = await sql<{ ref_id: number }>`
        select r.ref_id from search_records_fts f join search_records r on r.id = f.rowid
        where search_records_fts match ${query} and r.source = ${source}
        order by f.rank, r.ref_id desc
        limit ${RECORD_MATCH_LIMIT}`.execute(db);
      return rows.rows.map((r) => ({ refId: r.ref_id }));
    },

    /** Terms of a query in the reader's language and in English, for marking matched words in snippets. */
    termsOf: (text: string, lang: Lang): Set<string> => new Set([lang, SOURCE_LANG].flatMap((l) => terms(text, l).slice(0, MAX_QUERY_WORDS))),
  };
}
