import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MatchExpression, MatchOptions, MatchRow, PreparedDocument, SearchBackend } from './backend.js';
import { generationVocabulary } from './term-index.js';

/** Rows per multi-row INSERT (well under SQLite's 32,766 bound parameters). */
const BATCH = 400;

/**
 * SQLite: two contentless FTS5 tables (search_fts_pages, search_fts_entries)
 * whose rowid is search_documents.id, ranked by bm25 with column weights set
 * in the migration; the vocabulary is held in memory per index generation (term-index.ts).
 */
export function createSqliteBackend(): SearchBackend {
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

    async match(db, requests) {
      // One statement per request: SQLite runs in this process, so there is no round trip to save.
      const rows: MatchRow[][] = [];
      // With no translated document in the index, every document is English: a search that takes English needs no language filter.
      const translated = requests.length ? Number((await sql<{ t: number }>`select exists(select 1 from search_documents where lang <> 'en') as t`.execute(db)).rows[0]?.t ?? 1) === 1 : true;
      for (const { expression, options } of requests) rows.push(await matchOne(db, expression, options, translated));
      const state = await db.selectFrom('search_state').select('generation').where('id', '=', 1).executeTakeFirst();
      return { rows, generation: Number(state?.generation ?? 0) };
    },

    vocabulary: generationVocabulary(),

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

/** The best (or newest) matches of one scope. */
async function matchOne(db: Db, expression: MatchExpression, options: MatchOptions, translated: boolean): Promise<MatchRow[]> {
  const table = options.scope === 'page' ? sql.table('search_fts_pages') : sql.table('search_fts_entries');
  const filters = filterSql(options, translated || !options.langs.includes('en'));
  const ranked = options.order === 'rank';
  // Newest-first skips bm25 altogether: computing it reads every returned row's length.
  // options.scan and options.span are hints for PostgreSQL's planner: FTS5 reads a newest-first doclist one way.
  const order = ranked ? sql`order by rank` : sql`order by ${table}.rowid desc`;
  // Filters read search_documents (a primary-key look-up per match), only when there are any.
  const join = filters ? sql`join search_documents f on f.id = ${table}.rowid` : sql``;
  // The best matches first (inner query), then only their rows are read.
  const result = await sql<MatchRow & { rank: number }>`
    select d.id, m.rank, d.page_id, d.scope, d.kind, d.lang, d.anchor, d.year, d.heading, d.field_terms
    from (
      select ${table}.rowid as id, ${ranked ? sql`rank` : sql`0 as rank`} from ${table} ${join}
      where ${table} match ${ftsQuery(expression)} ${filters ?? sql``}
      ${order} limit ${options.limit}
    ) m join search_documents d on d.id = m.id`.execute(db);
  // bm25 is negative in FTS5 (more negative = better); flip it so higher is better everywhere.
  for (const r of result.rows) r.score = -r.rank;
  return result.rows;
}

function toRow(d: PreparedDocument) {
  return {
    id: d.id, page_id: d.pageId, scope: d.scope, kind: d.kind, lang: d.lang ?? 'en', anchor: d.anchor, year: d.year,
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

function filterSql(options: MatchOptions, byLanguage: boolean): RawBuilder<unknown> | null {
  const parts: RawBuilder<unknown>[] = byLanguage ? [sql`f.lang in (${sql.join([...options.langs])})`] : [];
  if (options.kinds?.length) parts.push(sql`f.kind in (${sql.join(options.kinds)})`);
  if (options.yearFrom !== undefined) parts.push(sql`f.year >= ${options.yearFrom}`);
  if (options.yearTo !== undefined) parts.push(sql`f.year <= ${options.yearTo}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : null;
}

