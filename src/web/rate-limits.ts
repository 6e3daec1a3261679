/**
 * Every request limit of the site, declared once and counted in the database,
 * so all servers (and all processes, ATOZ_PROCESSES) share one budget per
 * client: two servers do not allow twice the limit. Routes receive their
 * limiter through their deps (DomainKernel.rateLimits); sign-in lockout is
 * separate (src/accounts/throttle.ts) because it locks for longer and is audited.
 *
 * A limit is a fixed window: at most `limit` requests per key in each
 * `windowMs`, the window starting with the key's first request. Each request
 * is one atomic upsert, so concurrent requests on different servers cannot
 * slip past the limit by racing.
 *
 * Not rate-limiter-flexible: its SQLite and PostgreSQL stores take the raw
 * better-sqlite3 connection and pg pool, which Kysely does not hand out, and on
 * SQLite they would write on the one connection outside Kysely's lock, i.e.
 * inside whatever transaction is open at that moment. They also create their
 * tables themselves (outside our migrations), store epoch milliseconds and run
 * clean-up timers of their own.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { type JobDefinition, defineJob } from '../jobs/registry.js';

/** At most `limit` requests per key in each window of `windowMs` milliseconds. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** The site's limits. Each is enough to stop a runaway script or a stuck key, never a person. */
export const RATE_LIMITS = {
  /** Type-ahead suggestions, per client address (typing fast is about 5 keys a second). */
  suggest: { limit: 50, windowMs: 10_000 },
  /** Saves and workflow steps, per person: keeps a stuck key from filling the revisions table. */
  editorWrites: { limit: 60, windowMs: 60_000 },
  /** Live previews, per person (one every ~0.8 s while typing). */
  editorPreviews: { limit: 150, windowMs: 60_000 },
  /** The read-only API (/api/v1), per client address: a crawler at a page a second stays well inside. */
  api: { limit: 300, windowMs: 60_000 },
  /** "Forgot password" and follow-by-e-mail forms, per client address: a person retries a few times, a script many. */
  mailRequests: { limit: 10, windowMs: 15 * 60_000 },
  /** E-mails asked for one address (a reset link, a confirmation), whoever asks: nobody's inbox gets bombed. */
  mailsPerAddress: { limit: 3, windowMs: 60 * 60_000 },
  /** Community sign-ups, per client address. */
  signUps: { limit: 20, windowMs: 60 * 60_000 },
  /** Forum posts and replies, per member: past it a post is held for a moderator, not refused. */
  forumPosts: { limit: 10, windowMs: 10 * 60_000 },
  /** Forum posts of members in their first week: stricter. */
  forumPostsNewMember: { limit: 3, windowMs: 10 * 60_000 },
  /** Flags, per member. */
  forumFlags: { limit: 20, windowMs: 60 * 60_000 },
  /** Reader feedback and problem reports, per client address and form: a reader sends a few, a flood is refused. */
  readerFeedback: { limit: 20, windowMs: 10 * 60_000 },
  /** Moderators' actions (edit, hide, lock, move, warn, suspend, notes), per moderator: a stuck key, not a busy shift. */
  moderatorActions: { limit: 120, windowMs: 10 * 60_000 },
  /** Following and unfollowing forum topics, per member. */
  forumFollows: { limit: 60, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export interface TakeResult {
  allowed: boolean;
  /** Seconds until the window ends (at least 1), for Retry-After. */
  retryAfterSeconds: number;
}

/**
 * One limit: counts a request for `key` (a client address, "user:12") and says whether it is
 * within the limit. Call it from a route, never inside a transaction (on SQLite it waits for the connection).
 */
export interface Limiter {
  readonly limit: RateLimit;
  take(key: string): Promise<TakeResult>;
}

const NoPayload = z.object({});

export type RateLimits = { readonly [N in RateLimitName]: Limiter } & {
  /** Deletes counters whose window ended; returns how many. */
  prune(): Promise<number>;
  /** The hourly job that prunes (registered by the composition root). */
  readonly pruneJob: JobDefinition<z.infer<typeof NoPayload>>;
};

export interface RateLimitOptions {
  /** Other numbers for some limits (tests). */
  limits?: Partial<Record<RateLimitName, RateLimit>>;
  clock?: () => Date;
}

/** Row keys: "editorWrites" → "editor-writes:<key>". */
const prefixOf = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function createRateLimits(db: Db, options: RateLimitOptions = {}): RateLimits {
  const clock = options.clock ?? (() => new Date());
  const policy: Record<RateLimitName, RateLimit> = { ...RATE_LIMITS, ...options.limits };
  const count = counter(db);
  const limiter = (name: RateLimitName): Limiter => ({
    limit: policy[name],
    async take(key) {
      const { limit, windowMs } = policy[name];
      const now = clock();
      const row = await count(`${prefixOf(name)}:${key.slice(0, 200)}`, now, new Date(now.getTime() - windowMs).toISOString());
      const windowEnds = Date.parse(row.window_started_at) + windowMs;
      return { allowed: row.hits <= limit, retryAfterSeconds: Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000)) };
    },
  });
  const longestWindowMs = Math.max(...Object.values(policy).map((p) => p.windowMs));
  // Each limit's counters go once its own window has ended (an hour-long limit must not keep minute-long
  // counters for an hour); a last sweep with the longest window catches counters of limits since removed.
  const prune = async () => {
    const now = clock().getTime();
    let deleted = 0;
    for (const name of Object.keys(policy) as RateLimitName[]) {
      const before = new Date(now - policy[name].windowMs).toISOString();
      const result = await db.deleteFrom('rate_limits').where('key', 'like', `${prefixOf(name)}:%`).where('window_started_at', '<=', before).executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    const result = await db.deleteFrom('rate_limits').where('window_started_at', '<=', new Date(now - longestWindowMs).toISOString()).executeTakeFirst();
    return deleted + Number(result.numDeletedRows);
  };
  return {
    suggest: limiter('suggest'),
    editorWrites: limiter('editorWrites'),
    editorPreviews: limiter('editorPreviews'),
    api: limiter('api'),
    mailRequests: limiter('mailRequests'),
    mailsPerAddress: limiter('mailsPerAddress'),
    signUps: limiter('signUps'),
    forumPosts: limiter('forumPosts'),
    forumPostsNewMember: limiter('forumPostsNewMember'),
    forumFlags: limiter('forumFlags'),
    readerFeedback: limiter('readerFeedback'),
    moderatorActions: limiter('moderatorActions'),
    forumFollows: limiter('forumFollows'),
    prune,
    pruneJob: defineJob({
      name: 'web.rate-limits-prune',
      payload: NoPayload,
      everySeconds: 60 * 60,
      run: async () => ({ deleted: await prune() }),
    }),
  };
}

/** Counts one hit for `key`, starting a new window when the stored one began at or before `staleBefore`. */
function counter(db: Db) {
  const upsert = (executor: Db, key: string, now: Date, staleBefore: string) => {
    const nowIso = now.toISOString();
    const stale = sql<boolean>`rate_limits.window_started_at <= ${staleBefore}`;
    return executor
      .insertInto('rate_limits')
      .values({ key, hits: 1, window_started_at: nowIso })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when ${stale} then 1 else rate_limits.hits + 1 end`,
          window_started_at: sql<string>`case when ${stale} then ${nowIso} else rate_limits.window_started_at end`,
        }),
      )
      .returning(['hits', 'window_started_at'])
      .executeTakeFirstOrThrow();
  };
  if (dialectOf(db) === 'postgres') return (key: string, now: Date, staleBefore: string) => upsert(db, key, now, staleBefore);
  // SQLite commits with synchronous=FULL (an fsync each, ~7 ms here): right for pages, far too slow for a
  // counter written on every type-ahead request. On the one connection, held for these three statements,
  // the counter's commit skips the fsync (synchronous=NORMAL, still crash-consistent in WAL mode); the
  // next page save's fsync writes it out too. A power cut can forget the last counts, which only forgives.
  return (key: string, now: Date, staleBefore: string) =>
    db.connection().execute(async (connection) => {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(connection);
      const previous = Number(rows[0]?.synchronous ?? 2);
      await sql`pragma synchronous = normal`.execute(connection);
      try {
        return await upsert(connection, key, now, staleBefore);
      } finally {
        await sql.raw(`pragma synchronous = ${previous}`).execute(connection);
      }
    });
}
