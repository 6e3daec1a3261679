import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
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

/**
 * Databases each test project prepares once (test/support/template-databases.ts):
 * migrated and empty, and with the demo imported; a folder on SQLite, a database
 * name on PostgreSQL. A test database is a copy of one (a folder copy; PostgreSQL's
 * `create database … template`), a fraction of migrating or importing again.
 */
export type TemplateDatabases = Partial<Record<'sqlite' | 'postgres', { migrated: string; demo: string }>>;

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabases: TemplateDatabases;
  }
}

/** Runs one statement on the server's admin database. */
async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The URL of database `name` on the test server. */
export function postgresUrlOf(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty PostgreSQL database named `name` (or a copy of `template`), with the test collation. */
export async function createPostgresDatabase(name: string, template?: string): Promise<void> {
  if (!template) return adminQuery(`create database ${name}${createOptions()}`);
  // A template can be copied only while nobody else is connected to it, and another worker may be copying it right now.
  for (let attempt = 0; ; attempt++) {
    try {
      return await adminQuery(`create database ${name} template ${template}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await adminQuery(`drop database if exists ${name} with (force)`);
}

/**
 * A fresh database of the run's dialect, owned by one test file: migrated and
 * empty (default), not migrated (`migrate: false`), or holding the demo
 * directory as a first start imports it (`from: 'demo'`), copied from the
 * project's template where there is one.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; dialect?: 'sqlite' | 'postgres'; from?: 'migrated' | 'demo' } = {},
): Promise<TestDatabase> {
  const dialect = options.dialect ?? TEST_DIALECT;
  const from = options.migrate === false ? undefined : (options.from ?? 'migrated');
  // None where no global setup made them (the fault suite): then the database is migrated here.
  const template = from && inject('templateDatabases')?.[dialect]?.[from];
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-test-'));
  if (dialect === 'sqlite') {
    if (template) cpSync(template, dataDir, { recursive: true });
    const handle = openSqlite(dataDir);
    // Without a template, migrate here; a demo is then imported by the app's first start instead.
    if (from && !template) await migrateToLatest(handle.db);
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
  await createPostgresDatabase(name, template);
  const url = postgresUrlOf(name);
  const poolOptions = { dataDir, dbPoolSize: 5, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 30000 };
  const handle = openPostgres(poolOptions, url);
  if (from && !template) await migrateToLatest(handle.db);
  return {
    handle,
    location: url,
    dataDir,
    reopen: () => openPostgres(poolOptions, url),
    drop: async () => {
      await handle.close();
      await dropPostgresDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
