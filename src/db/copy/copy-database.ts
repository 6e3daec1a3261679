import { existsSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { ConfigError } from '../../config.js';
import type { DatabaseHandle, Dialect } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from '../migrations/index.js';
import { waitForDatabase } from '../wait-for-database.js';
import { type TableChecksum, tableChecksum } from './checksum.js';
import { type TableInfo, dependencyOrder, introspect, tableNames } from './introspect.js';
import { type Location, openLocation, parseLocation, removeSqliteFile, sameLocation } from './location.js';
import { type Row, orderedRows } from './ordered-rows.js';

export type CopyProgress =
  | { kind: 'plan'; tables: Array<{ name: string; rows: number }>; totalRows: number }
  | { kind: 'rows'; table: string; tableCopied: number; tableRows: number; totalCopied: number; totalRows: number }
  | { kind: 'table-done'; table: string; rows: number }
  | { kind: 'verifying'; table: string };

export interface CopyOptions {
  from: string;
  to: string;
  /** Rows per read and per insert (fewer when a table is wide). Default 500. */
  batchSize?: number;
  onProgress?: (event: CopyProgress) => void;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: Array<{ name: string } & TableChecksum>;
  /** Tables of the source the target's schema does not have (backend-specific, e.g. SQLite full-text tables). */
  onlyInSource: string[];
  /** Tables only the target has; left as its migrations made them. */
  onlyInTarget: string[];
  totalRows: number;
  ms: number;
}

/** Copying was refused or failed; the message says what to do. The target is left empty. */
export class CopyError extends ConfigError {
  override name = 'CopyError';
}

/** Bound parameters per statement we stay under (SQLite allows 32766, PostgreSQL 65535). */
const MAX_PARAMETERS: Record<Dialect, number> = { sqlite: 30_000, postgres: 60_000 };

/**
 * Copies a whole atoz database into an empty one (SQLite → PostgreSQL or
 * back): migrates the target, copies table by table in dependency order in
 * batches, resets PostgreSQL sequences, then compares row counts and content
 * checksums of every table on both sides before committing. The source is
 * read in one snapshot; the target is written in one transaction, so it ends
 * up either a verified copy or empty.
 */
export async function copyDatabase(options: CopyOptions): Promise<CopyReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 500;
  const progress = options.onProgress ?? (() => {});
  const from = parseLocation(options.from);
  const to = parseLocation(options.to);
  if (sameLocation(from, to)) throw new CopyError(`--from and --to are the same database (${from.label})`);
  const targetFileExisted = to.kind === 'sqlite' && existsSync(to.target);

  const source = openLocation(from, 'source');
  let target: DatabaseHandle | undefined;
  let failed = false;
  try {
    await waitForDatabase(source, { totalMs: 5000, log: () => {}, urlName: '--from' });
    await checkSourceMigrations(source, from);
    target = openLocation(to, 'target');
    await waitForDatabase(target, { totalMs: 5000, log: () => {}, urlName: '--to' });
    const existing = await tableNames(target.db, target.dialect);
    if (existing.length) {
      throw new CopyError(
        `The target ${to.label} is not empty (it has tables: ${existing.slice(0, 8).join(', ')}${existing.length > 8 ? ', …' : ''}). ` +
          'copy-database only copies into an empty database: create a new one (createdb) or use a new file.',
      );
    }
    // Schema and rows in one transaction on one connection (both backends have transactional DDL):
    // a failure anywhere rolls the target back to empty, ready for another try.
    const report = await target.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        await migrateToLatest(conn, { inOpenTransaction: true });
        const copied = await copyAll(source, target!, conn as Kysely<any>, batchSize, progress);
        await sql`commit`.execute(conn);
        return copied;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {});
        throw error;
      }
    });
    return { ...report, from: from.label, to: to.label, ms: Math.round(performance.now() - started) };
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await source.close().catch(() => {});
    await target?.close().catch(() => {});
    // Never leave behind a SQLite file this copy created and did not fill.
    if (failed && to.kind === 'sqlite' && !targetFileExisted) removeSqliteFile(to.target);
  }
}

async function checkSourceMigrations(source: DatabaseHandle, from: Location): Promise<void> {
  const tables = await tableNames(source.db, source.dialect);
  if (!tables.includes('kysely_migration')) {
    throw new CopyError(`${from.label} is not an atoz database (it has no migration table${tables.length ? '' : '; it is empty'}).`);
  }
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(source.db);
  const applied = new Set(rows.map((r) => r.name));
  const known = Object.keys(migrations);
  const unknown = [...applied].filter((n) => !known.includes(n));
  const missing = known.filter((n) => !applied.has(n));
  if (unknown.length) {
    throw new CopyError(`${from.label} was written by a newer atoz (migrations ${unknown.join(', ')} are unknown here): upgrade this copy of atoz first.`);
  }
  if (missing.length) {
    throw new CopyError(
      `${from.label} is behind this version of atoz (missing migrations ${missing.join(', ')}): ` +
        'start this version of atoz on it once (npm start) so it is brought up to date, then copy.',
    );
  }
}

/** Copies every table; `ttx` is the target's open transaction, which the caller commits. */
async function copyAll(source: DatabaseHandle, target: DatabaseHandle, ttx: Kysely<any>, batchSize: number, progress: (e: CopyProgress) => void) {
  const [sourceTables, targetTables] = await Promise.all([introspect(source.db, source.dialect), introspect(ttx, target.dialect)]);
  const onlyInSource = [...sourceTables.keys()].filter((t) => !targetTables.has(t));
  const onlyInTarget = [...targetTables.keys()].filter((t) => !sourceTables.has(t));
  const plan = dependencyOrder([...targetTables.values()].filter((t) => sourceTables.has(t.name))).map((t) => {
    const s = sourceTables.get(t.name)!;
    if (s.keyColumns.join() !== t.keyColumns.join()) {
      throw new CopyError(`Table ${t.name} has primary key (${s.keyColumns.join(', ')}) in the source but (${t.keyColumns.join(', ')}) in the target`);
    }
    return { source: s, target: t, columns: t.columns.filter((c) => s.columns.includes(c)) };
  });

  // One snapshot of the source for the copy and its verification, even if atoz is still running on it.
  let snapshot = (source.db as Kysely<any>).transaction();
  if (source.dialect === 'postgres') snapshot = snapshot.setIsolationLevel('repeatable read').setAccessMode('read only');
  return snapshot.execute(async (stx) => {
    const counts = await Promise.all(plan.map(async (p) => countRows(stx, p.source.name)));
    const totalRows = counts.reduce((a, b) => a + b, 0);
    progress({ kind: 'plan', tables: plan.map((p, i) => ({ name: p.target.name, rows: counts[i]! })), totalRows });

    // Migrations may have seeded rows (content_state, …); the copy replaces them. Children first.
    for (const p of [...plan].reverse()) await ttx.deleteFrom(p.target.name).execute();
    let totalCopied = 0;
    for (const [i, p] of plan.entries()) {
      const tableRows = counts[i]!;
      let tableCopied = 0;
      const selfColumns = p.target.references.filter((r) => r.table === p.target.name).map((r) => r.column);
      const perInsert = Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMETERS[target.dialect] / Math.max(1, p.columns.length))));
      for await (const batch of orderedRows(stx, source.dialect, p.source, p.columns, perInsert)) {
        // A row may point at a row of its own table not copied yet (a page under a later page): those links come after.
        const values = batch.map((row) => toTargetRow(row, p.columns, selfColumns, target.dialect));
        await ttx.insertInto(p.target.name).values(values).execute();
        tableCopied += batch.length;
        totalCopied += batch.length;
        progress({ kind: 'rows', table: p.target.name, tableCopied, tableRows, totalCopied, totalRows });
      }
      if (selfColumns.length) await restoreSelfReferences(stx, ttx, source.dialect, p.source, selfColumns, perInsert);
      progress({ kind: 'table-done', table: p.target.name, rows: tableCopied });
    }
    if (target.dialect === 'postgres') await resetSequences(ttx, plan.map((p) => p.target));

    const tables: CopyReport['tables'] = [];
    const mismatches: string[] = [];
    for (const p of plan) {
      progress({ kind: 'verifying', table: p.target.name });
      const [s, t] = await Promise.all([
        tableChecksum(stx, source.dialect, p.source, p.columns),
        tableChecksum(ttx, target.dialect, p.target, p.columns),
      ]);
      if (s.rows !== t.rows || s.sha256 !== t.sha256) {
        mismatches.push(`  ${p.target.name}: source ${s.rows} rows (sha256 ${s.sha256.slice(0, 16)}…), target ${t.rows} rows (sha256 ${t.sha256.slice(0, 16)}…)`);
      }
      tables.push({ name: p.target.name, ...t });
    }
    if (mismatches.length) {
      throw new CopyError(`The copy does not match the source, so nothing was kept:\n${mismatches.join('\n')}`);
    }
    return { tables, onlyInSource, onlyInTarget, totalRows };
  });
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

/** A source row as the target's driver takes it (better-sqlite3 binds no booleans, dates or objects). */
function toTargetRow(row: Row, columns: string[], selfColumns: string[], dialect: Dialect): Row {
  const out: Row = {};
  for (const c of columns) {
    let v = selfColumns.includes(c) ? null : row[c];
    if (dialect === 'sqlite') {
      if (typeof v === 'boolean') v = v ? 1 : 0;
      else if (v instanceof Date) v = v.toISOString();
      else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) v = JSON.stringify(v);
    }
    out[c] = v;
  }
  return out;
}

/** Second pass for a table pointing at itself: now every row exists, set those columns. */
async function restoreSelfReferences(stx: Kysely<any>, ttx: Kysely<any>, dialect: Dialect, table: TableInfo, selfColumns: string[], batchSize: number): Promise<void> {
  for await (const batch of orderedRows(stx, dialect, table, [...new Set([...table.keyColumns, ...selfColumns])], batchSize)) {
    for (const row of batch) {
      const set = Object.fromEntries(selfColumns.filter((c) => row[c] !== null).map((c) => [c, row[c]]));
      if (!Object.keys(set).length) continue;
      let update = ttx.updateTable(table.name).set(set);
      for (const k of table.keyColumns) update = update.where(k, '=', row[k]);
      await update.execute();
    }
  }
}

/** Rows were inserted with their ids, so each sequence must continue after the largest id copied. */
async function resetSequences(ttx: Kysely<any>, tables: TableInfo[]): Promise<void> {
  for (const t of tables) {
    for (const c of t.sequenceColumns) {
      await sql`select setval(pg_get_serial_sequence(${`"${t.name.replace(/"/g, '""')}"`}, ${c}), coalesce(max(${sql.id(c)}), 0) + 1, false) from ${sql.table(t.name)}`.execute(ttx);
    }
  }
}
