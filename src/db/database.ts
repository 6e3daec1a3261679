import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import { createRequire } from 'node:module';
import type PgDriver from 'pg';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** An open database and what the rest of the app needs to know about it. */
export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for messages (file path or URL without password). */
  location: string;
  close(): Promise<void>;
}

type DatabaseOptions = Pick<
  Config,
  'dataDir' | 'databaseUrl' | 'dbPoolSize' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs'
>;

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  return options.databaseUrl ? openPostgres(options, options.databaseUrl) : openSqlite(options.dataDir);
}

/** The embedded default: one SQLite file in the data directory. */
export function openSqlite(dataDir: string): DatabaseHandle {
  ensureWritableDir(dataDir);
  return openSqliteFile(join(dataDir, 'atoz.sqlite'));
}

/** One SQLite file by path (the CLI copies to and from files anywhere); created when missing. */
export function openSqliteFile(file: string, options: { mustExist?: boolean } = {}): DatabaseHandle {
  const sqlite = new SQLite(file, { fileMustExist: options.mustExist === true });
  // WAL lets readers run beside the writer; synchronous=FULL makes every
  // acknowledged commit survive power loss, not only a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

/** The pg driver, loaded on first use: a server on SQLite starts without it (bench/pages.ts cold start). */
let pgDriver: typeof PgDriver | undefined;
function pgModule(): typeof PgDriver {
  return (pgDriver ??= createRequire(import.meta.url)('pg') as typeof PgDriver);
}

export function openPostgres(options: DatabaseOptions, url: string): DatabaseHandle {
  const pg = pgModule();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.dbPoolSize,
    connectionTimeoutMillis: options.dbConnectTimeoutMs,
    statement_timeout: options.dbStatementTimeoutMs,
    // TCP keep-alive notices a silently vanished server (network cut) instead of waiting forever.
    keepAlive: true,
    application_name: 'atoz',
    types: { getTypeParser: sameNumbersAsSqlite },
  });
  // A client losing its server (restart, network cut) must not crash the process: idle ones report
  // to the pool, and checked-out ones get this listener (their queries fail and the pool drops them).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}

/**
 * count(*), sum() and bigint columns come back from PostgreSQL as strings
 * (int8, numeric) but from SQLite as numbers; parse them to numbers so the
 * same code sees the same values on both. atoz stores no integers beyond 2^53.
 */
function sameNumbersAsSqlite(oid: number, format?: string): (value: string) => unknown {
  const { types } = pgModule();
  if (oid === types.builtins.INT8 || oid === types.builtins.NUMERIC) return Number;
  return types.getTypeParser(oid, format as 'text');
}

/** Creates the data directory if needed and proves it can be written, naming the path if not. */
export function ensureWritableDir(dir: string): void {
  try {
    makeDirectories(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      `The data directory ${dir} cannot be written (${reason}). ` +
        `Set ATOZ_DATA_DIR to a folder this user can write, or fix its permissions.`,
    );
  }
}

/** mkdir -p, one level at a time: Node's recursive mkdirSync never returns for some paths (e.g. under /proc). */
function makeDirectories(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) makeDirectories(parent);
  mkdirSync(dir);
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}

/** The ISO instant now; one place so tests and code agree on the format. */
export function nowIso(): string {
  return new Date().toISOString();
}
