/**
 * `npm run bench:languages`: a topic page rendered (not served from the render
 * cache) in each interface language, beside English in the same run. Target
 * (issue 10): every language within 10 % of English, the render as it was
 * before translations existed.
 *
 * In-process (createAtoz, app.request), the render cache emptied before each
 * request, languages interleaved so that machine load touches them alike.
 * Environment: BENCH_SAMPLES (per language, default 200), BENCH_PATH
 * (/directory/causes-of-scleroderma, translated in the demo into es, fr and ar).
 * Numbers, not assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAtoz } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { LANGS, pathIn } from '../src/i18n/languages.js';
import { packageRoot } from '../src/web/package-root.js';
import { prepareSqliteDemo } from './support/sqlite-demo.js';

const SAMPLES = Math.max(10, Number(process.env.BENCH_SAMPLES ?? 200));
const PAGE = process.env.BENCH_PATH ?? '/directory/causes-of-scleroderma';
const WARM_UP = 20;

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-languages-'));
  try {
    console.log(`atoz topic page render by language · ${PAGE} · ${SAMPLES} renders each · ${cpus().length} cores · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · Node ${process.version}`);
    await prepareSqliteDemo(dataDir);
    const config = { ...loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), databaseUrl: undefined }), worker: false };
    const atoz = await createAtoz(config, { importIfEmpty: false });
    try {
      const paths = new Map(LANGS.map((lang) => [lang, pathIn(lang, PAGE)]));
      const times = new Map(LANGS.map((lang) => [lang, [] as number[]]));
      const bytes = new Map<string, number>();
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        for (const lang of LANGS) {
          atoz.cache.clear();
          const started = performance.now();
          const res = await atoz.app.request(paths.get(lang)!);
          const body = await res.text();
          const ms = performance.now() - started;
          if (res.status !== 200) throw new Error(`${paths.get(lang)} answered ${res.status}`);
          bytes.set(lang, body.length);
          if (i >= WARM_UP) times.get(lang)!.push(ms);
        }
      }
      const english = percentile(times.get('en')!, 50);
      console.log('');
      console.log(['language'.padEnd(10), 'path'.padEnd(40), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'HTML KB'.padStart(8), '× English'.padStart(10)].join(' '));
      for (const lang of LANGS) {
        const xs = times.get(lang)!;
        const ratio = percentile(xs, 50) / english;
        const verdict = lang === 'en' ? '(baseline)' : ratio <= 1.1 ? 'within 10 %' : 'SLOWER than 10 %';
        console.log([lang.padEnd(10), paths.get(lang)!.padEnd(40), fmt(percentile(xs, 50)).padStart(8), fmt(percentile(xs, 95)).padStart(8), fmt(bytes.get(lang)! / 1024).padStart(8), fmt(ratio, 2).padStart(10), verdict].join(' '));
      }
    } finally {
      await atoz.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
