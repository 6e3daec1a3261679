import { type RawBuilder, sql } from 'kysely';
import type { MatchExpression, MatchOptions, MatchRow, PreparedDocument, SearchBackend, TermInfo } from './backend.js';
import { editDistance } from './edit-distance.js';
import { fieldTermsOf } from './sqlite-backend.js';
import { byDistanceThenUse } from './term-index.js';

/** Rows per multi-row INSERT (each row binds 16 parameters; PostgreSQL allows 65,535). */
const BATCH = 400;
/** Trigram similarity a typo candidate needs; pg_trgm's default 0.3 misses slips in short words ("lupis"). */
const SIMILARITY = '0.2';
/** ts_rank weights {D, C, B, A}: body text, linked titles, headings, titles. */
const WEIGHTS = sql.lit('{0.1, 0.3, 0.5, 1.0}');

/**
 * PostgreSQL: a weighted tsvector per document (title A > heading B > linked
 * titles C > text D) in the `atoz_search` configuration (simple + unaccent),
 * one partial GIN index per scope, and pg_trgm over the vocabulary for typos.
 * Nothing is cached in the process, so any number of servers agree.
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
          (d) => sql`(${d.id}, ${d.pageId}, ${d.scope}, ${d.kind}, ${d.anchor}, ${d.title}, ${d.heading}, ${d.links}, ${fieldTermsOf(d)}, ${d.body}, ${d.source}, ${d.year}, ${tsvector(d)})`,
        );
        await sql`insert into search_documents (id, page_id, scope, kind, anchor, title, heading, links, field_terms, body, source, year, tsv) values ${sql.join(rows)}`.execute(tx);
      }
    },

    async remove(tx, ids) {
      for (let i = 0; i < ids.length; i += 5000) await tx.deleteFrom('search_documents').where('id', 'in', ids.slice(i, i + 5000)).execute();
    },

    async removeAll(tx) {
      await tx.deleteFrom('search_documents').execute();
    },

    async match(db, expression, options) {
      // The scope is a literal so the planner can use that scope's partial GIN index.
      const scope = options.scope === 'page' ? sql`scope = 'page'` : sql`scope = 'entry'`;
      const order = options.order === 'rank' ? sql`order by score desc, page_id desc, id desc` : sql`order by id desc`;
      const result = await sql<MatchRow>`
        select id, ${options.order === 'rank' ? sql`ts_rank(${WEIGHTS}, tsv, q, 1)` : sql`0`} as score, page_id, scope, kind, anchor, year, heading, field_terms
        from search_documents, to_tsquery('atoz_search', ${tsQuery(expression)}) q
        where ${scope} and tsv @@ q ${filterSql(options)}
        ${order} limit ${options.limit}`.execute(db);
      return result.rows.map((r): MatchRow => ({ ...r, id: Number(r.id), page_id: Number(r.page_id), year: r.year === null ? null : Number(r.year), score: Number(r.score) }));
    },

    vocabulary(db) {
      const toInfo = (r: { term: string; display: string; page_docs: number; entry_docs: number }): TermInfo => ({
        term: r.term, display: r.display, pageDocs: Number(r.page_docs), entryDocs: Number(r.entry_docs),
      });
      return {
        async counts(terms) {
          const out = new Map<string, TermInfo>();
          if (!terms.length) return out;
          const rows = await db.selectFrom('search_terms').select(['term', 'display', 'page_docs', 'entry_docs']).where('term', 'in', [...new Set(terms)]).execute();
          for (const r of rows) out.set(r.term, toInfo(r));
          return out;
        },
        async near(term, maxDistance, limit) {
          // The similarity bound is set for this transaction only, never for the pooled connection.
          const rows = await db.transaction().execute(async (tx) => {
            await sql`select set_config('pg_trgm.similarity_threshold', ${SIMILARITY}, true)`.execute(tx);
            const result = await sql<{ term: string; display: string; page_docs: number; entry_docs: number }>`
              select term, display, page_docs, entry_docs from search_terms
              where term % ${term} and length(term) between ${term.length - maxDistance} and ${term.length + maxDistance}
              order by similarity(term, ${term}) desc limit 200`.execute(tx);
            return result.rows;
          });
          return rows
            .filter((r) => r.term !== term)
            .map((r) => ({ ...toInfo(r), distance: editDistance(term, r.term, maxDistance) }))
            .filter((r) => r.distance <= maxDistance)
            .sort(byDistanceThenUse)
            .slice(0, limit);
        },
        async withPrefix(prefix, limit) {
          // Terms are [a-z0-9]; in byte order every term with the prefix sorts before prefix + '~'.
          const rows = await db
            .selectFrom('search_terms')
            .select(['term', 'display', 'page_docs', 'entry_docs'])
            .where('term', '>=', prefix)
            .where('term', '<', `${prefix}~`)
            .orderBy(sql`page_docs + entry_docs`, 'desc')
            .limit(limit)
            .execute();
          return rows.map(toInfo);
        },
      };
    },

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

function tsvector(d: PreparedDocument): RawBuilder<unknown> {
  const part = (text: string, weight: 'A' | 'B' | 'C' | 'D') => sql`setweight(to_tsvector('atoz_search', ${text}), ${sql.lit(weight)})`;
  return d.scope === 'page'
    ? sql`${part(d.index.title, 'A')} || ${part(d.index.heading, 'B')} || ${part(d.index.links, 'C')} || ${part(d.index.body, 'D')}`
    : sql`${part(d.index.body, 'C')} || ${part(d.index.source, 'D')}`;
}

/** The expression in to_tsquery syntax; terms are [a-z0-9]+, so they cannot carry operators. */
export function tsQuery(expression: MatchExpression): string {
  return expression.map((group) => `(${group.map((alt) => `(${alt.join(' & ')})`).join(' | ')})`).join(' & ');
}

function filterSql(options: MatchOptions): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (options.kinds?.length) parts.push(sql`kind in (${sql.join(options.kinds)})`);
  if (options.yearFrom !== undefined) parts.push(sql`year >= ${options.yearFrom}`);
  if (options.yearTo !== undefined) parts.push(sql`year <= ${options.yearTo}`);
  return parts.length ? sql`and ${sql.join(parts, sql` and `)}` : sql``;
}
