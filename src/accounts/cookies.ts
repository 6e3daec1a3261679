import type { Context } from 'hono';
import { generateCookie } from 'hono/cookie';
import { isHttps } from './client-ip.js';

/** The session cookie: a random token whose sha256 is the sessions row id. */
export const SESSION_COOKIE = 'atoz_session';
/** The anonymous CSRF cookie: `nonce.signature`, for forms shown before signing in. */
export const CSRF_COOKIE = 'atoz_csrf';

/**
 * Browser-session cookies (no Max-Age: closing the browser forgets them; the
 * server enforces the idle and absolute timeouts), HttpOnly, SameSite=Lax,
 * Secure over HTTPS.
 */
export function cookieHeader(c: Context, trustProxy: boolean, name: string, value: string): string {
  return generateCookie(name, value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, trustProxy) });
}

export function clearCookieHeader(c: Context, trustProxy: boolean, name: string): string {
  return generateCookie(name, '', { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, trustProxy), maxAge: 0 });
}
