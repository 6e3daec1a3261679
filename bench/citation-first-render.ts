/**
 * `npm run bench:citations`: the first render of a topic page that cites many
 * studies, in a fresh process, before and after keeping formatted citations in
 * the database (citation_formats).
 *
 *   before: the formatter starts empty (as src/app.tsx did), so the first view
 *           of the page runs citeproc for every citation on it;
 *   after:  createAtoz loads the stored formats at start, so the first view
 *           formats nothing.
 *
 * Each measurement runs in its own Node process (citeproc's first use is part
 * of the cost), BENCH_ROUNDS times (default 5); medians are printed. Numbers,
 * not assertions. BENCH_CITATIONS (default 40) sets how many studies the page cites.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAtoz } from '../src/app.js';
import { createCitationFormatter } from '../src/citations/format.js';
import { recordFromStored } from '../src/citations/stored-record.js';
import { loadConfig } from '../src/config.js';
import { createMarkdownRenderer } from '../src/content/markdown.js';
import { openSqlite } from '../src/db/database.js';
import { createDirectoryQueries } from '../src/directory/queries.js';
import { directoryRoutes } from '../src/directory/routes.js';
import { loadAssets } from '../src/web/assets.js';
import { packageRoot } from '../src/web/package-root.js';
import { createPageRenderer } from '../src/web/page-renderer.js';
import { RenderCache } from '../src/web/render-cache.js';

const SLUG = 'bench-many-citations';
const CITATIONS = Math.max(1, Number(process.env.BENCH_CITATIONS ?? 40));
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

function config(dataDir: string) {
  return loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), worker: false, publicUrl: 'http://bench.test' });
}

/** A data dir with the demo, plus a page citing CITATIONS constructed studies (Example journals, no real papers). */
async function prepare(dataDir: string): Promise<void> {
  const atoz = await createAtoz(config(dataDir));
  const { db } = atoz.database;
  const now = new Date().toISOString();
  const keys: string[] = [];
  for (let i = 0; i < CITATIONS; i++) {
    const key = `bench-study-${i}`;
    keys.push(key);
    const csl = {
      type: 'article-journal',
      title: `Example constructed study number ${i} on skin thickening`,
      author: [{ family: 'Example', given: 'A' }, { family: `Sample${i}`, given: 'B' }, { family: 'Person', given: 'C' }],
      'container-title': 'Example Journal of Rheumatology',
      'container-title-short': 'Example J Rheumatol',
      issued: { 'date-parts': [[2000 + (i % 25), 1 + (i % 12)]] },
      volume: String(10 + i),
      page: `${100 + i}-${110 + i}`,
    };
    await db.insertInto('citations').values({ key, csl: JSON.stringify(csl), pmid: null, pmcid: null, doi: null, url: null, title: csl.title, container: csl['container-title-short'], issued_year: csl.issued['date-parts'][0]![0]!, pub_types: '[]', changed_at: now }).execute();
  }
  await atoz.store.savePage({
    slug: SLUG,
    title: 'Benchmark page with many studies',
    parentSlug: null,
    position: 999,
    createdOn: '2025-01-01',
    sections: [{ heading: 'Research', entries: keys.map((key) => ({ kind: 'research' as const, citationKey: key, body: `A digest of [@${key}].` })) }],
  });
  await atoz.close();
  // Start once more, as the next `npm start` would: it formats what is new and stores it.
  await (await createAtoz(config(dataDir))).close();
}

/** Before: the directory routes with a formatter that starts empty, exactly like the old composition root. */
async function firstRenderBefore(dataDir: string): Promise<number> {
  const handle = openSqlite(dataDir);
  const { db } = handle;
  const queries = createDirectoryQueries(db);
  const cache = new RenderCache();
  cache.observeVersion(await queries.contentVersion());
  const pages = createPageRenderer({ db, cache, assets: loadAssets(), baseUrl: 'http://bench.test' });
  const formatter = createCitationFormatter('vancouver');
  const app = directoryRoutes({ queries, pages, markdown: createMarkdownRenderer(), citations: async () => ({ html: (c) => formatter.html(recordFromStored(c)) }) });
  const started = performance.now();
  const res = await app.request(`/directory/${SLUG}`);
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`before: ${res.status}`);
  await handle.close();
  return ms;
}

/** After: the real app; its start loads the stored formats. */
async function firstRenderAfter(dataDir: string): Promise<{ startMs: number; renderMs: number }> {
  const t0 = performance.now();
  const atoz = await createAtoz(config(dataDir));
  const startMs = performance.now() - t0;
  const t1 = performance.now();
  const res = await atoz.app.request(`/directory/${SLUG}`);
  await res.arrayBuffer();
  const renderMs = performance.now() - t1;
  if (res.status !== 200) throw new Error(`after: ${res.status}`);
  await atoz.close();
  return { startMs, renderMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const [mode, dataDir] = process.argv.slice(2);
  if (mode === 'before') return void console.log(JSON.stringify({ renderMs: await firstRenderBefore(dataDir!) }));
  if (mode === 'after') return void console.log(JSON.stringify(await firstRenderAfter(dataDir!)));

  const dir = mkdtempSync(join(tmpdir(), 'atoz-bench-citations-'));
  try {
    await prepare(dir);
    const self = fileURLToPath(import.meta.url);
    // Run the same way this file was started (node on dist/…js, or tsx on the .ts source).
    const runner = self.endsWith('.ts') ? [join(packageRoot(), 'node_modules', '.bin', 'tsx'), self] : [process.execPath, self];
    const child = (which: string) => JSON.parse(execFileSync(runner[0]!, [...runner.slice(1), which, dir], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as { renderMs: number; startMs?: number };
    const before: number[] = [];
    const after: number[] = [];
    const starts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      before.push(child('before').renderMs);
      const a = child('after');
      after.push(a.renderMs);
      starts.push(a.startMs ?? 0);
    }
    const f = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`First render of /directory/${SLUG} (${CITATIONS} cited studies), fresh process, median of ${ROUNDS}:`);
    console.log(`  before (formatter starts empty, citeproc on first view): ${f(median(before))}   [${before.map(f).join(', ')}]`);
    console.log(`  after  (formats loaded from citation_formats at start):  ${f(median(after))}   [${after.map(f).join(', ')}]`);
    console.log(`  createAtoz start with stored formats (whole start, for reference): ${f(median(starts))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
