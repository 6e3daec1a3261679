import { describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from './database.js';
import { DatabaseUnreachableError, waitForDatabase } from './wait-for-database.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Port 9 (discard) has no PostgreSQL on it: every attempt is refused at once, no server needed. */
const nowhere = () => openPostgres({ dataDir: '.', dbPoolSize: 1, dbConnectTimeoutMs: 1000, dbStatementTimeoutMs: 1000 }, 'postgres://atoz:secret@127.0.0.1:9/atoz');

describe('waitForDatabase', () => {
  it('retries a refused connection with pauses doubling from 0.5 s up to 10 s, then gives up with a plain message', async () => {
    const handle = nowhere();
    let clock = 0;
    const pauses: number[] = [];
    const lines: string[] = [];
    try {
      const waiting = waitForDatabase(handle, {
        totalMs: 60_000,
        log: (l) => lines.push(l),
        now: () => clock,
        sleep: async (ms) => {
          pauses.push(ms);
          clock += ms;
        },
      });
      const error = await waiting.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseUnreachableError);
      expect((error as Error).message).toMatch(/^PostgreSQL at postgres:\/\/atoz:\*\*\*@127\.0\.0\.1:9\/atoz did not answer within 60 s \(connect ECONNREFUSED 127\.0\.0\.1:9\)\. Check that the server is running/);
    } finally {
      await handle.close();
    }
    expect(pauses).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
    expect(pauses.reduce((a, b) => a + b)).toBeLessThanOrEqual(60_000);
    expect(lines[0]).toBe('Waiting for PostgreSQL at postgres://atoz:***@127.0.0.1:9/atoz (connect ECONNREFUSED 127.0.0.1:9); trying again in 0.5 s…');
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('returns at once for the embedded SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atoz-wait-'));
    const handle = openSqlite(dir);
    try {
      await waitForDatabase(handle, { totalMs: 0, sleep: () => Promise.reject(new Error('should not wait')) });
    } finally {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
