import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MatchExpression, MatchOptions, MatchRow, PreparedDocument, SearchBackend, TermInfo, VocabularyReader } from './backend.js';
import { TermIndex } from './term-index.js';

/** Rows per multi-row INSERT (well under SQLite's 32,766 bound parameters). */
const BATCH = 400;

/**
 * SQLite: two contentless FTS5 tables (search_fts_pages, search_fts_entries)
 * whose rowid is search_documents.id, ranked by bm25 with column weights set
 * in the migration; the vocabulary is held in memory per index generation.
 */
export function createSqliteBackend(): SearchBackend {
  let cached: { generation: number; index: Promise<TermIndex> } | undefined;

  return {
    dialect: 'sqlite',

    async reserveIds(tx, count) {
      // SQLite has one writer at a time, so the highest id cannot move under us.
      const row = await sql<{ next: number }>`select coalesce(max(seq), 0) + 1 as next from sqlite_sequence where name = 'search_documents'`.execute(tx);
      const max = await sql<{ top: number }>`select coalesce(max(id), 0) as top from search_documents`.execute(tx);
      const first = Math.max(Number(row.rows[0]?.next ?? 1), Number(max.rows[0]?.top ?? 0) + 1);
      return Array.from({ length: count }, (_, i) => first + i);
    },

    async insert(tx, docs) {
      for (let i = 0; i < docs.length; i += BATCH) {
        const batch = docs.slice(i, i + BATCH);
        await tx.insertInto('search_documents').values(batch.map(toRow)).execute();
        const pages = batch.filter((d) => d.scope === 'page');
        const entries = batch.filter((d) => d.scope === 'entry');
        if (pages.length) {
          await sql`insert into search_fts_pages(rowid, title, heading, links, body) values ${sql.join(
            pages.map((d) => sql`(${d.id}, ${d.index.title}, ${d.index.heading}, ${d.index.links}, ${d.index.body})`),
          )}`.execute(tx);
        }
        if (entries.length) {
          await sql`insert into search_fts_entries(rowid, body, source) values ${sql.join(
            entries.map((d) => sql`(${d.id}, ${d.index.body}, ${d.index.source})`),
          )}`.execute(tx);
        }
      }
    },

    async remove(tx, ids) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const batch = ids.slice(i, i + BATCH);
        await sql`delete from search_fts_pages where rowid in (${sql.join(batch)})`.execute(tx);
        await sql`delete from search_fts_entries where rowid in (${sql.join(batch)})`.execute(tx);
        await tx.deleteFrom('search_documents').where('id', 'in', batch).execute();
      }
    },

    async removeAll(tx) {
      await sql`insert into search_fts_pages(search_fts_pages) values ('delete-all')`.execute(tx);
      await sql`insert into search_fts_entries(search_fts_entries) values ('delete-all')`.execute(tx);
      await tx.deleteFrom('search_documents').execute();
    },

    async match(db, expression, options) {
      const table = options.scope === 'page' ? sql.table('search_fts_pages') : sql.table('search_fts_entries');
      const filters = filterSql(options);
      const ranked = options.order === 'rank';
      // Newest-first skips bm25 altogether: computing it reads every returned row's length.
      const order = ranked ? sql`order by rank` : sql`order by ${table}.rowid desc`;
      const join = filters ? sql`join search_documents f on f.id = ${table}.rowid` : sql``;
      // The best matches first (inner query), then only their rows are read.
      const result = await sql<MatchRow & { rank: number }>`
        select d.id, m.rank, d.page_id, d.scope, d.kind, d.anchor, d.year, d.heading, d.field_terms
        from (
          select ${table}.rowid as id, ${ranked ? sql`rank` : sql`0 as rank`} from ${table} ${join}
          where ${table} match ${ftsQuery(expression)} ${filters ?? sql``}
          ${order} limit ${options.limit}
        ) m join search_documents d on d.id = m.id`.execute(db);
      // bm25 is negative in FTS5 (more negative = better); flip it so higher is better everywhere.
      for (const r of result.rows) r.score = -r.rank;
      return result.rows;
    },

    vocabulary(db, generation): VocabularyReader {
      if (cached?.generation !== generation) {
        const index = loadTerms(db).then((rows) => new TermIndex(rows));
        // A failed load must not stick: the next search tries again.
        index.catch(() => {
          if (cached?.index === index) cached = undefined;
        });
        cached = { generation, index };
      }
      const index = cached.index;
      return {
        counts: async (terms) => (await index).counts(terms),
        near: async (term, max, limit) => (await index).near(term, max, limit),
        withPrefix: async (prefix, limit) => (await index).withPrefix(prefix, limit),
      };
    },

    async optimize(db) {
      await sql`insert into search_fts_pages(search_fts_pages) values ('optimize')`.execute(db);
      await sql`insert into search_fts_entries(search_fts_entries) values ('optimize')`.execute(db);
    },

    async sizes(db) {
      const result = await sql<{ part: string; bytes: number }>`
        select m.tbl_name as part, sum(d.pgsize) as bytes
        from dbstat d join sqlite_master m on m.name = d.name
        where m.tbl_name like 'search%'
        group by m.tbl_name order by m.tbl_name`.execute(db);
      return Object.fromEntries(result.rows.map((r) => [r.part, Number(r.bytes)]));
    },
  };
}

async function loadTerms(db: Db): Promise<TermInfo[]> {
  const rows = await db.selectFrom('search_terms').select(['term', 'display', 'page_docs', 'entry_docs']).execute();
  return rows.map((r) => ({ term: r.term, display: r.display, pageDocs: Number(r.page_docs), entryDocs: Number(r.entry_docs) }));
}

function toRow(d: PreparedDocument) {
  return {
    id: d.id, page_id: d.pageId, scope: d.scope, kind: d.kind, anchor: d.anchor, year: d.year,
    title: d.title, heading: d.heading, links: d.links, field_terms: fieldTermsOf(d), body: d.body, source: d.source,
  };
}

/** Page documents keep the terms of each field (title, heading, links, text) for ranking; digests need none. */
export function fieldTermsOf(d: PreparedDocument): string {
  return d.scope === 'page' ? [d.index.title, d.index.heading, d.index.links, d.index.body].join('\n') : '';
}

/** The expression in FTS5 syntax: every term double-quoted, so it is only ever a string to look up. */
export function ftsQuery(expression: MatchExpression): string {
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return expression
    .map((group) => `(${group.map((alt) => (alt.length === 1 ? quote(alt[0]!) : `(${alt.map(quote).join(' AND ')})`)).join(' OR ')})`)
    .join(' AND ');
}

function filterSql(options: MatchOptions): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = [];
  if (options.kinds?.length) parts.push(sql`f.kind in (${sql.join(options.kinds)})`);
  if (options.yearFrom !== undefined) parts.push(sql`f.year >= ${options.yearFrom}`);
  if (options.yearTo !== undefined) parts.push(sql`f.year <= ${options.yearTo}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : null;
}

