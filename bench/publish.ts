/**
 * `npm run bench:publish`: the static copy and the live server at the size of
 * a large network, on a synthetic directory (word salad from
 * src/search/synthetic-directory.ts, never medical statements) added to the demo.
 *
 * Prints: full publish time (every page in every interface language, downloads,
 * feeds, sitemap, the pagefind index), an incremental publish after one edit
 * (time until the pages are on disk, and until the search index follows), cold
 * start of the live server on the existing database and its memory after start,
 * topic-page render p50/p99 (first render and cached), and sitemap validity
 * (every file a urlset of at most 50,000 URLs and 50 MB, or an index of them).
 *
 * Environment: BENCH_PAGES (synthetic pages, default 1000), BENCH_SAMPLES (topic
 * pages timed, default 300). The demo's citations are the only citations: a
 * synthetic citation set is not generated. Numbers, not assertions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtoz } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { LANGS } from '../src/i18n/languages.js';
import type { PublishingDomain } from '../src/publishing/domain.js';
import { syntheticDirectory } from '../src/search/synthetic-directory.js';
import { packageRoot } from '../src/web/package-root.js';
import { startAtoz } from './support/atoz-process.js';
import { get } from './support/http.js';
import { prepareSqliteDemo } from './support/sqlite-demo.js';

const PAGES = Math.max(10, Number(process.env.BENCH_PAGES ?? 1000));
const SAMPLES = Math.max(10, Number(process.env.BENCH_SAMPLES ?? 300));
const PUBLIC_URL = 'https://atoz.bench.example';
const SITEMAP_MAX_URLS = 50_000;
const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** The issue's large network: 5,000 pages in 22 languages. */
const LARGE_NETWORK_PAGES = 5000 * 22;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'atoz-bench-publish-'));
  const dataDir = join(work, 'data');
  const folder = join(work, 'published');
  try {
    console.log(`atoz publishing at scale · ${cpus().length} cores · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · Node ${process.version}`);
    const demoPages = await prepareSqliteDemo(dataDir);
    const config = { ...loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), databaseUrl: undefined }), publicUrl: PUBLIC_URL, worker: false };
    const atoz = await createAtoz(config, { importIfEmpty: false });

    // The synthetic directory: 20 top-level topics, the rest under them; each page links to two earlier ones.
    const synthetic = syntheticDirectory({ seed: 13, digests: PAGES * 4, digestsPerPage: 4 });
    const filled = performance.now();
    const parentOf = (n: number) => (n <= 20 ? null : `synthetic-${1 + ((n * 7) % 20)}`);
    for (const page of synthetic.pages) {
      const parent = parentOf(page.number);
      const earlier = [1 + ((page.number * 31) % Math.max(1, page.number - 1)), 1 + ((page.number * 17) % Math.max(1, page.number - 1))].filter((n) => n < page.number);
      await atoz.store.savePage({
        slug: page.slug,
        title: page.title,
        parentSlug: parent,
        position: page.number,
        summary: page.summary,
        createdOn: '2024-01-01',
        sections: [
          { heading: 'Overview', entries: [{ kind: 'summary', body: `${page.summary} ${earlier.map((n) => `[[synthetic-${n}]]`).join(' ')}` }] },
          { heading: 'Research', entries: synthetic.pages.slice(page.number % 50, (page.number % 50) + 3).map((p) => ({ kind: 'summary' as const, body: p.summary })) },
        ],
      });
    }
    await atoz.contentChanged();
    const pageCount = demoPages + synthetic.pages.length;
    console.log(`directory: ${fmt(pageCount)} pages (${demoPages} demo + ${fmt(synthetic.pages.length)} synthetic, added in ${fmt((performance.now() - filled) / 1000, 1)} s, not part of any figure) × ${LANGS.length} languages = ${fmt(pageCount * LANGS.length)} topic pages`);

    const publishing = atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;
    const memoryBefore = process.memoryUsage().rss;
    const full = await publishing.publish(folder);
    console.log(
      `full publish: ${fmt(full.ms / 1000, 1)} s for ${fmt(full.files)} files (${fmt(full.written)} written; .gz and .br beside each; pages on disk after ${fmt(full.pagesOnDiskMs / 1000, 1)} s, the search index ${fmt((full.ms - full.pagesOnDiskMs) / 1000, 1)} s more), ` +
        `${fmt(full.ms / (pageCount * LANGS.length), 1)} ms per topic page; this process grew by ${fmt((process.memoryUsage().rss - memoryBefore) / 1048576)} MB`,
    );
    console.log(`  extrapolated to ${fmt(LARGE_NETWORK_PAGES)} topic pages (5,000 × 22 languages), linearly: about ${fmt((full.ms / (pageCount * LANGS.length)) * LARGE_NETWORK_PAGES / 60_000)} min`);

    const edited = synthetic.pages[Math.floor(synthetic.pages.length / 2)]!;
    const view = (await atoz.queries.page(edited.slug))!;
    const saved = performance.now();
    await atoz.store.savePage({
      slug: view.slug,
      title: `${view.title} (edited)`,
      parentSlug: parentOf(edited.number),
      position: edited.number,
      summary: view.summary,
      createdOn: view.createdOn,
      sections: [{ heading: 'Overview', entries: [{ kind: 'summary', body: 'Edited once for the benchmark.' }] }],
    });
    await atoz.contentChanged();
    const incremental = await publishing.publishChanges(folder);
    const sinceSave = performance.now() - saved;
    console.log(
      `incremental publish after one edit (${incremental.mode}, ${incremental.changedPages.join(', ')}): pages on disk ${fmt(incremental.pagesOnDiskMs)} ms after the publish started ` +
        `(${fmt(sinceSave - (incremental.ms - incremental.pagesOnDiskMs))} ms after the save), search index ${fmt(incremental.ms - incremental.pagesOnDiskMs)} ms more; ${fmt(incremental.written)} files rewritten`,
    );
    await atoz.close();

    const first = `/directory/${synthetic.pages[0]!.slug}`;
    const live = await startAtoz({ ATOZ_DATA_DIR: dataDir, ATOZ_PUBLIC_URL: PUBLIC_URL }, first);
    try {
      const phases = live.phases ? ` (Node boot and modules ${fmt(live.phases.loadMs)} + createAtoz ${fmt(live.phases.startupMs)} + first page ${fmt(live.phases.firstPageMs)})` : '';
      console.log(`cold start of the live server on this database: ${fmt(live.coldStartMs)} ms to the first topic page${phases} (target < 1,000); memory after start ${fmt(rssMb(live.pid))} MB RSS (target < 500)`);
      const sample = Array.from({ length: Math.min(SAMPLES, synthetic.pages.length) }, (_, i) => `/directory/${synthetic.pages[(i * 7919) % synthetic.pages.length]!.slug}`);
      const timed = async () => {
        const times: number[] = [];
        for (const path of sample) {
          const started = performance.now();
          const res = await get(live.url + path, { 'Accept-Encoding': 'gzip' }, 30_000);
          if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
          times.push(performance.now() - started);
        }
        return times;
      };
      const cold = await timed();
      const warm = await timed();
      console.log(`topic page over HTTP, ${sample.length} pages one at a time: first render p50 ${fmt(percentile(cold, 50), 1)} ms, p99 ${fmt(percentile(cold, 99), 1)} ms; cached p50 ${fmt(percentile(warm, 50), 1)} ms, p99 ${fmt(percentile(warm, 99), 1)} ms`);

      const top = await get(`${live.url}/sitemap.xml`, {}, 60_000);
      const xml = top.body.toString('utf8');
      const parts = xml.includes('<sitemapindex') ? [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname) : ['/sitemap.xml'];
      let urls = 0;
      const problems: string[] = [];
      for (const path of parts) {
        const body = path === '/sitemap.xml' ? top.body : (await get(live.url + path, {}, 60_000)).body;
        const text = body.toString('utf8');
        const count = (text.match(/<url>/g) ?? []).length;
        if (count !== (text.match(/<\/url>/g) ?? []).length || count !== (text.match(/<loc>/g) ?? []).length) problems.push(`${path}: unbalanced <url>/<loc>`);
        if (count > SITEMAP_MAX_URLS) problems.push(`${path}: ${count} URLs`);
        if (body.length > SITEMAP_MAX_BYTES) problems.push(`${path}: ${body.length} bytes`);
        if (!text.startsWith('<?xml') || !text.includes('<urlset')) problems.push(`${path}: not a urlset`);
        urls += count;
      }
      console.log(`sitemap: ${parts.length === 1 ? 'one file' : `an index of ${parts.length} files`}, ${fmt(urls)} URLs, ${problems.length ? `PROBLEMS: ${problems.join('; ')}` : 'every file within 50,000 URLs and 50 MB'}`);
    } finally {
      await live.stop();
    }
    console.log(`Machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; other work on the machine moves these numbers.`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('benchmark failed:', error);
  process.exit(1);
});
