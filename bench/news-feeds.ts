/**
 * `npm run bench:news`: how long a news feed takes to answer against a topic
 * page, in process (no sockets), on the demo in SQLite with BENCH_NEWS
 * published items spread over the demo's topics.
 *
 *   BENCH_NEWS=500   published items added to the demo's three
 *   BENCH_RUNS=200   timed requests per case (median and p95 printed)
 *
 * "cached": the render cache holds the answer (what most requests get);
 * "fresh": the content version moved just before, so it is rendered again
 * (what the first request after any edit gets). Numbers, not assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtoz } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { bumpContentVersion } from '../src/directory/store.js';
import { createNewsStore } from '../src/news/store.js';
import { packageRoot } from '../src/web/package-root.js';

const ITEMS = Math.max(0, Number(process.env.BENCH_NEWS ?? 500));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 200));

const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-news-'));
const config = loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), databaseUrl: undefined, publicUrl: 'https://bench.example', worker: false });
const atoz = await createAtoz(config);
try {
  const db = atoz.database.db;
  const store = createNewsStore(db, () => new Date(), atoz.store);
  const slugs = (await atoz.queries.tree()).order.map((n) => n.slug);
  const started = performance.now();
  for (let i = 0; i < ITEMS; i++) {
    const id = await store.save({
      slug: `bench-news-${i}`,
      headline: `Benchmark news item ${i}`,
      summary: 'Placeholder summary of a benchmark item, two short sentences. Not medical content.',
      body: 'Placeholder body paragraph.\n\nA second placeholder paragraph.',
      outlet: 'Bench Gazette',
      sourceDate: '2024-01-01',
      topicSlugs: [slugs[i % slugs.length]!],
    });
    await store.submit(id);
    await store.signOff(id, 'Bench Clinician');
    await store.publish(id);
  }
  console.log(`${ITEMS} news items published in ${Math.round(performance.now() - started)} ms`);

  const cases: Array<[string, string]> = [
    ['topic page (causes-of-scleroderma)', '/directory/causes-of-scleroderma'],
    ['/news', '/news'],
    ['site RSS', '/news/feed.xml'],
    ['site Atom', '/news/atom.xml'],
    ['site JSON Feed', '/news/feed.json'],
    ['topic Atom (causes-of-scleroderma)', '/news/topics/causes-of-scleroderma/atom.xml'],
  ];
  const stats = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms`;
  };
  for (const [name, path] of cases) {
    const cached: number[] = [];
    const fresh: number[] = [];
    const headers = { 'accept-encoding': 'gzip, br' };
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const hit = await atoz.app.request(path, { headers });
      bytes = (await hit.arrayBuffer()).byteLength;
      cached.push(performance.now() - t);
      if (i % 4 === 0) {
        await db.transaction().execute((tx) => bumpContentVersion(tx));
        await atoz.contentChanged();
        t = performance.now();
        await (await atoz.app.request(path, { headers })).arrayBuffer();
        fresh.push(performance.now() - t);
      }
    }
    console.log(`${name.padEnd(38)} cached: ${stats(cached)}; fresh: ${stats(fresh)}; ${bytes} bytes compressed`);
  }
} finally {
  await atoz.close();
  rmSync(dataDir, { recursive: true, force: true });
}
