import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import { isHttps } from './client-ip.js';

/** The session cookie: a random token whose sha256 is the sessions row id. */
export const SESSION_COOKIE = 'atoz_session';
/** The anonymous CSRF cookie: `nonce.signature`, for forms shown before signing in. */
export const CSRF_COOKIE = 'atoz_csrf';

/**
 * The name a cookie has on this request: `__Host-atoz_session` over HTTPS,
 * which browsers accept only from a secure page of this very host (Secure,
 * Path=/, no Domain), so a sibling subdomain or a plain-HTTP answer cannot
 * plant one; the plain name over HTTP, where that prefix cannot be set.
 */
export function cookieName(c: Context, trustProxy: boolean, name: string): string {
  return isHttps(c, trustProxy) ? `__Host-${name}` : name;
}

/** The cookie's value under the name this request's scheme uses, and only that one. */
export function readCookie(c: Context, trustProxy: boolean, name: string): string | undefined {
  return getCookie(c, cookieName(c, trustProxy, name));
}

/**
 * Browser-session cookies (no Max-Age: closing the browser forgets them; the
 * server enforces the idle and absolute timeouts), HttpOnly, SameSite=Lax,
 * Secure and __Host- over HTTPS.
 */
export function cookieHeader(c: Context, trustProxy: boolean, name: string, value: string): string {
  const https = isHttps(c, trustProxy);
  return generateCookie(name, value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: https, ...(https ? { prefix: 'host' as const } : {}) });
}

export function clearCookieHeader(c: Context, trustProxy: boolean, name: string): string {
  const https = isHttps(c, trustProxy);
  return generateCookie(name, '', { path: '/', httpOnly: true, sameSite: 'Lax', secure: https, maxAge: 0, ...(https ? { prefix: 'host' as const } : {}) });
}
