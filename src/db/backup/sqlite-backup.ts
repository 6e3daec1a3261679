import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { ConfigError } from '../../config.js';
import { type TableChecksum, tableChecksum } from '../copy/checksum.js';
import { introspect, tableNames } from '../copy/introspect.js';
import { migrations } from '../migrations/index.js';

export type BackupProgress = { kind: 'copy'; copiedPages: number; totalPages: number; pageSize: number } | { kind: 'verify' };

type TableReport = Array<{ name: string } & TableChecksum>;

export interface BackupReport {
  from: string;
  to: string;
  bytes: number;
  tables: TableReport;
  totalRows: number;
  /** The instant of the snapshot: the backup holds every save committed before it. */
  snapshotAt: string;
  ms: number;
}

export interface RestoreReport {
  from: string;
  to: string;
  /** Where the database it replaced was moved, or null when there was none. */
  keptAs: string | null;
  /** Things the operator should check, in sentences (a backup that is a plain copy of a live file). */
  warnings: string[];
  tables: TableReport;
  totalRows: number;
  ms: number;
}

/** A backup or restore was refused or failed; the message says why and what to do. Nothing was changed. */
export class BackupError extends ConfigError {
  override name = 'BackupError';
}

interface CommonOptions {
  onProgress?: (event: BackupProgress) => void;
  /** Pages copied per step (the event loop runs between steps). Default 1000 (4 MB). */
  pagesPerStep?: number;
}

/**
 * Copies a live SQLite database into a new single file, safely while atoz
 * runs and keeps saving. Copying atoz.sqlite with `cp` is not safe: the
 * newest saves live in atoz.sqlite-wal until a checkpoint moves them, so the
 * copy silently misses them. This uses SQLite's online backup API inside one
 * read transaction on the source: every page comes from the same snapshot,
 * which holds every save acknowledged before the backup started, while
 * writers carry on. The copy is then checked (integrity_check, and the row
 * count and content checksum of every table against the same snapshot),
 * made a self-contained file (no write-ahead log), flushed to disk, and only
 * then given its name: a backup that exists is a good one.
 */
export async function backupSqlite(options: { from: string; to: string } & CommonOptions): Promise<BackupReport> {
  const started = performance.now();
  const from = resolve(options.from);
  const to = resolve(options.to);
  if (!existsSync(from)) throw new BackupError(`There is no SQLite database at ${from}; nothing to back up.`);
  if (to === from || to.startsWith(`${from}-`)) throw new BackupError(`${to} is the live database itself (or one of its files): write the backup somewhere else.`);
  if (existsSync(to)) throw new BackupError(`${to} already exists: choose a new name (with the date in it, for example), or delete the old file first.`);
  if (!existsSync(dirname(to))) throw new BackupError(`The folder ${dirname(to)} does not exist; create it first.`);

  const partial = `${to}.partial`;
  removeSqliteFiles(partial);
  const source = openRaw(from, { readonly: false });
  try {
    await requireAtozDatabase(source, from, 'database');
    // The snapshot: a read transaction held across every step of the copy and the verification.
    source.sqlite.exec('BEGIN');
    source.sqlite.prepare('select count(*) from sqlite_master').get();
    const snapshotAt = new Date().toISOString();
    await copyPages(source.sqlite, partial, options);
    options.onProgress?.({ kind: 'verify' });
    const expected = await checksums(source);
    source.sqlite.exec('COMMIT');

    const copy = openRaw(partial, { readonly: false });
    try {
      // One self-contained file: a backup must not depend on a -wal beside it.
      copy.sqlite.pragma('journal_mode = DELETE');
      await verifyCopy(copy, partial, expected, `the live database ${from}`);
    } finally {
      await copy.db.destroy();
    }
    removeSqliteFiles(`${partial}`, { keepMain: true });
    syncFile(partial);
    renameSync(partial, to);
    syncFile(dirname(to));
    return { from, to, bytes: statSync(to).size, tables: expected.tables, totalRows: total(expected.tables), snapshotAt, ms: Math.round(performance.now() - started) };
  } catch (error) {
    removeSqliteFiles(partial);
    throw error;
  } finally {
    if (source.sqlite.inTransaction) source.sqlite.exec('ROLLBACK');
    await source.db.destroy();
  }
}

/**
 * Puts a backup in place of the database at `to`: checks the backup first
 * (a SQLite file, intact, an atoz database this version understands),
 * refuses while anything has `to` open (a running server would keep writing
 * into the file being replaced), copies it beside the target, checks the
 * copy against the backup table by table, then moves the old database aside
 * (`<to>.before-restore-<time>`, with its -wal if it had one) and the copy
 * into its place. Until that last step nothing at `to` has changed.
 */
export async function restoreSqlite(options: { from: string; to: string } & CommonOptions): Promise<RestoreReport> {
  const started = performance.now();
  const from = resolve(options.from);
  const to = resolve(options.to);
  if (!existsSync(from)) throw new BackupError(`There is no backup file at ${from}.`);
  if (from === to) throw new BackupError(`${from} is the database to restore into; name the backup file instead.`);
  if (!existsSync(dirname(to))) throw new BackupError(`The folder ${dirname(to)} does not exist; create it first.`);

  const warnings = walModeHeader(from) ? [plainCopyWarning(from)] : [];
  const backup = openRaw(from, { readonly: true });
  const partial = `${to}.restoring`;
  try {
    await checkIntact(backup, from);
    await requireAtozDatabase(backup, from, 'backup');
    const expected = await checksums(backup);
    if (existsSync(to) && inUse(to)) {
      throw new BackupError(
        `${to} is in use by a running atoz server or another program. ` +
          'Stop every atoz server using it (all processes) and anything else that has it open, then run restore again. Nothing was changed.',
      );
    }
    removeSqliteFiles(partial);
    await copyPages(backup.sqlite, partial, options);
    options.onProgress?.({ kind: 'verify' });
    const copy = openRaw(partial, { readonly: false });
    try {
      copy.sqlite.pragma('journal_mode = WAL');
      await verifyCopy(copy, partial, expected, `the backup ${from}`);
    } finally {
      await copy.db.destroy();
    }
    syncFile(partial);

    const keptAs = existsSync(to) ? `${to}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
    if (keptAs) {
      try {
        renameSync(to, keptAs);
        for (const suffix of ['-wal', '-shm']) if (existsSync(to + suffix)) renameSync(to + suffix, keptAs + suffix);
      } catch (error) {
        throw new BackupError(`The old database ${to} cannot be moved aside (${(error as NodeJS.ErrnoException).code ?? String(error)}); fix the folder's permissions (or chattr -i the file) and run restore again.`, { cause: error });
      }
    }
    renameSync(partial, to);
    syncFile(dirname(to));
    return { from, to, keptAs, warnings, tables: expected.tables, totalRows: total(expected.tables), ms: Math.round(performance.now() - started) };
  } catch (error) {
    removeSqliteFiles(partial);
    throw error;
  } finally {
    await backup.db.destroy();
  }
}

/**
 * Bytes 18 and 19 of a SQLite header are 2 in WAL mode. atoz's backups are
 * single files (rollback-journal mode, 1); a file still in WAL mode is a copy
 * of a live atoz.sqlite, whose newest saves may have been in its -wal.
 */
function walModeHeader(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header.subarray(0, 16).toString('latin1') === 'SQLite format 3\0' && header[18] === 2;
  } finally {
    closeSync(fd);
  }
}

function plainCopyWarning(file: string): string {
  return (
    `${file} is a copy of a live atoz.sqlite, not a file made by \`npm run atoz -- backup\`` +
    (existsSync(`${file}-wal`) ? ` (its write-ahead log ${file}-wal beside it was read too)` : '') +
    '. If it was copied while atoz was running, saves made shortly before the copy may be missing: they were in atoz.sqlite-wal. ' +
    'Check the most recently edited pages after starting atoz.'
  );
}

interface Raw {
  sqlite: SQLite.Database;
  db: Kysely<any>;
}

function openRaw(file: string, options: { readonly: boolean }): Raw {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file, { readonly: options.readonly, fileMustExist: true, timeout: 5000 });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened (${(error as { code?: string }).code ?? String(error)}).`, { cause: error });
  }
  return { sqlite, db: new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

/** SQLite's online backup of `sqlite` into a new file, step by step, reporting pages. */
async function copyPages(sqlite: SQLite.Database, target: string, options: CommonOptions): Promise<void> {
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  const pagesPerStep = options.pagesPerStep ?? 1000;
  const done = await sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      options.onProgress?.({ kind: 'copy', copiedPages: totalPages - remainingPages, totalPages, pageSize });
      return pagesPerStep;
    },
  });
  options.onProgress?.({ kind: 'copy', copiedPages: done.totalPages, totalPages: done.totalPages, pageSize });
}

/** integrity_check, and a readable header: a damaged or foreign file is refused in words. */
async function checkIntact(raw: Raw, file: string): Promise<void> {
  let result: string[];
  try {
    result = (raw.sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB') throw new BackupError(`${file} is not a SQLite database: name a file made by \`npm run atoz -- backup\`.`, { cause: error });
    throw new BackupError(`${file} is damaged (${code || String(error)}): use an older backup.`, { cause: error });
  }
  if (result.length !== 1 || result[0] !== 'ok') {
    throw new BackupError(`${file} is damaged (integrity check: ${result.slice(0, 3).join('; ')}${result.length > 3 ? '; …' : ''}): use an older backup.`);
  }
}

async function requireAtozDatabase(raw: Raw, file: string, what: 'backup' | 'database'): Promise<void> {
  let tables: string[];
  try {
    tables = await tableNames(raw.db, 'sqlite');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new BackupError(`${file} is not a SQLite database.`, { cause: error });
    throw error;
  }
  if (!tables.includes('kysely_migration')) throw new BackupError(`${file} is not an atoz ${what} (it has no migration table${tables.length ? '' : '; it is empty'}).`);
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(raw.db);
  const unknown = rows.map((r) => r.name).filter((n) => !(n in migrations));
  if (unknown.length) throw new BackupError(`${file} was written by a newer atoz (migrations ${unknown.join(', ')} are unknown here): upgrade atoz first.`);
}

interface Contents {
  tables: TableReport;
  migrations: string[];
}

async function checksums(raw: Raw): Promise<Contents> {
  const tables: TableReport = [];
  for (const table of (await introspect(raw.db, 'sqlite')).values()) tables.push({ name: table.name, ...(await tableChecksum(raw.db, 'sqlite', table, table.columns)) });
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(raw.db);
  return { tables, migrations: rows.map((r) => r.name) };
}

/** The copy is intact and holds exactly what its source held: the same tables, rows and content. */
async function verifyCopy(copy: Raw, file: string, expected: Contents, sourceLabel: string): Promise<void> {
  await checkIntact(copy, file);
  const actual = await checksums(copy);
  const want = new Map(expected.tables.map((t) => [t.name, t]));
  const mismatches = actual.tables
    .filter((t) => want.get(t.name)?.sha256 !== t.sha256)
    .map((t) => `${t.name}: ${want.get(t.name)?.rows ?? 'no'} rows expected, ${t.rows} found`);
  if (actual.tables.length !== expected.tables.length) mismatches.push(`${expected.tables.length} tables expected, ${actual.tables.length} found`);
  if (actual.migrations.join() !== expected.migrations.join()) mismatches.push('the migration history differs');
  if (mismatches.length) throw new BackupError(`The copy does not match ${sourceLabel}, so it was not kept: ${mismatches.join('; ')}.`);
}

/**
 * Whether another connection (a running server, in this or another
 * process) has the database open: taking SQLite's exclusive lock without
 * waiting fails while anyone holds it. If nobody does, closing this probe
 * also checkpoints the file, so the old database set aside is complete.
 */
function inUse(file: string): boolean {
  let probe: SQLite.Database | undefined;
  try {
    probe = new SQLite(file, { fileMustExist: true, timeout: 0 });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.prepare('select count(*) from sqlite_master').get();
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // A damaged or unreadable old database is what a restore replaces; only a lock means "in use".
    return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
  } finally {
    probe?.close();
  }
}

function total(tables: TableReport): number {
  return tables.reduce((sum, t) => sum + t.rows, 0);
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeSqliteFiles(file: string, options: { keepMain?: boolean } = {}): void {
  for (const f of [...(options.keepMain ? [] : [file]), `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}
