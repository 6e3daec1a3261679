import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacBase64url, safeEqual } from './tokens.js';

/**
 * CSRF tokens. Signed-in requests use a synchronizer token: the session's own
 * secret. Anonymous forms (sign-in, invitations) use a signed double-submit
 * cookie: a random nonce plus an HMAC under a server key, so a cookie planted
 * by a sibling subdomain cannot be forged. Either way the token put in a page
 * is masked with a fresh random pad per response, so compressed pages never
 * repeat the secret byte for byte (BREACH).
 */

/** Masks a base64url secret: base64url(pad ‖ pad⊕secret). */
export function maskToken(secret: string): string {
  const raw = Buffer.from(secret, 'base64url');
  const pad = randomBytes(raw.length);
  const out = Buffer.alloc(raw.length * 2);
  pad.copy(out);
  for (let i = 0; i < raw.length; i++) out[raw.length + i] = pad[i]! ^ raw[i]!;
  return out.toString('base64url');
}

/** Whether a masked token from a form or header carries `secret`. */
export function tokenMatches(token: string | undefined | null, secret: string | null | undefined): boolean {
  if (!token || !secret || token.length > 200) return false;
  const expected = Buffer.from(secret, 'base64url');
  const raw = Buffer.from(token, 'base64url');
  if (expected.length === 0 || raw.length !== expected.length * 2) return false;
  const unmasked = Buffer.alloc(expected.length);
  for (let i = 0; i < expected.length; i++) unmasked[i] = raw[i]! ^ raw[expected.length + i]!;
  return timingSafeEqual(unmasked, expected);
}

/** The anonymous double-submit cookie value: `nonce.signature`. */
export function signAnonymousNonce(key: Buffer, nonce: string): string {
  return `${nonce}.${hmacBase64url(key, `atoz-csrf-anonymous:${nonce}`)}`;
}

/** The nonce of a genuine anonymous cookie, or null when missing or forged. */
export function verifyAnonymousCookie(key: Buffer, cookie: string | undefined): string | null {
  if (!cookie || cookie.length > 200) return null;
  const dot = cookie.indexOf('.');
  if (dot <= 0) return null;
  const nonce = cookie.slice(0, dot);
  return safeEqual(signAnonymousNonce(key, nonce), cookie) ? nonce : null;
}
