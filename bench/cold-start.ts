/**
 * `npm run bench:start`: how long from a command to the first page.
 *
 * Three columns, each the median of BENCH_RUNS (default 5) runs on one demo database:
 * - `npm start` again (the build is current, so the build step only checks a fingerprint):
 *   spawn of `npm start` → first 200 of a topic page.
 * - the server alone (`node dist/src/main.js`), split into Node boot and module loading,
 *   createAtoz() and the first page.
 * - the baseline: a bare node:http server answering 200, spawned the same way: what Node
 *   itself costs to boot on this machine, in this run.
 * - the server alone again on the same database after adding BENCH_CITATIONS (default
 *   100,000) synthetic citations: start must not grow with the directory.
 * Targets (issue 17): a second `npm start` under 1.5 s; the server's cold start under 0.5 s idle.
 * Numbers, not assertions.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { packageRoot } from '../src/web/package-root.js';
import { startAtoz } from './support/atoz-process.js';
import { freePort, waitFor200 } from './support/http.js';
import { prepareSqliteDemo } from './support/sqlite-demo.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const PAGE = process.env.BENCH_PATH ?? '/directory/causes-of-scleroderma';
const root = packageRoot();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** Spawns `command args`, waits for the first 200 of `path` on the port it was given, stops it; the time taken. */
async function timeToFirstPage(command: string, args: string[], env: Record<string, string>, path: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  let alive = true;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((alive = false), resolve())));
  try {
    return await waitFor200(`http://127.0.0.1:${port}${path}`, started, 30_000, () => alive);
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} did not answer: ${(error as Error).message}\n${errors}`);
  } finally {
    // npm starts node as its child: stop the whole process group.
    if (alive) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

/** Synthetic citations added for the start-versus-size figure (BENCH_CITATIONS; 0 leaves it out). */
const CITATIONS = Math.max(0, Number(process.env.BENCH_CITATIONS ?? 100_000));

async function timeOnce(env: Record<string, string>): Promise<number> {
  const atoz = await startAtoz(env, PAGE);
  await atoz.stop();
  return atoz.coldStartMs;
}

/** Word-salad records (never real studies) with a stored formatting each, written straight into the SQLite file. */
function addSyntheticCitations(file: string, count: number): void {
  const db = new Database(file);
  try {
    const now = new Date().toISOString();
    const citation = db.prepare('insert into citations (key, csl, title, issued_year, changed_at) values (?, ?, ?, ?, ?)');
    const format = db.prepare('insert into citation_formats (cache_key, citation_key, style, html, text, created_at) values (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const key = `bench-synthetic-${i}`;
        const title = `Synthetic record ${i} for timing only`;
        citation.run(key, JSON.stringify({ id: key, type: 'article-journal', title, issued: { 'date-parts': [[2000 + (i % 25)]] } }), title, 2000 + (i % 25), now);
        format.run(`bench:${key}`, key, 'vancouver', `<span>${title}.</span>`, `${title}.`, now);
      }
    })();
  } finally {
    db.close();
  }
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), process.env.HOST)`;

async function main(): Promise<void> {
  console.log(`atoz cold start · ${cpus().length} cores · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · Node ${process.version} · ${RUNS} runs each`);
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-start-'));
  try {
    const pages = await prepareSqliteDemo(dataDir);
    console.log(`prepared ${dataDir}: ${pages} demo pages (not part of any figure)`);
    const env = { ATOZ_DATA_DIR: dataDir };

    const bare: number[] = [];
    const server: number[] = [];
    const phases: Array<{ loadMs: number; startupMs: number; firstPageMs: number }> = [];
    const npmStart: number[] = [];
    // Alternate the kinds so that a change in machine load touches all three alike.
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timeToFirstPage(process.execPath, ['-e', BARE_SERVER], {}, '/'));
      const atoz = await startAtoz(env, PAGE);
      server.push(atoz.coldStartMs);
      if (atoz.phases) phases.push(atoz.phases);
      await atoz.stop();
      npmStart.push(await timeToFirstPage('npm', ['start', '--silent'], env, PAGE));
    }

    const row = (name: string, times: number[], target: string) =>
      console.log(`${name.padEnd(34)} ${fmt(median(times)).padStart(6)} ms   (${times.map(fmt).join(', ')})   ${target}`);
    console.log('');
    row('bare node:http (baseline)', bare, '');
    row('atoz server (node dist/src/main.js)', server, `target < 500 idle · ${(median(server) / median(bare)).toFixed(1)} × baseline`);
    if (phases.length > 0) {
      const p = (key: 'loadMs' | 'startupMs' | 'firstPageMs') => fmt(median(phases.map((x) => x[key])));
      console.log(`${''.padEnd(34)}   = Node boot and module loading ${p('loadMs')} + createAtoz ${p('startupMs')} + first page ${p('firstPageMs')}`);
    }
    row('second `npm start`', npmStart, `target < 1,500 · ${median(npmStart) < 1500 ? 'MET' : 'MISSED'}`);

    // Start must not grow with the directory: the same server on the same database with many more citations
    // (each with its stored formatting, as after the format job). No worker, so only start itself is timed.
    if (CITATIONS > 0) {
      const quiet = { ...env, ATOZ_WORKER: '0' };
      const small: number[] = [];
      for (let run = 0; run < RUNS; run++) small.push(await timeOnce(quiet));
      addSyntheticCitations(join(dataDir, 'atoz.sqlite'), CITATIONS);
      const large: number[] = [];
      for (let run = 0; run < RUNS; run++) large.push(await timeOnce(quiet));
      console.log('');
      row('atoz server, demo citations', small, '(no worker)');
      row(`atoz server, +${fmt(CITATIONS)} citations`, large, `${(median(large) / median(small)).toFixed(2)} × the demo's start`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
