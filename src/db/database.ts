import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import { type DatabaseConnection, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type Transaction } from 'kysely';
import { createRequire } from 'node:module';
import type PgDriver from 'pg';
import type { Config } from '../config.js';
import { ConfigError } from '../config.js';
import { type DatabaseHealth, monitorCheckpoints } from './health.js';
import { guardedPool } from './postgres-pool.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type { DatabaseHealth };

/** An open database and what the rest of the app needs to know about it. */
export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for messages (file path or URL without password). */
  location: string;
  /** The last known state (SQLite checkpoints, PostgreSQL reachability), for the admin page; never touches the database. */
  health(): DatabaseHealth;
  /** Looks again now (SQLite: one PASSIVE checkpoint) and reports. */
  checkHealth(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

type DatabaseOptions = Pick<Config, 'dataDir' | 'databaseUrl' | 'dbPoolSize' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs'> &
  Partial<Pick<Config, 'dbQueryTimeoutMs' | 'sqliteCheckpointMs'>>;

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  return options.databaseUrl
    ? openPostgres(options, options.databaseUrl)
    : openSqlite(options.dataDir, options.sqliteCheckpointMs === undefined ? {} : { checkpointEveryMs: options.sqliteCheckpointMs });
}

export interface SqliteOptions {
  /** Refuse to create the file (the CLI reading a source). */
  mustExist?: boolean;
  /** Open for reading only (checking a backup); no checkpoints, no writability check. */
  readonly?: boolean;
  /** Milliseconds between checkpoint checks (src/db/health.ts); 0 for none but explicit checkHealth(). Default 10 s. */
  checkpointEveryMs?: number;
}

/** The embedded default: one SQLite file in the data directory. */
export function openSqlite(dataDir: string, options: Omit<SqliteOptions, 'mustExist' | 'readonly'> = {}): DatabaseHandle {
  ensureWritableDir(dataDir);
  return openSqliteFile(join(dataDir, 'atoz.sqlite'), options);
}

/** One SQLite file by path (the CLI copies to and from files anywhere); created when missing. */
export function openSqliteFile(file: string, options: SqliteOptions = {}): DatabaseHandle {
  if (!options.readonly) ensureWritableDatabaseFile(file);
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file, { fileMustExist: options.mustExist === true || options.readonly === true, readonly: options.readonly === true });
    if (!options.readonly) {
      // WAL lets readers run beside the writer; synchronous=FULL makes every
      // acknowledged commit survive power loss, not only a process crash.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (error) {
    sqlite?.close();
    throw explainSqliteOpenError(error, file);
  }
  const monitor = options.readonly ? undefined : monitorCheckpoints(sqlite, file, options.checkpointEveryMs ?? 10_000);
  const db = new Kysely<Database>({ dialect: new KeepingErrorsSqliteDialect(sqlite) });
  const health = (): DatabaseHealth => monitor?.health() ?? { dialect: 'sqlite', location: file, ok: true, problems: [], checkedAt: null };
  return {
    db,
    dialect: 'sqlite',
    location: file,
    health,
    checkHealth: async () => monitor?.check() ?? health(),
    close: async () => {
      monitor?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely's SQLite dialect, except that a transaction SQLite has already
 * rolled back by itself is not rolled back again. On SQLITE_FULL, IOERR,
 * NOMEM (and some BUSY cases) SQLite ends the transaction on its own; a
 * ROLLBACK then fails with "cannot rollback - no transaction is active", and
 * Kysely would throw that instead of the error that says what happened.
 */
class KeepingErrorsSqliteDialect extends SqliteDialect {
  private readonly cached: ReturnType<typeof withStatementCache>;
  constructor(private readonly sqlite: SQLite.Database) {
    const cached = withStatementCache(sqlite);
    super({ database: cached });
    this.cached = cached;
  }
  override createDriver(): SqliteDriver {
    const sqlite = this.sqlite;
    const cached = this.cached;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (!sqlite.inTransaction) return;
        await super.rollbackTransaction(connection);
      }
    })({ database: cached });
  }
}

/** Prepared statements kept per SQL text; a page render runs the same few dozen queries every time. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query anew, and preparing was a tenth of a topic
 * page's render. Reusing a statement is safe here: Kysely runs one query at a
 * time per connection and runs it to the end (all/run; atoz never streams), and
 * SQLite recompiles a statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const statements = new LRUCache<string, SQLite.Statement>({ max: STATEMENT_CACHE_SIZE });
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
      return statement;
    },
    close: () => {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * SQLite opens a file it cannot write read-only without a word, and the
 * first write (the migrations) fails with a stack trace. Say it first, in
 * one sentence naming the file: the main file and its WAL companions.
 */
function ensureWritableDatabaseFile(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ConfigError(
        `The database file ${path} cannot be written (${reason}). ` +
          'atoz writes every save to it: make it writable by this user (chmod u+w, or chattr -i if it was made immutable), ' +
          'move the database to a writable disk, or set ATOZ_DATA_DIR to a folder holding a writable copy.',
      );
    }
  }
}

/** A file that is not a database, or a folder SQLite cannot use, as a sentence. */
function explainSqliteOpenError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return new ConfigError(`${file} is not a SQLite database (or it is encrypted or damaged). Point ATOZ_DATA_DIR at the folder of atoz's own database.`, { cause: error });
  if (typeof code === 'string' && /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code)) {
    return new ConfigError(`The database file ${file} cannot be opened for writing (${code}). Check the permissions of the file and of its folder ${dirname(file)}.`, { cause: error });
  }
  return error;
}

/** The pg driver, loaded on first use: a server on SQLite starts without it (bench/pages.ts cold start). */
let pgDriver: typeof PgDriver | undefined;
function pgModule(): typeof PgDriver {
  return (pgDriver ??= createRequire(import.meta.url)('pg') as typeof PgDriver);
}

/** Added to the statement timeout when ATOZ_DB_QUERY_TIMEOUT_MS is unset: the server cancels a slow statement first. */
const QUERY_TIMEOUT_MARGIN_MS = 1000;

export function openPostgres(options: DatabaseOptions, url: string): DatabaseHandle {
  const pg = pgModule();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.dbPoolSize,
    connectionTimeoutMillis: options.dbConnectTimeoutMs,
    statement_timeout: options.dbStatementTimeoutMs,
    // A network cut the server cannot report (no reset, no answer): fail the query, and guardedPool closes the connection.
    query_timeout: options.dbQueryTimeoutMs ?? options.dbStatementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS,
    // TCP keep-alive probes an idle connection after 10 s, so one whose server vanished is found and dropped.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'atoz',
    types: { getTypeParser: sameNumbersAsSqlite },
  });
  // A client losing its server (restart, network cut) must not crash the process: idle ones report
  // to the pool, and checked-out ones get this listener (their queries fail and the pool drops them).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const guarded = guardedPool(pool);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded.pool }) });
  const location = redactUrl(url);
  return {
    db,
    dialect: 'postgres',
    location,
    health: () => guarded.health(location),
    checkHealth: async () => {
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute().catch(() => {});
      return guarded.health(location);
    },
    close: () => db.destroy(),
  };
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
