/**
 * "Forgot password" links: signed, expiring, single-use, and stored nowhere.
 * The link carries the user id, its expiry and the moment the password was
 * last set, signed with a server-wide key (signing_keys, so every server
 * checks alike). Setting a password changes that moment, so a used link, and
 * every other link sent before, stops working.
 */
import type { Db } from '../db/database.js';
import { loadSigningKey } from './signing-keys.js';
import { hmacBase64url, safeEqual } from './tokens.js';
import type { UserRow } from './users.js';

/** Long enough to find the e-mail, short enough that an old one in an inbox is useless. */
export const RESET_TTL_MS = 60 * 60_000;

export type ResetProblem = 'forged' | 'expired' | 'used';

const stampOf = (user: Pick<UserRow, 'password_changed_at'>) => (user.password_changed_at ? String(Date.parse(user.password_changed_at)) : '0');

export async function createPasswordResets(db: Db, clock: () => Date = () => new Date(), ttlMs = RESET_TTL_MS) {
  const key = await loadSigningKey(db, 'password-reset');
  const sign = (body: string) => hmacBase64url(key, `password-reset:${body}`);
  return {
    ttlMs,
    issue(user: Pick<UserRow, 'id' | 'password_changed_at'>): { token: string; expiresAt: string } {
      const expires = clock().getTime() + ttlMs;
      const body = `${user.id}.${expires}.${stampOf(user)}`;
      return { token: `${body}.${sign(body)}`, expiresAt: new Date(expires).toISOString() };
    },
    /** The user a link is for, or why it does not work (checked in this order: signature, expiry, use). */
    async check(token: string): Promise<{ user: UserRow; stamp: string } | { problem: ResetProblem }> {
      const match = /^(\d{1,12})\.(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return { problem: 'forged' };
      const [, id, expires, stamp, signature] = match;
      if (!safeEqual(sign(`${id}.${expires}.${stamp}`), signature!)) return { problem: 'forged' };
      if (Number(expires) <= clock().getTime()) return { problem: 'expired' };
      const user = await db.selectFrom('users').selectAll().where('id', '=', Number(id)).executeTakeFirst();
      if (!user || user.disabled_at) return { problem: 'forged' };
      if (stampOf(user) !== stamp) return { problem: 'used' };
      return { user, stamp: stamp! };
    },
    stampOf,
  };
}

export type PasswordResets = Awaited<ReturnType<typeof createPasswordResets>>;
