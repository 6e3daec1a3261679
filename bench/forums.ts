/**
 * `npm run bench:forums`: 50 members at once reading and replying in one busy
 * topic (1,000 replies), on SQLite and PostgreSQL, beside anonymous readers of
 * a directory topic page in the same run (the page the site is judged by).
 *
 * Each member, in a closed loop without pauses: reads the topic's last page
 * (signed in: rendered for them, marks it read), then sends a reply through the
 * form, as a browser would (CSRF token, the spam guard's fields). Replies past a
 * member's rate limit are held for moderators, which is also a write; the run
 * prints how many. The members and the topic are written straight to the
 * database before the server starts (not timed).
 *
 * Environment: BENCH_MEMBERS (50), BENCH_REPLIES (1,000), BENCH_SECONDS (15 per
 * phase), BENCH_POSTGRES=0 to skip PostgreSQL. Numbers, not assertions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../src/accounts/cookies.js';
import { createSessionStore } from '../src/accounts/sessions.js';
import { loadSigningKey } from '../src/accounts/signing-keys.js';
import { createForums, POSTS_PER_PAGE } from '../src/community/forums.js';
import { displayKey } from '../src/community/members.js';
import { formStarted } from '../src/community/spam.js';
import { type DatabaseHandle, openPostgres, openSqlite } from '../src/db/database.js';
import { loadConfig } from '../src/config.js';
import { startAtoz } from './support/atoz-process.js';
import { createPostgresDemoDatabase } from './support/postgres-demo.js';
import { prepareSqliteDemo } from './support/sqlite-demo.js';

const MEMBERS = Math.max(1, Number(process.env.BENCH_MEMBERS ?? 50));
const REPLIES = Math.max(1, Number(process.env.BENCH_REPLIES ?? 1000));
const SECONDS = Math.max(1, Number(process.env.BENCH_SECONDS ?? 15));
const TOPIC_PAGE = '/directory/causes-of-scleroderma';

const fmt = (n: number, digits = 1) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN);

interface Timings {
  times: number[];
  statuses: Map<number, number>;
}
const timings = (): Timings => ({ times: [], statuses: new Map() });
const record = (t: Timings, started: number, status: number) => {
  t.times.push(performance.now() - started);
  t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
};

/** A member as sign-up and a few approved posts would leave them (no password: signed in by a session made here). */
async function addMember(db: DatabaseHandle['db'], n: number): Promise<number> {
  const name = `Bench Member ${n}`;
  const now = new Date().toISOString();
  const user = await db
    .insertInto('users')
    .values({ email: `bench-member-${n}@example.org`, name, role: 'member', password_hash: null, author_key: null, created_at: now, password_changed_at: null, disabled_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('community_members').values({ user_id: user.id, display_name: name, display_key: displayKey(name), joined_at: '2020-01-01T00:00:00.000Z', approved_posts: 10 }).execute();
  return user.id;
}

/** A member's browser: the session cookie, no redirects followed. */
function memberClient(baseUrl: string, token: string) {
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    get: (path: string) => fetch(baseUrl + path, { headers: { cookie }, redirect: 'manual' }),
    post: (path: string, fields: Record<string, string>) =>
      fetch(baseUrl + path, { method: 'POST', body: new URLSearchParams(fields), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' }),
  };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** 1,000 replies by the members, a busy topic as readers find it. */
async function seed(handle: DatabaseHandle): Promise<{ topicId: number; memberIds: number[] }> {
  const db = handle.db;
  const memberIds: number[] = [];
  for (let i = 0; i < MEMBERS; i++) memberIds.push(await addMember(db, i + 1));
  const forums = createForums(db);
  const categoryId = await forums.addCategory({ slug: 'bench-busy', name: 'A busy category', description: '', lang: null, visibility: 'public' });
  const topic = await db.transaction().execute((tx) =>
    forums.createTopic(tx, { categoryId, authorId: memberIds[0]!, title: 'A busy topic for timing', body: 'The first post of a topic written for the benchmark.', held: false, reason: null, matches: [], urgent: false }),
  );
  for (let i = 0; i < REPLIES; i += 100) {
    await db.transaction().execute(async (tx) => {
      for (let j = i; j < Math.min(REPLIES, i + 100); j++) {
        await forums.createReply(tx, { topicId: topic.topicId, authorId: memberIds[j % memberIds.length]!, body: `Reply number ${j + 1}, written for the benchmark.\n\nA second paragraph with **some** Markdown.`, held: false, reason: null, matches: [], urgent: false });
      }
    });
  }
  return { topicId: topic.topicId, memberIds };
}

async function runBackend(name: string, env: Record<string, string>, handle: DatabaseHandle): Promise<void> {
  const { topicId, memberIds } = await seed(handle);
  const atoz = await startAtoz({ ...env, ATOZ_WORKER: '0' }, TOPIC_PAGE, process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []);
  try {
    const sessions = createSessionStore(handle.db);
    const clients = await Promise.all(memberIds.map(async (id) => memberClient(atoz.url, (await sessions.create(id)).token)));
    // The spam guard's "form opened at", from a minute ago: the minimum typing time has passed.
    const started = formStarted(await loadSigningKey(handle.db, 'community-forms'), new Date(Date.now() - 60_000));
    const lastPage = () => `/forums/topics/${topicId}?page=${Math.max(1, Math.ceil((REPLIES + 1) / POSTS_PER_PAGE))}`;

    // Phase 1, the baseline: as many anonymous readers of a directory topic page.
    const directory = timings();
    let until = performance.now() + SECONDS * 1000;
    await Promise.all(
      clients.map(async () => {
        while (performance.now() < until) {
          const started = performance.now();
          const res = await fetch(atoz.url + TOPIC_PAGE, { headers: { 'accept-encoding': 'gzip' } });
          await res.arrayBuffer();
          record(directory, started, res.status);
        }
      }),
    );

    // Phase 2: the members read and reply.
    const reads = timings();
    const posts = timings();
    let held = 0;
    until = performance.now() + SECONDS * 1000;
    await Promise.all(
      clients.map(async (client, i) => {
        for (let n = 0; performance.now() < until; n++) {
          let sentAt = performance.now();
          const page = await client.get(lastPage());
          const html = await page.text();
          record(reads, sentAt, page.status);
          const fields = { _started: started, website: '', body: `Member ${i + 1}, reply ${n + 1} sent during the benchmark.`, _csrf: csrfOf(html) };
          sentAt = performance.now();
          const sent = await client.post(`/forums/topics/${topicId}/reply`, fields);
          await sent.arrayBuffer();
          record(posts, sentAt, sent.status);
          if (/notice=held/.test(sent.headers.get('location') ?? '')) held++;
        }
      }),
    );

    const row = (what: string, t: Timings) => {
      const statuses = [...t.statuses].map(([s, k]) => `${s}×${k}`).join(' ');
      console.log(`${name.padEnd(10)} ${what.padEnd(36)} ${String(t.times.length).padStart(7)} ${fmt(percentile(t.times, 50)).padStart(8)} ${fmt(percentile(t.times, 99)).padStart(8)}   ${statuses}`);
    };
    row(`directory page, ${MEMBERS} anonymous readers`, directory);
    row(`topic last page, ${MEMBERS} members`, reads);
    row(`reply sent, ${MEMBERS} members`, posts);
    console.log(`${''.padEnd(10)} replies held for moderators (past the rate limit): ${held} of ${posts.times.length}`);
  } finally {
    await atoz.stop();
  }
}

async function main(): Promise<void> {
  console.log(`atoz forums under ${MEMBERS} members · a topic of ${REPLIES} replies · ${SECONDS} s per phase · ${cpus().length} cores · load ${loadavg().map((l) => l.toFixed(2)).join(' ')} · Node ${process.version}`);
  console.log(`${'database'.padEnd(10)} ${'what'.padEnd(36)} ${'count'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}   statuses`);
  const dataDir = mkdtempSync(join(tmpdir(), 'atoz-bench-forums-'));
  try {
    await prepareSqliteDemo(dataDir);
    const handle = openSqlite(dataDir, { checkpointEveryMs: 0 });
    try {
      await runBackend('SQLite', { ATOZ_DATA_DIR: dataDir }, handle);
    } finally {
      await handle.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (process.env.BENCH_POSTGRES === '0') return;
  let pgDemo: Awaited<ReturnType<typeof createPostgresDemoDatabase>>;
  try {
    pgDemo = await createPostgresDemoDatabase();
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
    return;
  }
  const pgDir = mkdtempSync(join(tmpdir(), 'atoz-bench-forums-pg-'));
  try {
    const handle = openPostgres(loadConfig({}, { databaseUrl: pgDemo.url, dataDir: pgDir }), pgDemo.url);
    try {
      await runBackend('PostgreSQL', { DATABASE_URL: pgDemo.url, ATOZ_DATA_DIR: pgDir }, handle);
    } finally {
      await handle.close();
    }
  } finally {
    await pgDemo.drop();
    rmSync(pgDir, { recursive: true, force: true });
  }
}

await main();
