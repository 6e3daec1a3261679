/**
 * `npm run bench:rate-limits`: how many requests a second the shared rate
 * limits (src/web/rate-limits.ts, one upsert per request in the database) can
 * count, against the per-process counters they replaced (a Map in memory,
 * measured in the same run), on SQLite and, when a server answers, PostgreSQL.
 *
 * Also measured, to show why the limits are written as they are: the same
 * upsert on SQLite committed with synchronous=FULL (an fsync per request), and
 * on PostgreSQL into a logged table (WAL flushed per request).
 *
 *   BENCH_TAKES=2000   requests counted per row
 *   BENCH_POSTGRES_URL / DATABASE_URL: the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Db, openPostgres, openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createRateLimits } from '../src/web/rate-limits.js';
import { createPostgresDemoDatabase } from './support/postgres-demo.js';

const TAKES = Math.max(100, Number(process.env.BENCH_TAKES ?? 2000));
const CLIENTS = 100;
const key = (i: number) => `192.0.2.${i % CLIENTS}`;

/** The per-process fixed window the editor used before (src/editing/rate-limit.ts), as the baseline. */
function memoryWindow(limit: number, windowMs: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (k: string) => {
    const t = Date.now();
    let w = windows.get(k);
    if (!w || t - w.start >= windowMs) windows.set(k, (w = { start: t, count: 0 }));
    if (w.count >= limit) return false;
    w.count++;
    return true;
  };
}

/** The same upsert as the shared limits, committed the plain way (no SQLite synchronous switch). */
async function plainUpsert(db: Db, k: string): Promise<void> {
  const now = new Date();
  const nowIso = now.toISOString();
  const stale = sql<boolean>`rate_limits.window_started_at <= ${new Date(now.getTime() - 10_000).toISOString()}`;
  await db
    .insertInto('rate_limits')
    .values({ key: `plain:${k}`, hits: 1, window_started_at: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${stale} then 1 else rate_limits.hits + 1 end`,
        window_started_at: sql<string>`case when ${stale} then ${nowIso} else rate_limits.window_started_at end`,
      }),
    )
    .returning(['hits'])
    .executeTakeFirstOrThrow();
}

async function rate(name: string, work: (i: number) => unknown, concurrency = 1): Promise<void> {
  for (let i = 0; i < Math.min(50, TAKES); i++) await work(i); // warm up
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < TAKES) await work(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(58)} ${Math.round(TAKES / seconds).toLocaleString('en').padStart(10)} requests/s   ${((seconds * 1000) / TAKES).toFixed(3).padStart(8)} ms each`);
}

console.log(`rate limit counting, ${TAKES} requests over ${CLIENTS} clients per row, Node ${process.version}`);
const memory = memoryWindow(50, 10_000);
await rate('before: per-process memory (Map)', (i) => memory(key(i)));

const dir = mkdtempSync(join(tmpdir(), 'atoz-bench-rl-'));
const sqlite = openSqlite(dir);
try {
  await migrateToLatest(sqlite.db);
  const limits = createRateLimits(sqlite.db);
  await rate('after: shared, SQLite (counter commit without fsync)', (i) => limits.suggest.take(key(i)));
  await rate('       the same upsert on SQLite, fsync per request', (i) => plainUpsert(sqlite.db, key(i)));
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

let postgres;
try {
  postgres = await createPostgresDemoDatabase();
} catch (error) {
  console.log(`PostgreSQL rows skipped: ${(error as Error).message}`);
}
if (postgres) {
  const handle = openPostgres({ dataDir: dir, databaseUrl: postgres.url, dbPoolSize: 10, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 15_000 }, postgres.url);
  try {
    const limits = createRateLimits(handle.db);
    await rate('after: shared, PostgreSQL (unlogged table)', (i) => limits.suggest.take(key(i)));
    await rate('after: shared, PostgreSQL (unlogged table), 10 at a time', (i) => limits.suggest.take(key(i)), 10);
    await sql`alter table rate_limits set logged`.execute(handle.db);
    await rate('       the same on a logged table', (i) => limits.suggest.take(key(i)));
    await rate('       the same on a logged table, 10 at a time', (i) => limits.suggest.take(key(i)), 10);
  } finally {
    await handle.close();
    await postgres.drop();
  }
}
