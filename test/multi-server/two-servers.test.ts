import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePageFile } from '../../src/content/page-file.js';
import { createDirectoryStore } from '../../src/directory/store.js';
import { packageRoot } from '../../src/web/package-root.js';
import { RATE_LIMITS } from '../../src/web/rate-limits.js';
import { type TestDatabase, createTestDatabase, skipWithoutPostgres } from '../support/database.js';
import { type ServerProcess, runServerToExit, startServer } from './server-process.js';

const skip = await skipWithoutPostgres();

const silica = () => parsePageFile(readFileSync(join(packageRoot(), 'content', 'pages', 'causes-silica.md'), 'utf8'), 'causes-silica', 'pages/causes-silica.md');

async function titleOf(server: ServerProcess, path: string): Promise<string> {
  const response = await fetch(server.url + path, { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(await response.text())?.[1] ?? '(no h1)';
}

describe.skipIf(skip)('two atoz servers on one PostgreSQL database', () => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  const dataDirs: string[] = [];

  beforeAll(async () => {
    // Empty: both servers migrate and import at the same moment, as a fleet's first start does.
    database = await createTestDatabase({ dialect: 'postgres', migrate: false });
    const env = () => {
      const dir = mkdtempSync(join(tmpdir(), 'atoz-server-'));
      dataDirs.push(dir);
      return { DATABASE_URL: database.location, ATOZ_DATA_DIR: dir };
    };
    servers = await Promise.all([startServer(env()), startServer(env())]);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('imports the demo once even when both start together', async () => {
    const row = await database.handle.db.selectFrom('pages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(row.n)).toBe(35);
    for (const s of servers) expect(s.output()).not.toMatch(/error|duplicate/i);
  });

  it('serves an edit made through one server\'s database from the other within a second', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    // Both have the page rendered and cached before the edit.
    expect(await titleOf(a, '/directory/causes-silica')).toBe('Causes: Silica');
    expect(await titleOf(b, '/directory/causes-silica')).toBe('Causes: Silica');

    await createDirectoryStore(database.handle.db).savePage({ ...silica(), title: 'Causes: Silica (edited)' });
    const edited = Date.now();
    const seenAfter = new Map<ServerProcess, number>();
    while (seenAfter.size < 2 && Date.now() - edited < 1000) {
      for (const s of [a, b]) if (!seenAfter.has(s) && (await titleOf(s, '/directory/causes-silica')) === 'Causes: Silica (edited)') seenAfter.set(s, Date.now() - edited);
      await sleep(20);
    }
    console.log(`edit served by server A after ${seenAfter.get(a)} ms, by server B after ${seenAfter.get(b)} ms`);
    expect(seenAfter.size).toBe(2);
  });

  it('shares the type-ahead limit: half of it through each server, then both answer 429', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const { limit, windowMs } = RATE_LIMITS.suggest;
    const suggest = (s: ServerProcess) => fetch(`${s.url}/api/search/suggest?q=lung`);
    const started = Date.now();
    // Same client address (127.0.0.1) through both; each server alone would allow the whole limit.
    const first = await Promise.all(Array.from({ length: limit }, (_, i) => suggest(i % 2 ? b : a)));
    expect(first.map((r) => r.status)).toEqual(Array(limit).fill(200));
    const [fromA, fromB] = [await suggest(a), await suggest(b)];
    // All of it inside one window, or the counts would have started again.
    expect(Date.now() - started).toBeLessThan(windowMs);
    expect([fromA.status, fromB.status]).toEqual([429, 429]);
    expect(Number(fromB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(skip)('atoz started while PostgreSQL is unreachable', () => {
  it('retries with backoff, then gives up with a plain message and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atoz-server-'));
    try {
      // Port 9 (discard) has no PostgreSQL: connections are refused at once.
      const { code, output } = await runServerToExit({ DATABASE_URL: 'postgres://atoz:secret@127.0.0.1:9/atoz', ATOZ_DATA_DIR: dir, ATOZ_DB_STARTUP_WAIT_MS: '4000' });
      expect(code).toBe(1);
      expect(output).toContain('Waiting for PostgreSQL at postgres://atoz:***@127.0.0.1:9/atoz (connect ECONNREFUSED 127.0.0.1:9); trying again in 0.5 s…');
      // The first two pauses (0.5 s, 1 s) fit in 4 s even when each attempt is slow on a loaded machine.
      expect(output).toContain('trying again in 1 s…');
      expect(output).toMatch(/atoz could not start: PostgreSQL at postgres:\/\/atoz:\*\*\*@127\.0\.0\.1:9\/atoz did not answer within 4 s/);
      expect(output).not.toContain('secret');
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
