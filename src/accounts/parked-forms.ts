import type { Context } from 'hono';
import { generateCookie } from 'hono/cookie';
import type { Db } from '../db/database.js';
import { isHttps } from './client-ip.js';
import { cookieName, readCookie } from './cookies.js';
import { hmacBase64url, randomToken, safeEqual, sha256Hex } from './tokens.js';

/**
 * Forms parked when their sign-in ran out. A save sent after the session
 * ended (idle limit, signed out in another tab, ended by an admin) would
 * otherwise be refused and its text lost. Instead the fields are kept here,
 * under a random token in a short-lived cookie of the browser that sent them,
 * and handed back once to the same person when they have signed in again.
 */

/** The browser's parked-form cookie: a random token whose sha256 is parked_forms.owner_hash. */
export const PARKED_COOKIE = 'atoz_parked';
/** Long enough to sign in again (or reset a password) after lunch, short enough not to linger. */
export const PARKED_FORM_TTL_MS = 12 * 60 * 60 * 1000;
/** The most a parked form may hold (characters of JSON); a page's text is far smaller. */
export const PARKED_FORM_MAX_CHARS = 1_000_000;
/** The hidden field that says whose form this is (signed), so only that person gets it back. */
export const FORM_OWNER_FIELD = '_owner';

/** The value of the form-owner field for a signed-in person: their id, signed with the server's CSRF key. */
export function signFormOwner(key: Buffer, userId: number): string {
  return `${userId}.${hmacBase64url(key, `atoz-form-owner:${userId}`)}`;
}

/** The user id a form-owner field names, or null when it is missing or forged. */
export function verifyFormOwner(key: Buffer, value: string | undefined): number | null {
  if (!value || value.length > 100) return null;
  const id = Number(value.slice(0, value.indexOf('.')));
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return safeEqual(signFormOwner(key, id), value) ? id : null;
}

export function createParkedForms(db: Db, clock: () => Date = () => new Date()) {
  return {
    /** Keeps a form for its owner; false when it is too large to keep. */
    async park(ownerToken: string, path: string, userId: number, fields: Record<string, string>): Promise<boolean> {
      const json = JSON.stringify(fields);
      if (json.length > PARKED_FORM_MAX_CHARS) return false;
      const now = clock();
      const row = { owner_hash: sha256Hex(ownerToken), path, user_id: userId, fields: json, created_at: now.toISOString(), expires_at: new Date(now.getTime() + PARKED_FORM_TTL_MS).toISOString() };
      await db.transaction().execute(async (tx) => {
        // The newest form sent to an address replaces an older one (the same editor, pressing Save again).
        await tx.deleteFrom('parked_forms').where('owner_hash', '=', row.owner_hash).where('path', '=', path).execute();
        await tx.insertInto('parked_forms').values(row).execute();
      });
      return true;
    },

    /** The fields parked by this browser for this address and person, once: taking them removes them. */
    async take(ownerToken: string, path: string, userId: number): Promise<Record<string, string> | null> {
      const ownerHash = sha256Hex(ownerToken);
      const row = await db.selectFrom('parked_forms').selectAll().where('owner_hash', '=', ownerHash).where('path', '=', path).executeTakeFirst();
      if (!row) return null;
      // Someone else signing in on this browser neither gets the form nor removes it.
      if (row.user_id !== userId) return null;
      await db.deleteFrom('parked_forms').where('owner_hash', '=', ownerHash).where('path', '=', path).execute();
      if (Date.parse(row.expires_at) <= clock().getTime()) return null;
      const fields: unknown = JSON.parse(row.fields);
      if (!fields || typeof fields !== 'object') return null;
      return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
    },

    /** Deletes forms past their time; returns how many. */
    async cleanup(): Promise<number> {
      const result = await db.deleteFrom('parked_forms').where('expires_at', '<=', clock().toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ParkedForms = ReturnType<typeof createParkedForms>;

/** This browser's parked-form token, if it has one. */
export function parkedTokenOf(c: Context, trustProxy: boolean): string | undefined {
  const token = readCookie(c, trustProxy, PARKED_COOKIE);
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The cookie that names this browser's parked forms: it ends with them. */
export function parkedCookieHeader(c: Context, trustProxy: boolean, token: string): string {
  const https = isHttps(c, trustProxy);
  return generateCookie(PARKED_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: https, maxAge: PARKED_FORM_TTL_MS / 1000, ...(https ? { prefix: 'host' as const } : {}) });
}

/** A token for a browser that has none yet. */
export function newParkedToken(): string {
  return randomToken();
}

