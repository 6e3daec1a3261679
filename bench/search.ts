/**
 * Search benchmark: `npm run bench:search [-- options]`.
 *
 * Builds a deterministic synthetic directory (seeded PRNG: src/search/synthetic-directory.ts),
 * loads it through the search bulk path (src/search/bulk.ts, not the page store), then prints
 * index build time, index size on disk and in-process query latency (p50/p95/p99) over a fixed
 * mix of exact, prefix, synonym and misspelt queries, with synonyms and typo tolerance on; and
 * the same figures for MiniSearch (fuzzy and prefix on, same documents, same queries) as the
 * baseline.
 *
 *   --digests=100000     digests in the synthetic directory (try 1000000)
 *   --queries=3000       queries in the measured mix
 *   --seed=42            PRNG seed (same seed, same directory, same queries)
 *   --postgres           run on PostgreSQL: a temporary database on the server of DATABASE_URL
 *   --no-minisearch      skip the baseline (it holds everything in memory: large runs need a big heap)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import MiniSearch from 'minisearch';
import pg from 'pg';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { foldedWords, stem } from '../src/search/normalize.js';
import { createSearch } from '../src/search/search.js';
import { STOPWORDS } from '../src/search/stopwords.js';
import { seededRandom, syntheticDirectory } from '../src/search/synthetic-directory.js';
import { packageRoot } from '../src/web/package-root.js';

type Category = 'exact' | 'prefix' | 'synonym' | 'misspelt';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const DIGESTS = Number(args.get('digests') ?? 100_000);
const QUERIES = Number(args.get('queries') ?? 3000);
const SEED = Number(args.get('seed') ?? 42);
const POSTGRES = args.has('postgres');
const MINISEARCH = !args.has('no-minisearch');
const CONTENT = join(packageRoot(), 'content');

// Reader vocabulary from the synonym table's seed list, as typed.
const SYNONYM_QUERIES = ['SSc', 'dcSSc', 'dSSc', 'lcSSc', 'RP', 'Raynauds', "Reynaud's", 'NK cells', 'vit D', 'cholecalciferol', 'TGFβ', 'TNF-α', 'coeliac', 'Sjoegren', 'amalgam', 'mercury fillings', 'CREST', 'AGEs', 'systemic sclerosis'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(times: number[]): string {
  const s = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(2)} ms  p95 ${percentile(s, 95).toFixed(2)} ms  p99 ${percentile(s, 99).toFixed(2)} ms  (n=${s.length})`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The fixed query mix: same seed, same queries. */
function queryMix(vocabulary: string[]): Array<{ text: string; category: Category }> {
  const random = seededRandom(SEED + 99);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Common words come first in the generator's vocabulary (Zipf order); queries mix common and rarer ones.
  const common = vocabulary.slice(0, 300);
  const anyWord = () => (random() < 0.6 ? pick(common) : pick(vocabulary));
  const long = vocabulary.filter((w) => /^[a-z]{5,}$/.test(w));
  const out: Array<{ text: string; category: Category }> = [];
  for (let i = 0; i < QUERIES; i++) {
    const r = random();
    if (r < 0.4) out.push({ category: 'exact', text: random() < 0.5 ? anyWord() : `${anyWord()} ${anyWord()}` });
    else if (r < 0.6) {
      const w = pick(long);
      out.push({ category: 'prefix', text: w.slice(0, 3 + Math.floor(random() * Math.min(4, w.length - 3))) });
    } else if (r < 0.8) out.push({ category: 'synonym', text: random() < 0.6 ? pick(SYNONYM_QUERIES) : `${pick(SYNONYM_QUERIES)} ${anyWord()}` });
    else out.push({ category: 'misspelt', text: misspell(pick(long), random) });
  }
  return out;
}

/** One slip (two in long words, sometimes): a substitution, deletion, insertion or swap of neighbours. */
function misspell(word: string, random: () => number): string {
  let w = word;
  const slips = w.length >= 8 && random() < 0.3 ? 2 : 1;
  for (let s = 0; s < slips; s++) {
    const i = 1 + Math.floor(random() * (w.length - 2));
    const letter = String.fromCharCode(97 + Math.floor(random() * 26));
    const kind = Math.floor(random() * 4);
    if (kind === 0) w = w.slice(0, i) + letter + w.slice(i + 1);
    else if (kind === 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (kind === 2) w = w.slice(0, i) + letter + w.slice(i);
    else w = w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  }
  return w;
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; file?: string; drop: () => Promise<void> }> {
  if (POSTGRES) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('--postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test); a temporary database is created on that server');
    const name = `atoz_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const handle = openPostgres({ dataDir: tmpdir(), dbPoolSize: 4, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 600_000 }, target.toString());
    return {
      handle,
      drop: async () => {
        await handle.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'atoz-bench-search-'));
  const handle = openSqlite(dir);
  return {
    handle,
    file: join(dir, 'atoz.sqlite'),
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  console.log(`atoz search benchmark: ${DIGESTS.toLocaleString('en')} digests, ${QUERIES} queries, seed ${SEED}, ${POSTGRES ? 'PostgreSQL' : 'SQLite'}`);
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start (latency is wall-clock time: a busy machine inflates it)`);
  const { handle, file, drop } = await openBenchDatabase();
  const { db } = handle;
  try {
    await migrateToLatest(db);
    const directory = syntheticDirectory({ seed: SEED, digests: DIGESTS, contentDir: CONTENT });

    let t = performance.now();
    const today = '2024-01-01';
    const now = new Date().toISOString();
    for (let i = 0; i < directory.pages.length; i += 2000) {
      await db
        .insertInto('pages')
        .values(directory.pages.slice(i, i + 2000).map((p) => ({ slug: p.slug, title: p.title, summary: p.summary, position: p.number, parent_id: null, created_on: today, changed_at: now })))
        .execute();
    }
    const idBySlug = new Map((await db.selectFrom('pages').select(['id', 'slug']).execute()).map((r) => [r.slug, r.id]));
    const pageIds = directory.pages.map((p) => idBySlug.get(p.slug)!);
    console.log(`pages table: ${directory.pages.length.toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the index build)`);

    const search = createSearch(db);
    t = performance.now();
    const loaded = await search.bulkLoad(directory.documents(pageIds));
    const buildSeconds = (performance.now() - t) / 1000;
    const sizes = await search.backend.sizes(db);
    const indexBytes = Object.values(sizes).reduce((a, b) => a + b, 0);
    if (file) await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const terms = await db.selectFrom('search_terms').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();

    console.log(`\n== atoz (${POSTGRES ? 'PostgreSQL tsvector + pg_trgm' : 'SQLite FTS5'}), synonyms and typo tolerance on`);
    console.log(`index build: ${buildSeconds.toFixed(1)} s for ${loaded.documents.toLocaleString('en')} documents (${Number(terms.n).toLocaleString('en')} terms), bulk path incl. compaction`);
    console.log(`index size on disk: ${mb(indexBytes)}  (${Object.entries(sizes).map(([k, v]) => `${k} ${mb(v)}`).join(', ')})`);
    if (file) console.log(`whole database file: ${mb(statSync(file).size)}`);

    const queries = queryMix(directory.vocabulary);
    // Warm-up (caches, JIT, vocabulary load), not measured.
    for (const q of queries.slice(0, 200)) await search.search({ text: q.text });
    const times: Record<Category | 'all', number[]> = { all: [], exact: [], prefix: [], synonym: [], misspelt: [] };
    const cpuTimes: number[] = [];
    let found = 0;
    for (const q of queries) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const r = await search.search({ text: q.text });
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      times.all.push(ms);
      times[q.category].push(ms);
      if (r.total > 0) found++;
    }
    console.log(`query latency, results page (search): ${summary(times.all)}; ${((found / queries.length) * 100).toFixed(0)}% of queries found something`);
    for (const c of ['exact', 'prefix', 'synonym', 'misspelt'] as const) console.log(`  ${c.padEnd(9)} ${summary(times[c])}`);
    console.log(`  CPU time of this process per query (unaffected by waiting for a busy machine${POSTGRES ? '; excludes the PostgreSQL server' : ''}): ${summary(cpuTimes)}`);
    const suggestTimes: number[] = [];
    for (const q of queries.filter((x) => x.category === 'prefix')) {
      const start = performance.now();
      await search.suggest(q.text);
      suggestTimes.push(performance.now() - start);
    }
    console.log(`type-ahead (suggest) on the prefix queries: ${summary(suggestTimes)}`);

    if (MINISEARCH) await miniSearchBaseline(pageIds, queries);
    console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await drop();
  }
}

/** MiniSearch over the same documents and queries: fuzzy (0.2) and prefix on, AND, same folding and stop words; it has no synonyms. */
async function miniSearchBaseline(pageIds: number[], queries: Array<{ text: string; category: Category }>) {
  const directory = syntheticDirectory({ seed: SEED, digests: DIGESTS, contentDir: CONTENT });
  const processTerm = (term: string) => {
    const words = foldedWords(term).filter((w) => !STOPWORDS.has(w)).map((t) => stem(t));
    return words.length ? words : null;
  };
  const mini = new MiniSearch<{ id: number; title: string; heading: string; links: string; body: string; source: string }>({
    fields: ['title', 'heading', 'links', 'body', 'source'],
    processTerm,
    searchOptions: { boost: { title: 10, heading: 5, links: 3, body: 1, source: 0.7 }, fuzzy: 0.2, prefix: true, combineWith: 'AND', processTerm },
  });
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  let id = 0;
  let batch: Array<{ id: number; title: string; heading: string; links: string; body: string; source: string }> = [];
  for (const d of directory.documents(pageIds)) {
    batch.push({ id: id++, title: d.title, heading: d.heading, links: d.links, body: d.body, source: d.source });
    if (batch.length === 10_000) {
      mini.addAll(batch);
      batch = [];
    }
  }
  mini.addAll(batch);
  const buildSeconds = (performance.now() - t) / 1000;
  globalThis.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  t = performance.now();
  const serialized = JSON.stringify(mini).length;
  console.log(`\n== MiniSearch baseline (in memory; fuzzy 0.2 + prefix, AND, no synonyms)`);
  console.log(`index build: ${buildSeconds.toFixed(1)} s for ${id.toLocaleString('en')} documents`);
  console.log(`index size: serialized ${mb(serialized)}; heap growth ${mb(heapAfter - heapBefore)} (no disk: rebuilt at every start)`);
  for (const q of queries.slice(0, 200)) mini.search(q.text);
  const times: Record<Category | 'all', number[]> = { all: [], exact: [], prefix: [], synonym: [], misspelt: [] };
  let found = 0;
  const cpuTimes: number[] = [];
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const r = mini.search(q.text);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    times.all.push(ms);
    times[q.category].push(ms);
    if (r.length) found++;
  }
  console.log(`query latency: ${summary(times.all)}; ${((found / queries.length) * 100).toFixed(0)}% of queries found something`);
  for (const c of ['exact', 'prefix', 'synonym', 'misspelt'] as const) console.log(`  ${c.padEnd(9)} ${summary(times[c])}`);
  console.log(`  CPU time per query: ${summary(cpuTimes)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
