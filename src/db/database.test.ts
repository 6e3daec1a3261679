import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeUnwritable, makeWritable } from '../../test/support/unwritable.js';
import { ConfigError } from '../config.js';
import { isDiskFull, isReadOnly } from './connection-errors.js';
import { type DatabaseHandle, openSqlite, openSqliteFile } from './database.js';

// How SQLite's own failures reach callers and the operator: a full disk, a
// read-only file, a write-ahead log that can no longer be copied back.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-db-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(dir: string, options?: Parameters<typeof openSqlite>[1]): DatabaseHandle {
  const handle = openSqlite(dir, options);
  cleanups.push(() => handle.close());
  return handle;
}

const bigText = 'x'.repeat(20_000);

describe('a full disk inside a transaction', () => {
  it('reaches the caller as SQLITE_FULL, not as the rollback SQLite already did itself', async () => {
    const { db } = open(scratchDir());
    await sql`create table notes (body text)`.execute(db);
    // SQLite's page limit makes this database "full" the way a full disk does, without root or a small file system.
    const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count);
    await sql.raw(`pragma max_page_count = ${pages + 8}`).execute(db);

    const failure = await db
      .transaction()
      .execute(async (tx) => {
        for (let i = 0; i < 50; i++) await tx.insertInto('notes' as never).values({ body: bigText } as never).execute();
      })
      .then(() => null, (error: unknown) => error as Error & { code?: string });

    expect(failure?.message).not.toContain('cannot rollback');
    expect(failure?.code).toBe('SQLITE_FULL');
    expect(isDiskFull(failure)).toBe(true);
    // Nothing of the failed transaction was kept, and the database still takes small writes.
    await db.insertInto('notes' as never).values({ body: 'small' } as never).execute();
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]!.n).toBe(1);
  });
});

describe('a read-only database', () => {
  it('answers writes with a recognisable read-only error', async () => {
    const dir = scratchDir();
    const writable = open(dir);
    await sql`create table notes (body text)`.execute(writable.db);
    const readOnly = openSqliteFile(join(dir, 'atoz.sqlite'), { readonly: true });
    cleanups.push(() => readOnly.close());

    const failure = await readOnly.db
      .transaction()
      .execute((tx) => tx.insertInto('notes' as never).values({ body: 'refused' } as never).execute())
      .then(() => null, (error: unknown) => error as Error & { code?: string });

    expect(failure?.code).toMatch(/^SQLITE_READONLY/);
    expect(isReadOnly(failure)).toBe(true);
    expect(isDiskFull(failure)).toBe(false);
  });

  it('is refused at open with a sentence naming the file, not a stack trace later', async () => {
    const dir = scratchDir();
    await open(dir).close();
    const file = join(dir, 'atoz.sqlite');
    const how = makeUnwritable(file);
    cleanups.push(() => makeWritable(file));
    if (!how) return void console.log('skipped: cannot make a file unwritable here (root without chattr)');

    let thrown: unknown;
    try {
      open(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toMatch(new RegExp(`^The database file ${file} cannot be written \\((EPERM|EACCES|EROFS)\\)\\.`));
    expect((thrown as Error).message).toContain('ATOZ_DATA_DIR');
  });
});

describe('a write-ahead log that cannot be copied into the database file', () => {
  it('is noticed by the health check, said in the log once, and cleared when the file is writable again', async () => {
    const dir = scratchDir();
    const file = join(dir, 'atoz.sqlite');
    // No timer: the test runs each check itself.
    const handle = open(dir, { checkpointEveryMs: 0 });
    await sql`create table notes (body text)`.execute(handle.db);
    expect((await handle.checkHealth()).ok).toBe(true);

    // Only the main file: SQLite keeps appending to atoz.sqlite-wal, so saves still succeed.
    const how = makeUnwritable(file);
    cleanups.push(() => makeWritable(file));
    if (how !== 'immutable') return void console.log('skipped: needs an immutable file (chattr +i as root) to fail writes through an open file');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});

    await handle.db.insertInto('notes' as never).values({ body: 'kept in the log' } as never).execute();
    const failing = await handle.checkHealth();
    expect(failing.ok).toBe(false);
    expect(failing.checkpoint?.failingSince).not.toBeNull();
    expect(failing.checkpoint?.lastError).toMatch(/SQLITE_IOERR/);
    expect(failing.problems.join(' ')).toContain(file);
    await handle.checkHealth();
    const said = errors.mock.calls.map((c) => String(c[0])).filter((line) => line.includes(file));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`${file}-wal`);

    makeWritable(file);
    const healed = await handle.checkHealth();
    expect(healed.ok).toBe(true);
    expect(healed.checkpoint?.failingSince).toBeNull();
    expect(logs.mock.calls.some((c) => String(c[0]).includes(file))).toBe(true);
    expect((await sql<{ n: number }>`select count(*) as n from notes`.execute(handle.db)).rows[0]!.n).toBe(1);
  });
});
