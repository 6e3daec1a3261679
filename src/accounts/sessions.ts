import type { Db, Tx } from '../db/database.js';
import type { CurrentUser } from './context.js';
import { randomToken, sha256Hex } from './tokens.js';
import { toCurrentUser } from './users.js';

/** How long a sign-in lasts. */
export interface SessionPolicy {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, however active. */
  absoluteMs: number;
  /** last_seen_at is written at most this often, so reading pages does not write on every request. */
  touchEveryMs: number;
}

/** A working day of editing, with a lunch break, but not overnight. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
};

/** What a valid session cookie resolves to. */
export interface ActiveSession {
  /** sha256 of the cookie token (the row id). */
  id: string;
  user: CurrentUser;
  csrfSecret: string;
}

/** Server-side sessions: the cookie carries a random token, the table only its hash. */
export function createSessionStore(db: Db, policy: SessionPolicy = DEFAULT_SESSION_POLICY, clock: () => Date = () => new Date()) {
  return {
    policy,

    /** Starts a session; returns the token for the cookie (never stored). */
    async create(userId: number, executor: Db | Tx = db): Promise<{ token: string; session: { id: string; csrfSecret: string } }> {
      const token = randomToken();
      const id = sha256Hex(token);
      const csrfSecret = randomToken();
      const now = clock();
      await executor
        .insertInto('sessions')
        .values({
          id,
          user_id: userId,
          csrf_secret: csrfSecret,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + policy.absoluteMs).toISOString(),
        })
        .execute();
      return { token, session: { id, csrfSecret } };
    },

    /** The session and its (active) user for a cookie token, or null when unknown, expired or disabled. */
    async lookup(token: string): Promise<ActiveSession | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const id = sha256Hex(token);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id', 'sessions.csrf_secret', 'sessions.last_seen_at', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.name', 'users.role', 'users.author_key', 'users.disabled_at'])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      const now = clock();
      const idleSince = now.getTime() - Date.parse(row.last_seen_at);
      if (row.disabled_at || Date.parse(row.expires_at) <= now.getTime() || idleSince >= policy.idleMs) {
        await db.deleteFrom('sessions').where('id', '=', id).execute();
        return null;
      }
      if (idleSince >= policy.touchEveryMs) {
        await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
      }
      const extra = await db.selectFrom('user_roles').select('role').where('user_id', '=', row.user_id).execute();
      const user = toCurrentUser({ id: row.user_id, email: row.email, name: row.name, role: row.role, author_key: row.author_key }, extra.map((r) => r.role));
      return { id, csrfSecret: row.csrf_secret, user };
    },

    /** Ends one session by its id (sign out). */
    async end(id: string, executor: Db | Tx = db): Promise<void> {
      await executor.deleteFrom('sessions').where('id', '=', id).execute();
    },

    /** Ends every session of a user, except optionally one (password change keeps none; see routes). */
    async endAllFor(userId: number, executor: Db | Tx = db, exceptId?: string): Promise<number> {
      let query = executor.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptId) query = query.where('id', '!=', exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Deletes sessions past either timeout; returns how many. */
    async cleanup(): Promise<number> {
      const now = clock();
      const result = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', new Date(now.getTime() - policy.idleMs).toISOString())]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** How many sessions a user has open (admin page, tests). */
    async countFor(userId: number): Promise<number> {
      const row = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
