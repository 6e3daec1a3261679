/**
 * Formatted citations kept in the database (citation_formats), because citeproc
 * needs 2–8 ms per record: formatted once at import, loaded into memory at
 * start, so no reader's first page view waits for citeproc.
 */
import type { Db, Tx } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { CitationFormatter, FormattedCitation, FormattedCitationCache } from './format.js';
import type { CitationRecord } from './record.js';
import { recordFromRow } from './stored-record.js';

/** Formats `records` with each formatter (through its cache) and stores the results. Run inside the import's transaction. */
export async function storeFormats(executor: Db | Tx, formatters: readonly CitationFormatter[], records: readonly CitationRecord[]): Promise<void> {
  const rows = formatters.flatMap((f) => records.map((record) => formatRow(f, record)));
  await upsertRows(executor, rows);
}

export interface WarmReport {
  style: string;
  /** Rows read from the table into memory. */
  loaded: number;
  /** Citations that had no stored formatting and went through citeproc now. */
  formatted: number;
  /** Stored rows that no longer match any citation (changed or deleted records), removed. */
  pruned: number;
  ms: number;
}

/**
 * Start-up's share: at most `limit` stored formattings of the style into
 * `cache` (as many as it holds), so the time to start does not grow with the
 * directory. Formatting what is missing and pruning is the job's (warm below).
 */
export async function loadStoredFormats(db: Db, style: string, cache: FormattedCitationCache, limit: number): Promise<number> {
  const rows = await db.selectFrom('citation_formats').select(['cache_key', 'html', 'text']).where('style', '=', style).limit(limit).execute();
  for (const row of rows) cache.set(row.cache_key, { html: row.html, text: row.text });
  return rows.length;
}

/**
 * Loads every stored formatting of the formatter's style into `cache`, formats
 * and stores the citations that have none, and removes rows for records that
 * changed. Safe to run on several servers at once (upserts, idempotent).
 */
export async function warmStoredFormats(db: Db, formatter: CitationFormatter, cache: FormattedCitationCache): Promise<WarmReport> {
  const started = performance.now();
  const [stored, citations] = await Promise.all([
    db.selectFrom('citation_formats').select(['cache_key', 'html', 'text']).where('style', '=', formatter.style).execute(),
    db.selectFrom('citations').selectAll().execute(),
  ]);
  const storedKeys = new Set<string>();
  for (const row of stored) {
    cache.set(row.cache_key, { html: row.html, text: row.text });
    storedKeys.add(row.cache_key);
  }
  const wanted = new Set<string>();
  const missing: ReturnType<typeof formatRow>[] = [];
  for (const row of citations) {
    const record = recordFromRow(row);
    const key = formatter.cacheKey(record);
    wanted.add(key);
    if (!storedKeys.has(key)) missing.push(formatRow(formatter, record));
  }
  await upsertRows(db, missing);
  const stale = [...storedKeys].filter((key) => !wanted.has(key));
  for (let i = 0; i < stale.length; i += 500) {
    await db.deleteFrom('citation_formats').where('cache_key', 'in', stale.slice(i, i + 500)).execute();
  }
  return { style: formatter.style, loaded: stored.length, formatted: missing.length, pruned: stale.length, ms: Math.round(performance.now() - started) };
}

function formatRow(formatter: CitationFormatter, record: CitationRecord) {
  const formatted: FormattedCitation = { html: formatter.html(record), text: formatter.text(record) };
  return { cache_key: formatter.cacheKey(record), citation_key: record.key, style: formatter.style, ...formatted, created_at: nowIso() };
}

async function upsertRows(executor: Db | Tx, rows: ReturnType<typeof formatRow>[]): Promise<void> {
  // Small batches: SQLite allows at most 32,766 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 200) {
    await executor
      .insertInto('citation_formats')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.column('cache_key').doNothing())
      .execute();
  }
}
