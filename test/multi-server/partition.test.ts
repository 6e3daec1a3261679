import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Atoz, createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { parsePageFile } from '../../src/content/page-file.js';
import { isDatabaseUnavailable } from '../../src/db/connection-errors.js';
import { packageRoot } from '../../src/web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutPostgres } from '../support/database.js';
import { TcpProxy, throughProxy } from './tcp-proxy.js';

const skip = await skipWithoutPostgres();

const demoPage = (slug: string) => parsePageFile(readFileSync(join(packageRoot(), 'content', 'pages', `${slug}.md`), 'utf8'), slug, `pages/${slug}.md`);

// A silent network cut between atoz and PostgreSQL: no reset, no refusal, just
// nothing coming back. Only atoz's own timeouts can turn that into an answer.
describe.skipIf(skip)('PostgreSQL behind a silent network partition', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let atoz: Atoz;
  const html = { headers: { accept: 'text/html,application/xhtml+xml' } };

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
        dbStatementTimeoutMs: 1000,
        dbQueryTimeoutMs: 1500,
        worker: false,
        publicUrl: 'http://atoz.test',
      },
    );
    atoz = await createAtoz(config);
  });

  afterAll(async () => {
    await atoz?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 while the partition lasts, drops the stuck connections, and serves again once it heals', async () => {
    await atoz.store.savePage({ ...demoPage('causes-radiation'), title: 'Causes: Radiation (saved before the partition)' });
    await atoz.contentChanged();
    expect((await atoz.app.request('/directory/causes-silica', html)).status).toBe(200);

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      proxy.partition();
      // The partition is only healed after the answer: without client-side timeouts this request never ends.
      const started = Date.now();
      const down = await atoz.app.request('/directory/causes-stress', html);
      const waited = Date.now() - started;
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await down.text()).toContain('<h1>This page is temporarily unavailable</h1>');
      console.log(`silent partition: 503 after ${waited} ms (query timeout 1500 ms, connect timeout 1000 ms)`);

      // Readers of cached pages notice nothing.
      expect((await atoz.app.request('/directory/causes-silica', html)).status).toBe(200);
      // A write fails with an outage error (a 503 for its route), and is not half-written.
      const failed = await atoz.store.savePage({ ...demoPage('causes-stress'), title: 'Never acknowledged' }).then(() => null, (e: unknown) => e);
      expect(isDatabaseUnavailable(failed)).toBe(true);
      // Connections that timed out were closed by atoz, not handed to the next request.
      expect(proxy.closedDuringPartition).toBeGreaterThan(0);
    } finally {
      proxy.heal();
      errors.mockRestore();
    }

    let back = -1;
    const healed = Date.now();
    while (back < 0 && Date.now() - healed < 15_000) {
      if ((await atoz.app.request('/directory/causes-stress', html)).status === 200) back = Date.now() - healed;
      else await sleep(100);
    }
    expect(back).toBeGreaterThanOrEqual(0);
    console.log(`served again ${back} ms after the partition healed`);
    const titles = await database.handle.db.selectFrom('pages').select('title').where('slug', 'in', ['causes-radiation', 'causes-stress']).orderBy('slug').execute();
    expect(titles.map((r) => r.title)).toEqual(['Causes: Radiation (saved before the partition)', 'Causes: Stress']);
  });
});
