import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { type Atoz, createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDirectoryStore } from '../../src/directory/store.js';
import { defineJob } from '../../src/jobs/registry.js';
import { parsePageFile } from '../../src/content/page-file.js';
import { packageRoot } from '../../src/web/package-root.js';
import { readFileSync } from 'node:fs';
import { type TestDatabase, createTestDatabase, skipWithoutPostgres } from '../support/database.js';
import { TcpProxy, throughProxy } from './tcp-proxy.js';

const skip = await skipWithoutPostgres();

const demoPage = (slug: string) => parsePageFile(readFileSync(join(packageRoot(), 'content', 'pages', `${slug}.md`), 'utf8'), slug, `pages/${slug}.md`);

/** Retries `probe` until it returns true or `ms` pass; resolves to how long it took, or -1. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await sleep(50);
  }
  return -1;
}

describe.skipIf(skip)('PostgreSQL going away while atoz runs', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let atoz: Atoz;
  const html = { headers: { accept: 'text/html,application/xhtml+xml' } };
  const jobRuns: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ dialect: 'postgres', migrate: false });
    proxy = new TcpProxy('127.0.0.1', Number(new URL(database.location).port || 5432));
    await proxy.start();
    const config = loadConfig(
      {},
      {
        databaseUrl: throughProxy(database.location, proxy),
        dataDir: database.dataDir,
        contentDir: join(packageRoot(), 'content'),
        dbConnectTimeoutMs: 1000,
        workerPollMs: 100,
        publicUrl: 'http://atoz.test',
      },
    );
    atoz = await createAtoz(config);
    atoz.jobs.register(
      defineJob({
        name: 'test.after-outage',
        payload: z.object({ n: z.number() }),
        async run({ n }) {
          jobRuns.push(n);
        },
      }),
    );
  });

  afterAll(async () => {
    await atoz?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 with Retry-After during the outage, then serves again by itself, keeping acknowledged writes', async () => {
    // Before: one write acknowledged, then one page read (now cached).
    const acknowledged = { ...demoPage('causes-radiation'), title: 'Causes: Radiation (saved before the outage)' };
    await atoz.store.savePage(acknowledged);
    await atoz.contentChanged();
    expect((await atoz.app.request('/directory/causes-silica', html)).status).toBe(200);

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await proxy.cut();

      const down = await atoz.app.request('/directory/causes-stress', html);
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(down.headers.get('content-type')).toContain('text/html');
      const body = await down.text();
      expect(body).toContain('<h1>This page is temporarily unavailable</h1>');
      expect(body).toContain('<main id="main"');
      const plain = await atoz.app.request('/directory/causes-stress', { headers: { accept: '*/*' } });
      expect([plain.status, plain.headers.get('content-type')]).toEqual([503, 'text/plain; charset=utf-8']);
      // A page already rendered keeps being served from the cache.
      expect((await atoz.app.request('/directory/causes-silica', html)).status).toBe(200);
      // A write during the outage is refused, not silently lost.
      await expect(atoz.store.savePage({ ...demoPage('causes-stress'), title: 'Never acknowledged' })).rejects.toThrow();
      // Let the version watcher and the job worker meet the outage too.
      await sleep(600);
    } finally {
      await proxy.restore();
      errors.mockRestore();
    }

    // Back without restarting atoz: pooled connections are replaced as they are needed.
    const back = await within(10_000, async () => (await atoz.app.request('/directory/causes-stress', html)).status === 200);
    expect(back).toBeGreaterThanOrEqual(0);
    console.log(`served again ${back} ms after PostgreSQL came back`);

    const stored = await database.handle.db.selectFrom('pages').select('title').where('slug', 'in', ['causes-radiation', 'causes-stress']).orderBy('slug').execute();
    expect(stored.map((r) => r.title)).toEqual(['Causes: Radiation (saved before the outage)', 'Causes: Stress']);
    expect(await (await atoz.app.request('/directory/causes-radiation', html)).text()).toContain('saved before the outage');
  });

  it('keeps its version watcher and job worker alive through the outage', async () => {
    // Another server writes directly to the database: this one notices through its watcher.
    await createDirectoryStore(database.handle.db).savePage({ ...demoPage('causes-silica'), title: 'Causes: Silica (edited on another server)' });
    const noticed = await within(3000, async () => (await (await atoz.app.request('/directory/causes-silica', html)).text()).includes('edited on another server'));
    expect(noticed).toBeGreaterThanOrEqual(0);

    await atoz.jobs.queue.enqueue('test.after-outage', { n: 1 });
    expect(await within(5000, async () => jobRuns.includes(1))).toBeGreaterThanOrEqual(0);
  });
});

describe.skipIf(skip)('PostgreSQL not there yet when atoz starts', () => {
  it('waits with backoff, saying so, and starts once the database answers', async () => {
    const database = await createTestDatabase({ dialect: 'postgres', migrate: false });
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(database.location).port || 5432));
    await proxy.start();
    await proxy.cut();
    const lines: string[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    let atoz: Atoz | undefined;
    try {
      const config = loadConfig({}, { databaseUrl: throughProxy(database.location, proxy), dataDir: database.dataDir, contentDir: join(packageRoot(), 'content'), worker: false, dbStartupWaitMs: 20_000 });
      const starting = createAtoz(config);
      await sleep(3000);
      await proxy.restore();
      atoz = await starting;
      expect(await atoz.queries.pageCount()).toBe(35);
    } finally {
      errors.mockRestore();
      await atoz?.close();
      await proxy.close();
      await database.drop();
    }
    // 0.5 s, then 1 s (then 2 s): at least two waits before the database came back at 3 s.
    const waits = lines.filter((l) => l.startsWith('Waiting for PostgreSQL'));
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits[0]).toMatch(/ECONNREFUSED.*trying again in 0\.5 s/);
    expect(waits[1]).toMatch(/trying again in 1 s/);
    expect(lines.some((l) => /^PostgreSQL at .* answered after \d/.test(l))).toBe(true);
  });
});
