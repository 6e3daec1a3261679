import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { MatchExpression, MatchOptions, MatchRequest, MatchRow, PreparedDocument, SearchBackend } from './backend.js';
import type { DocumentScope } from './documents.js';
import { fieldTermsOf } from './sqlite-backend.js';
import { generationVocabulary } from './term-index.js';

/** Rows per multi-row INSERT (each row binds 16 parameters; PostgreSQL allows 65,535). */
const BATCH = 400;
/** ts_rank weights {D, C, B, A}: body text, linked titles, headings, titles. */
const WEIGHTS = sql.lit('{0.1, 0.3, 0.5, 1.0}');

/**
 * PostgreSQL: a weighted tsvector per document (title A > heading B > linked
 * titles C > text D) in the `atoz_search` configuration (simple + unaccent),
 * one partial GIN index per scope. The vocabulary is held in memory per index
 * generation, as on SQLite (term-index.ts): every search reads the generation,
 * so any number of servers agree, and planning a query (counts, typos,
 * completions) costs no round trip.
 */
export function createPostgresBackend(): SearchBackend {
  return {
    dialect: 'postgres',

    async reserveIds(tx, count) {
      if (!count) return [];
      const result = await sql<{ id: number }>`
        select nextval(pg_get_serial_sequence('search_documents', 'id'))::int as id from generate_series(1, ${count})`.execute(tx);
      return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    },

    async insert(tx, docs) {
      for (let i = 0; i < docs.length; i += BATCH) {
        const rows = docs.slice(i, i + BATCH).map(
          (d) => sql`(${d.id}, ${d.pageId}, ${d.scope}, ${d.kind}, ${d.lang ?? 'en'}, ${d.anchor}, ${d.title}, ${d.heading}, ${d.links}, ${fieldTermsOf(d)}, ${d.body}, ${d.source}, ${d.year}, ${tsvector(d)})`,
        );
        await sql`insert into search_documents (id, page_id, scope, kind, lang, anchor, title, heading, links, field_terms, body, source, year, tsv) values ${sql.join(rows)}`.execute(tx);
      }
    },

    async remove(tx, ids) {
      for (let i = 0; i < ids.length; i += 5000) await tx.deleteFrom('search_documents').where('id', 'in', ids.slice(i, i + 5000)).execute();
    },

    async removeAll(tx) {
      await tx.deleteFrom('search_documents').execute();
    },

    async match(db, requests) {
      const first = await matchEachScope(db, requests);
      // A span that held fewer than `limit` matches says nothing of older ones: ask those again over every match.
      const short = requests.flatMap((r, i) => (r.options.span && first.rows[i]!.length < r.options.limit ? [i] : []));
      if (!short.length) return first;
      const again = await matchOnce(db, short.map((i) => ({ ...requests[i]!, options: { ...requests[i]!.options, scan: 'all-matches', span: undefined } })));
      short.forEach((i, k) => (first.rows[i] = again.rows[k]!));
      // Two statements, two snapshots: report the later generation, so a search that planned on the earlier one runs again.
      return { rows: first.rows, generation: Math.max(first.generation, again.generation) };
    },

    vocabulary: generationVocabulary(),

    async optimize(db) {
      // VACUUM also moves GIN's pending entries into the index proper (bulk inserts leave many there).
      await sql`vacuum (analyze) search_documents`.execute(db);
      await sql`vacuum (analyze) search_terms`.execute(db);
    },

    async sizes(db) {
      const result = await sql<{ part: string; bytes: string }>`
        select c.relname as part, pg_total_relation_size(c.oid) as bytes from pg_class c
        where c.relname in ('search_documents', 'search_terms', 'search_synonyms', 'search_state') and c.relkind = 'r'
        order by c.relname`.execute(db);
      return Object.fromEntries(result.rows.map((r) => [r.part, Number(r.bytes)]));
    },
  };
}

/**
 * Pages and digests are asked in two statements at once, on two connections:
 * the server works on both together, so a search waits for the slower
 * rather than for both in turn (they are of similar cost when a word is
 * common). Each statement reports the generation it saw; the later stands.
 */
async function matchEachScope(db: Db, requests: MatchRequest[]): Promise<{ rows: MatchRow[][]; generation: number }> {
  const byScope = (scope: DocumentScope) => requests.flatMap((r, i) => (r.options.scope === scope ? [i] : []));
  const groups = [byScope('page'), byScope('entry')].filter((g) => g.length);
  if (groups.length < 2) return matchOnce(db, requests);
  const answers = await Promise.all(groups.map((g) => matchOnce(db, g.map((i) => requests[i]!))));
  const rows: MatchRow[][] = requests.map(() => []);
  groups.forEach((g, k) => g.forEach((i, j) => (rows[i] = answers[k]!.rows[j]!)));
  return { rows, generation: Math.max(...answers.map((a) => a.generation)) };
}

/** Every request in one statement (one round trip); each keeps its own order and limit. */
async function matchOnce(db: Db, requests: MatchRequest[]): Promise<{ rows: MatchRow[][]; generation: number }> {
  const parts = requests.map(({ expression, options }, i) => {
    // The scope is a literal so the planner can use that scope's partial GIN index.
    const scope = options.scope === 'page' ? sql`scope = 'page'` : sql`scope = 'entry'`;
    const ranked = options.order === 'rank';
    const span = options.scan === 'newest-span' ? options.span : undefined;
    // The word index is on the words and the document's id span (migration 0027), so a match that
    // should use it says so in that form; reading newest first checks each row's own words instead.
    const words = options.scan === 'newest-first' ? sql`tsv @@ q` : sql`(tsv || atoz_id_span(id)) @@ ${span ? sql`(q && ${idSpans(span.above, span.newest)}::tsquery)` : sql`q`}`;
    const matches = sql`select ${sql.lit(i)} as request, id, ${ranked ? sql`ts_rank(${WEIGHTS}, tsv, q, 1)` : sql`0::real`} as score, page_id, scope, kind, lang, anchor, year, heading, field_terms
      from search_documents, to_tsquery('atoz_search', ${tsQuery(expression)}) q
      where ${scope} and ${words} ${filterSql(options)}`;
    if (ranked) return sql`(${matches} order by score desc, page_id desc, id desc limit ${options.limit})`;
    // OFFSET 0 keeps the planner from walking the primary key newest first (see MatchOptions.scan).
    if (options.scan === 'all-matches') return sql`(select * from (${matches} offset 0) m order by id desc limit ${options.limit})`;
    if (span) return sql`(select * from (${matches} and id > ${span.above} offset 0) m order by id desc limit ${options.limit})`;
    // Newest first, within the ids where `limit` matches likely are: the planner then walks that range of the primary key.
    if (options.scan === 'newest-first' && options.span) return sql`(${matches} and id > ${options.span.above} order by id desc limit ${options.limit})`;
    return sql`(${matches} order by id desc limit ${options.limit})`;
  });
  // And the index generation, as the same snapshot sees it (request -1, in the id column).
  parts.push(sql`(select -1 as request, generation as id, 0::real as score, 0 as page_id, 'page' as scope, 'page' as kind, 'en' as lang, null::text as anchor, null::integer as year, '' as heading, '' as field_terms from search_state where id = 1)`);
  const result = await sql<MatchRow & { request: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const out: MatchRow[][] = requests.map(() => []);
  let generation = 0;
  for (const r of result.rows) {
    if (r.request < 0) {
      generation = Number(r.id);
      continue;
    }
    out[r.request]!.push({
      id: Number(r.id), score: Number(r.score), page_id: Number(r.page_id), scope: r.scope, kind: r.kind, lang: r.lang,
      anchor: r.anchor, year: r.year === null ? null : Number(r.year), heading: r.heading, field_terms: r.field_terms,
    });
  }
  // UNION ALL promises no order across its parts: restore each request's own.
  requests.forEach(({ options }, i) => out[i]!.sort(options.order === 'rank' ? byRank : byNewest));
  return { rows: out, generation };
}

/** The widths of id spans in the word index (migration 0027), as powers of two, widest first. */
const SPAN_WIDTHS = [20, 18, 16, 14, 12];

/**
 * The spans, of one width, holding the ids from above `above` to `newest`
 * and one span past it, as a tsquery. The width is the widest that still
 * takes four spans, so the lowest, which reaches below `above`, adds at most
 * a quarter more. Ids past `newest` belong to documents indexed since the
 * search planned, which come with a new generation, and the search runs
 * again; the span past it only spares that second run when they land close.
 */
export function idSpans(above: number, newest: number): string {
  const ids = Math.max(1, newest - above);
  const width = SPAN_WIDTHS.find((w) => 2 ** w * 4 <= ids) ?? SPAN_WIDTHS.at(-1)!;
  const spans: string[] = [];
  for (let n = Math.floor((above + 1) / 2 ** width); n <= Math.floor(newest / 2 ** width) + 1; n++) spans.push(`'~${width}.${n}'`);
  return spans.join(' | ');
}

function tsvector(d: PreparedDocument): RawBuilder<unknown> {
  const part = (text: string, weight: 'A' | 'B' | 'C' | 'D') => sql`setweight(to_tsvector('atoz_search', ${text}), ${sql.lit(weight)})`;
  return d.scope === 'page'
    ? sql`${part(d.index.title, 'A')} || ${part(d.index.heading, 'B')} || ${part(d.index.links, 'C')} || ${part(d.index.body, 'D')}`
    : sql`${part(d.index.body, 'C')} || ${part(d.index.source, 'D')}`;
}

/** The expression in to_tsquery syntax; terms are letters, digits and marks, so they cannot carry operators. */
export function tsQuery(expression: MatchExpression): string {
  return expression.map((group) => `(${group.map((alt) => `(${alt.join(' & ')})`).join(' | ')})`).join(' & ');
}

function byRank(a: MatchRow, b: MatchRow): number {
  return b.score - a.score || b.page_id - a.page_id || b.id - a.id;
}

function byNewest(a: MatchRow, b: MatchRow): number {
  return b.id - a.id;
}

function filterSql(options: MatchOptions): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`lang in (${sql.join([...options.langs])})`];
  if (options.kinds?.length) parts.push(sql`kind in (${sql.join(options.kinds)})`);
  if (options.yearFrom !== undefined) parts.push(sql`year >= ${options.yearFrom}`);
  if (options.yearTo !== undefined) parts.push(sql`year <= ${options.yearTo}`);
  return sql`and ${sql.join(parts, sql` and `)}`;
}
