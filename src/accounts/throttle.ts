import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { normaliseEmail } from './users.js';

/** When repeated failed sign-ins lock a key, and for how long. */
export interface ThrottlePolicy {
  /** Failures for one e-mail address within the window that lock it. */
  accountLimit: number;
  /** Failures from one IP within the window that lock it (higher: offices share an address). */
  ipLimit: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  accountLimit: 5,
  ipLimit: 30,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
};

/** Throttle key of an e-mail address, known or not (so locking never reveals whether an account exists). */
export function accountKey(email: string): string {
  return `account:${normaliseEmail(email).slice(0, 254)}`;
}

export function ipKey(ip: string): string {
  return `ip:${ip.slice(0, 64)}`;
}

/**
 * Failed sign-in counting in the database, so every server behind a load
 * balancer agrees. Each failure is one atomic upsert: concurrent attempts
 * cannot slip past the limit by racing.
 */
export function createLoginThrottle(db: Db, policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY, clock: () => Date = () => new Date()) {
  const limitOf = (key: string) => (key.startsWith('ip:') ? policy.ipLimit : policy.accountLimit);

  return {
    policy,

    /** The latest instant until which any of these keys is locked, or null. */
    async lockedUntil(keys: string[]): Promise<Date | null> {
      const now = clock().toISOString();
      const rows = await db.selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).where('locked_until', '>', now).execute();
      const latest = rows.map((r) => r.locked_until!).sort().pop();
      return latest ? new Date(latest) : null;
    },

    /** Counts one failure against each key; returns the lock end if this failure locked any of them. */
    async recordFailure(keys: string[]): Promise<Date | null> {
      const now = clock();
      const nowIso = now.toISOString();
      const windowStart = new Date(now.getTime() - policy.windowMs).toISOString();
      const lockEnd = new Date(now.getTime() + policy.lockMs).toISOString();
      let locked: string | null = null;
      for (const key of keys) {
        const limit = limitOf(key);
        const stale = sql<boolean>`login_throttle.window_started_at <= ${windowStart}`;
        const nextFailures = sql<number>`case when ${stale} then 1 else login_throttle.failures + 1 end`;
        const row = await db
          .insertInto('login_throttle')
          .values({ key, failures: 1, window_started_at: nowIso, locked_until: limit <= 1 ? lockEnd : null })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              failures: nextFailures,
              window_started_at: sql<string>`case when ${stale} then ${nowIso} else login_throttle.window_started_at end`,
              locked_until: sql<string | null>`case when ${nextFailures} >= ${limit} then ${lockEnd} else login_throttle.locked_until end`,
            }),
          )
          .returning(['locked_until'])
          .executeTakeFirstOrThrow();
        if (row.locked_until && row.locked_until > nowIso && (!locked || row.locked_until > locked)) locked = row.locked_until;
      }
      return locked ? new Date(locked) : null;
    },

    /** Forgets the failures of a key (after a successful sign-in, or an operator unlocking). */
    async reset(key: string): Promise<void> {
      await db.deleteFrom('login_throttle').where('key', '=', key).execute();
    },

    /** Deletes counters whose window and lock are both over. */
    async cleanup(): Promise<number> {
      const now = clock();
      const result = await db
        .deleteFrom('login_throttle')
        .where('window_started_at', '<=', new Date(now.getTime() - policy.windowMs).toISOString())
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
