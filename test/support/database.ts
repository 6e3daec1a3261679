import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openPostgres, openSqlite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** Which backend this test run targets (vitest project env). */
export const TEST_DIALECT = (process.env.ATOZ_TEST_DB === 'postgres' ? 'postgres' : 'sqlite') as 'sqlite' | 'postgres';

import { POSTGRES_ADMIN_URL, probePostgres } from './postgres-probe.js';

export { POSTGRES_ADMIN_URL };

let reachable: Promise<boolean> | undefined;

/** Whether a PostgreSQL server answers; asked once per worker. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= probePostgres(POSTGRES_ADMIN_URL);
  return reachable;
}

/** Whether tests of this run should be skipped, printing why once. CI sets ATOZ_REQUIRE_POSTGRES=1 so a missing server fails instead. */
export async function skipWithoutDatabase(): Promise<boolean> {
  if (TEST_DIALECT !== 'postgres') return false;
  return skipWithoutPostgres();
}

/** For tests that need PostgreSQL whatever the run's dialect (copy-database, several servers): same rules as skipWithoutDatabase. */
export async function skipWithoutPostgres(): Promise<boolean> {
  if (await postgresReachable()) return false;
  if (process.env.ATOZ_REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL is required (ATOZ_REQUIRE_POSTGRES=1) but ${POSTGRES_ADMIN_URL} does not answer`);
  console.log('skipped: no PostgreSQL');
  return true;
}

/**
 * Test databases sort text like a typical production server (ICU en-US:
 * "apple" before "Zebra"), not byte-wise like SQLite, so an ORDER BY on text
 * that reads differently on the two backends fails here instead of in
 * production. ATOZ_TEST_POSTGRES_LOCALE=default uses the server's default.
 */
function createOptions(): string {
  const locale = process.env.ATOZ_TEST_POSTGRES_LOCALE ?? 'en-US';
  if (locale === 'default') return '';
  if (!/^[A-Za-z0-9_-]+$/.test(locale)) throw new Error(`ATOZ_TEST_POSTGRES_LOCALE must be an ICU locale such as en-US, not "${locale}"`);
  return ` template template0 encoding 'UTF8' locale_provider icu icu_locale '${locale}' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** URL (PostgreSQL) or data directory (SQLite) of this test's own database. */
  location: string;
  dataDir: string;
  /** A second, independent connection (pool) to the same database, as another server would have; the caller closes it. */
  reopen(): DatabaseHandle;
  /** Closes and deletes the database. */
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of the run's dialect, owned by one test file. */
export async function createTestDatabase(options: { migrate?: boolean; dialect?: 'sqlite' | 'postgres' } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-test-'));
  if ((options.dialect ?? TEST_DIALECT) === 'sqlite') {
    const handle = openSqlite(dataDir);
    if (options.migrate !== false) await migrateToLatest(handle.db);
    return {
      handle,
      location: dataDir,
      dataDir,
      reopen: () => openSqlite(dataDir),
      drop: async () => {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `atoz_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}${createOptions()}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const poolOptions = { dataDir, dbPoolSize: 5, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 30000 };
  const handle = openPostgres(poolOptions, url.toString());
  if (options.migrate !== false) await migrateToLatest(handle.db);
  return {
    handle,
    location: url.toString(),
    dataDir,
    reopen: () => openPostgres(poolOptions, url.toString()),
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
