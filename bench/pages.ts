/**
 * `npm run bench`: how fast atoz serves a cached topic page, next to nginx
 * serving the same bytes as a static file, plus cold start time.
 *
 * 1. Prepare a data directory with the demo imported (once, like a first `npm start`).
 * 2. Start dist/src/main.js on it as its own process; time spawn → first 200 of a topic page.
 * 3. Save that page's gzip bytes; start nginx (1 worker, gzip_static) serving them.
 * 4. For context, start a bare node:http server sending the same bytes and headers (Node's own ceiling).
 * 4b. Publish the same database (npm run atoz -- publish) and start nginx on that folder with the configuration
 *     publish writes, beside nginx serving the published page's bytes by hand (BENCH_PUBLISHED=0 skips it).
 * 5. wrk each (2 threads, 50 connections, 10 s, Accept-Encoding: gzip) in alternating rounds; print req/s, p99 and ratios.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_THREADS (2),
 * BENCH_PATH (/directory/causes-of-scleroderma), BENCH_COLD_STARTS (3), BENCH_PROCESSES (2: also compare
 * atoz with that many HTTP processes against nginx with that many workers), BENCH_ROUNDS (3: alternating
 * nginx/atoz runs, the median round per side is reported), BENCH_POSTGRES=0 to skip PostgreSQL.
 * Numbers, not assertions: the run never fails on speed; it prints the targets beside the results.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type AtozProcess, startAtoz } from './support/atoz-process.js';
import { get } from './support/http.js';
import { startBareNode } from './support/bare-node.js';
import { startNginx, startNginxOnFolder } from './support/nginx.js';
import { fileForPath } from '../src/publishing/publish.js';
import { packageRoot } from '../src/web/package-root.js';
import { createPostgresDemoDatabase } from './support/postgres-demo.js';
import { prepareSqliteDemo } from './support/sqlite-demo.js';
import { type WrkResult, runWrk } from './support/wrk.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const PAGE = process.env.BENCH_PATH ?? '/directory/causes-of-scleroderma';
const COLD_STARTS = Math.max(1, Number(process.env.BENCH_COLD_STARTS ?? 3));
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
// HTTP processes for the all-cores comparison (atoz ATOZ_PROCESSES=N against nginx with N workers); 1 skips it.
const PROCESSES = Math.max(1, Number(process.env.BENCH_PROCESSES ?? 2));
// Both sides send the same gzip bytes (nginx-light's gzip_static has no brotli counterpart).
const ENCODING = { 'Accept-Encoding': 'gzip' };
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 10;
const TARGET_COLD_START_MS = 1000;

/** A database atoz can start on: SQLite in a data dir, or PostgreSQL by URL. */
interface DatabaseTarget {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** PostgreSQL column: a fresh database with the demo imported, dropped afterwards; skipped when no server answers. */
async function postgresTarget(): Promise<DatabaseTarget | null> {
  if (process.env.BENCH_POSTGRES === '0') return null;
  try {
    const db = await createPostgresDemoDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-pg-data-'));
    return {
      name: 'atoz (PostgreSQL)',
      env: { DATABASE_URL: db.url, ATOZ_DATA_DIR: dataDir },
      cleanup: async () => {
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    console.log(`PostgreSQL column skipped: ${(error as Error).message}`);
    return null;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function coldStarts(target: DatabaseTarget): Promise<{ times: number[]; running: AtozProcess }> {
  const runs: AtozProcess[] = [];
  for (let i = 0; i < COLD_STARTS - 1; i++) {
    const p = await startAtoz(target.env, PAGE);
    runs.push(p);
    await p.stop();
  }
  const running = await startAtoz(target.env, PAGE);
  runs.push(running);
  const med = [...runs].sort((a, b) => a.coldStartMs - b.coldStartMs)[Math.floor(runs.length / 2)]!;
  if (med.phases) {
    const { loadMs, startupMs, firstPageMs } = med.phases;
    console.log(`${target.name} cold start ${fmt(med.coldStartMs)} ms = Node boot and module loading ${fmt(loadMs)} + createAtoz ${fmt(startupMs)} + first page ${fmt(firstPageMs)}`);
  }
  return { times: runs.map((r) => r.coldStartMs), running };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'atoz-bench-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    console.log(`atoz page benchmark: ${PAGE}, wrk -t${THREADS} -c${CONNECTIONS} -d${SECONDS}s --latency, Accept-Encoding: gzip on both sides, ${ROUNDS} alternating round(s)`);
    const dataDir = join(work, 'data');
    const prepStarted = performance.now();
    const pages = await prepareSqliteDemo(dataDir);
    console.log(`prepared ${dataDir}: ${pages} demo pages imported in ${fmt(performance.now() - prepStarted)} ms (not part of cold start)`);

    const targets: DatabaseTarget[] = [{ name: 'atoz (SQLite)', env: { ATOZ_DATA_DIR: dataDir }, cleanup: async () => {} }];
    const pg = await postgresTarget();
    if (pg) targets.push(pg);
    else console.log('PostgreSQL column skipped (BENCH_POSTGRES=0 or no server); SQLite only.');

    // Every server runs for the whole benchmark; rounds alternate between them, so a
    // burst of other work on this machine falls on both sides rather than one.
    const servers: Array<{ name: string; url: string; coldStart?: number[]; versus?: string; note?: string }> = [];
    let referenceGzip: Buffer | undefined;
    let referenceHeaders: Record<string, string> = {};
    for (const target of targets) {
      stops.push(target.cleanup);
      // A fixed public URL, as operators set it: canonical links are then the same bytes whatever the port.
      const { times, running } = await coldStarts({ ...target, env: { ATOZ_PUBLIC_URL: 'https://atoz.bench.example', ...target.env } });
      stops.push(running.stop);
      const page = await get(running.url + PAGE, ENCODING);
      if (page.headers['content-encoding'] !== 'gzip') throw new Error(`${target.name} did not send gzip for ${PAGE}`);
      if (referenceGzip && !page.body.equals(referenceGzip)) console.log(`note: ${target.name} sends other bytes than ${targets[0]!.name} (${fmt(page.body.length)} gzip bytes); nginx serves ${targets[0]!.name}'s`);
      if (!referenceGzip) {
        referenceGzip = page.body;
        // The same headers atoz sends, for the bare node:http ceiling (Node adds date and connection itself).
        for (const [name, value] of Object.entries(page.headers)) {
          if (typeof value === 'string' && !['date', 'connection', 'keep-alive'].includes(name)) referenceHeaders[name] = value;
        }
      }
      servers.push({ name: target.name, url: running.url + PAGE, coldStart: times });
    }

    const nginx = await startNginx({ 'topic.html': gunzipSync(referenceGzip!), 'topic.html.gz': referenceGzip! });
    stops.push(nginx.stop);
    const fromNginx = await get(`${nginx.url}/topic.html`, ENCODING);
    if (fromNginx.headers['content-encoding'] !== 'gzip' || !fromNginx.body.equals(referenceGzip!)) {
      throw new Error('nginx does not serve the same gzip bytes as atoz: the comparison would be unfair');
    }
    servers.unshift({ name: 'nginx (static)', url: `${nginx.url}/topic.html` });
    const bare = await startBareNode(referenceGzip!, referenceHeaders);
    stops.push(bare.stop);
    servers.push({ name: 'node:http (bare)', url: `${bare.url}/` });
    const bareWithContext = await startBareNode(referenceGzip!, referenceHeaders, { asyncContext: true });
    stops.push(bareWithContext.stop);
    servers.push({ name: 'node:http + ALS', url: `${bareWithContext.url}/`, note: 'bare, with an AsyncLocalStorage in use (as hono/jsx renders)' });
    console.log(`reference: ${nginx.description}, same ${fmt(referenceGzip!.length)} gzip bytes (${fmt(gunzipSync(referenceGzip!).length)} bytes of HTML)`);

    // The static copy: nginx serving the published folder against nginx serving the same file's bytes by hand (target 1.0 ×).
    if (process.env.BENCH_PUBLISHED !== '0') {
      const folder = join(work, 'published');
      const started = performance.now();
      const cli = spawnSync(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli.js'), 'publish', folder, '--live', 'http://127.0.0.1:9'], {
        env: { PATH: process.env.PATH ?? '', ATOZ_DATA_DIR: dataDir, ATOZ_PUBLIC_URL: 'https://atoz.bench.example', NODE_ENV: 'production' },
        encoding: 'utf8',
      });
      if (cli.status !== 0) throw new Error(`publish failed: ${cli.stderr}`);
      console.log(`published the demo into ${folder} in ${fmt(performance.now() - started)} ms (not part of any figure)`);
      // nginx's workers run as another user: the folders on the way must be readable.
      chmodSync(work, 0o755);
      const file = join(folder, fileForPath(PAGE));
      const published = await startNginxOnFolder(folder, PAGE);
      stops.push(published.stop);
      const byHand = await startNginx({ 'topic.html': readFileSync(file), 'topic.html.gz': readFileSync(`${file}.gz`) });
      stops.push(byHand.stop);
      const [a, b] = [await get(published.url + PAGE, ENCODING), await get(`${byHand.url}/topic.html`, ENCODING)];
      if (!a.body.equals(b.body) || a.headers['content-encoding'] !== 'gzip') throw new Error('nginx on the published folder does not send the bytes nginx sends by hand: the comparison would be unfair');
      servers.push({ name: 'nginx, published by hand', url: `${byHand.url}/topic.html`, note: 'the published bytes' });
      servers.push({ name: 'nginx, published folder', url: published.url + PAGE, versus: 'nginx, published by hand', note: 'vs by hand (target 1.00)' });
    }

    // Every core: atoz with one HTTP process per core (ATOZ_PROCESSES) against nginx with as many workers.
    if (PROCESSES > 1) {
      const multi = await startAtoz({ ATOZ_PUBLIC_URL: 'https://atoz.bench.example', ATOZ_DATA_DIR: dataDir, ATOZ_PROCESSES: String(PROCESSES) }, PAGE);
      stops.push(multi.stop);
      const nginxMulti = await startNginx({ 'topic.html': gunzipSync(referenceGzip!), 'topic.html.gz': referenceGzip! }, PROCESSES);
      stops.push(nginxMulti.stop);
      servers.push({ name: `nginx ×${PROCESSES} workers`, url: `${nginxMulti.url}/topic.html` });
      servers.push({ name: `atoz (SQLite) ×${PROCESSES}`, url: multi.url + PAGE, versus: `nginx ×${PROCESSES} workers` });
    }

    const wrkOptions = { threads: THREADS, connections: CONNECTIONS, seconds: SECONDS, headers: ENCODING };
    // Warm-up: JIT, connection setup (atoz's render cache is already filled by the first request).
    for (const server of servers) await runWrk(server.url, { ...wrkOptions, seconds: 1 });
    const results = new Map<string, WrkResult[]>(servers.map((s) => [s.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const server of servers) results.get(server.name)!.push(await runWrk(server.url, wrkOptions));
    }
    // Per side, the round with the median req/s.
    const pick = (name: string) => [...results.get(name)!].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(ROUNDS / 2)]!;
    const reference = pick('nginx (static)');
    const rows = servers.slice(1).map((s) => ({ name: s.name, result: pick(s.name), coldStart: s.coldStart, versus: s.versus, note: s.note }));
    const ceiling = pick('node:http (bare)');
    const ceilingWithContext = pick('node:http + ALS');

    console.log('');
    console.log(['server'.padEnd(20), 'req/s'.padStart(10), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(7), '× nginx'.padStart(8), 'cold start ms (median of runs)'.padStart(32)].join(' '));
    const line = (name: string, r: WrkResult, extra: string, cold = '') =>
      console.log([name.padEnd(20), fmt(r.requestsPerSecond).padStart(10), fmt(r.p50Ms, 2).padStart(8), fmt(r.p99Ms, 2).padStart(8), fmt(r.errors).padStart(7), extra.padStart(8), cold.padStart(32)].join(' '));
    line('nginx (static)', reference, '1.00');
    const verdicts: string[] = [];
    for (const { name, result, coldStart, versus, note } of rows) {
      const against = versus ? pick(versus) : reference;
      const ratio = result.requestsPerSecond / against.requestsPerSecond;
      if (note) {
        line(name, result, fmt(ratio, 2), note);
        continue;
      }
      if (name.startsWith('nginx')) {
        line(name, result, fmt(ratio, 2), 'more workers, same bytes');
        continue;
      }
      if (versus) {
        line(name, result, fmt(ratio, 2), `vs ${versus}`);
        verdicts.push(`${name}: ratio ${fmt(ratio, 2)} against ${versus} (target ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'MET' : 'MISSED'}; p99 ${fmt(result.p99Ms, 2)} ms (target < ${TARGET_P99_MS}) ${result.p99Ms < TARGET_P99_MS ? 'MET' : 'MISSED'}`);
        continue;
      }
      if (!coldStart) {
        line(name, result, fmt(ratio, 2), 'ceiling: no app at all');
        continue;
      }
      const cold = median(coldStart);
      line(name, result, fmt(ratio, 2), `${fmt(cold)} (${coldStart.map((t) => fmt(t)).join(', ')})`);
      verdicts.push(
        `${name}: ratio ${fmt(ratio, 2)} (target ≥ ${TARGET_RATIO}) ${ratio >= TARGET_RATIO ? 'MET' : 'MISSED'}, ` +
          `${fmt((100 * result.requestsPerSecond) / ceiling.requestsPerSecond)} % of bare node:http (${fmt((100 * result.requestsPerSecond) / ceilingWithContext.requestsPerSecond)} % of it with an AsyncLocalStorage in use); ` +
          `p99 ${fmt(result.p99Ms, 2)} ms (target < ${TARGET_P99_MS}) ${result.p99Ms < TARGET_P99_MS ? 'MET' : 'MISSED'}; ` +
          `cold start ${fmt(cold)} ms (target < ${TARGET_COLD_START_MS}) ${cold < TARGET_COLD_START_MS ? 'MET' : 'MISSED'}` +
          (result.errors ? `; ${result.errors} errors during the run` : ''),
      );
    }
    console.log('');
    for (const v of verdicts) console.log(v);
    console.log(`Machine: ${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`);
    console.log('wrk, the servers and nginx share these cores, and other work on the machine moves the numbers: compare runs on an idle machine.');
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('benchmark failed:', error);
  process.exit(1);
});
