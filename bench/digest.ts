/**
 * `npm run bench:digest`: how long building and queuing e-mail digests takes
 * for 10,000 subscribers following 1,000 topics (target: under a minute).
 * A fresh SQLite database gets 1,000 pages in a two-level tree, the
 * subscribers (each following a few topics, one in ten the whole site, all
 * daily and due), and a day of published revisions; then one digest run
 * (src/mail/following/digest.ts) reads the changes, merges them per
 * subscriber and writes every digest to the outbox, as the mail.digests job does.
 * The same on PostgreSQL when a server answers (BENCH_POSTGRES_URL, else DATABASE_URL,
 * else postgres://postgres@127.0.0.1:5432/postgres), in a fresh database with the demo.
 *
 *   BENCH_SUBSCRIBERS=10000  BENCH_TOPICS=1000  BENCH_FOLLOWS=5  BENCH_REVISIONS=300
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openPostgres, openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createI18n } from '../src/i18n/localizer.js';
import { createJobSystem } from '../src/jobs/system.js';
import { directoryChanges } from '../src/mail/following/changes.js';
import { runDigests } from '../src/mail/following/digest.js';
import { digestEmail } from '../src/mail/following/emails.js';
import { createFollowLinks } from '../src/mail/following/links.js';
import { createOutbox } from '../src/mail/outbox.js';
import { SiteSettings } from '../src/site/settings.js';
import type { SiteContext } from '../src/web/site-context.js';
import { createPostgresDemoDatabase } from './support/postgres-demo.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const TOPICS = Number(process.env.BENCH_TOPICS ?? 1_000);
const FOLLOWS = Number(process.env.BENCH_FOLLOWS ?? 5);
const REVISIONS = Number(process.env.BENCH_REVISIONS ?? 300);

/** Deterministic, so runs compare. */
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

async function bench(label: string, db: Db): Promise<void> {
  seed = 42;
  {
    await migrateToLatest(db);
    const now = new Date();
    const yesterday = new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const at = (i: number) => new Date(now.getTime() - 23 * 3_600_000 + i * 1000).toISOString();

    let t0 = performance.now();
    const ids: number[] = [];
    const tops = Math.max(1, Math.round(TOPICS / 20));
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < TOPICS; i++) {
        const parent = i < tops ? null : ids[i % tops]!;
        const row = await tx
          .insertInto('pages')
          .values({ slug: `topic-${i}`, parent_id: parent, position: i, title: `Topic ${i}`, summary: '', created_on: '2020-01-01', updated_on: null, reviewed_on: null, reviewed_by: null, next_review_on: null, deleted_at: null, changed_at: yesterday })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      for (let s = 0; s < SUBSCRIBERS; s++) {
        const sub = await tx
          .insertInto('mail_subscribers')
          .values({ address: `reader${s}@example.org`, lang: 'en', frequency: 'daily', created_at: yesterday, confirmation_sent_at: yesterday, digest_through: yesterday, last_digest_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        const topics = new Set<string>(s % 10 === 0 ? ['site'] : []);
        while (topics.size < FOLLOWS) topics.add(`page:${ids[Math.floor(random() * ids.length)]}`);
        for (const topic of topics) {
          await tx
            .insertInto('mail_subscriptions')
            .values({ subscriber_id: sub.id, topic_key: topic, page_id: topic === 'site' ? null : Number(topic.slice(5)), requested_at: yesterday, consent_text: 'I agree', confirmed_at: yesterday })
            .execute();
        }
      }
      for (let r = 0; r < REVISIONS; r++) {
        const page = ids[Math.floor(random() * ids.length)]!;
        await tx
          .insertInto('page_revisions')
          .values({
            page_key: `page:${page}`, number: r + 2, slug: `topic-${ids.indexOf(page)}`, title: `Topic ${ids.indexOf(page)}`, document: '{"sections":[]}', author_user_id: null,
            summary: `Edit ${r}: plainer words`, created_at: at(r), base_revision_id: null, state: 'published', submitted_at: null, reviewed_by_user_id: null, reviewed_at: r % 3 === 0 ? at(r) : null, published_at: at(r),
          })
          .execute();
      }
    });
    const setupMs = performance.now() - t0;

    const jobs = createJobSystem(db);
    const outbox = createOutbox({ db, jobs: jobs.queue, delivering: false, messageIdDomain: 'bench.example' });
    const links = await createFollowLinks(db);
    const i18n = createI18n().forLang('en');
    const site: SiteContext = {
      settings: SiteSettings.parse({ organisation: 'Bench Network', contactEmail: 'contact@bench.example' }),
      baseUrl: 'https://bench.example',
      assets: { css: '', js: '', searchJs: '', icon: '' },
      lang: 'en',
      i18n,
      i18nIn: () => i18n,
    };
    t0 = performance.now();
    const report = await runDigests({
      db,
      outbox,
      sources: [directoryChanges],
      now,
      compose: (subscriber, changes) =>
        digestEmail(site, {
          email: subscriber.address,
          changes,
          links: { manage: `${site.baseUrl}/follow/manage/${links.make('manage', subscriber.id)}`, unsubscribe: `${site.baseUrl}/follow/unsubscribe/${links.make('unsubscribe', subscriber.id)}` },
        }),
    });
    const runMs = performance.now() - t0;
    const queued = Number((await db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    console.log(`digest bench (${label}): ${SUBSCRIBERS} subscribers following ${FOLLOWS} of ${TOPICS} topics (1 in 10 the whole site), ${REVISIONS} revisions published in the day`);
    console.log(`  setup ${Math.round(setupMs)} ms`);
    console.log(`  digest run: ${Math.round(runMs)} ms for ${report.subscribers} subscribers, ${report.changes} changes, ${queued} digests queued (${(runMs / Math.max(1, report.subscribers) * 1000).toFixed(0)} µs a subscriber)`);
    console.log(`  target: under 60000 ms — ${runMs < 60_000 ? 'met' : 'NOT met'}`);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atoz-bench-digest-'));
  const handle = openSqlite(dir);
  try {
    await bench('SQLite', handle.db);
  } finally {
    await handle.close();
  }
  let postgres: Awaited<ReturnType<typeof createPostgresDemoDatabase>> | undefined;
  try {
    postgres = await createPostgresDemoDatabase();
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
  }
  if (postgres) {
    const pgHandle = openPostgres({ dataDir: dir, databaseUrl: postgres.url, dbPoolSize: 10, dbConnectTimeoutMs: 5000, dbStatementTimeoutMs: 60_000 }, postgres.url);
    try {
      await bench('PostgreSQL', pgHandle.db);
    } finally {
      await pgHandle.close();
      await postgres.drop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
