import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { isHttps, isHttpsIncoming } from './https.js';

/** No inline script or style anywhere: an injected <script> or style attribute does nothing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Headers every response carries (the fast lane sends them too, so both ways answer alike). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'content-security-policy': CONTENT_SECURITY_POLICY,
});

/** What decides the HTTPS-only header: the operator's settings (src/config.ts). */
export interface SecurityHeaderOptions {
  /** ATOZ_TRUST_PROXY: believe X-Forwarded-Proto. */
  trustProxy: boolean;
  /** ATOZ_HSTS_MAX_AGE in seconds; 0 sends no Strict-Transport-Security. */
  hstsMaxAge: number;
}

/**
 * The Strict-Transport-Security value, or null when turned off. Without
 * includeSubDomains: other hosts of the organisation may not speak HTTPS.
 */
export function strictTransportSecurity(maxAgeSeconds: number): string | null {
  return maxAgeSeconds > 0 ? `max-age=${Math.floor(maxAgeSeconds)}` : null;
}

/**
 * Adds the security headers to every answer the app gives. Registered
 * first, so it also covers the request guards' 400/405/414, the 404 page,
 * errors (500, 503) and every route; HSTS only over HTTPS, since browsers
 * ignore it over HTTP; a Content-Disposition on JSON.
 */
export function securityHeaders(options: SecurityHeaderOptions): MiddlewareHandler {
  const hsts = strictTransportSecurity(options.hstsMaxAge);
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // A route may ask for a stricter referrer policy (sign-in links carry a token in the address).
      if (name !== 'referrer-policy' || !headers.has(name)) headers.set(name, value);
    }
    if (hsts && isHttps(c, options.trustProxy)) headers.set('strict-transport-security', hsts);
    if (!headers.has('content-disposition') && /^application\/(?:[\w.+-]*\+)?json\b/i.test(headers.get('content-type') ?? '')) {
      headers.set('content-disposition', jsonDisposition(c.req.path));
    }
  };
}

/**
 * JSON answers (search suggestions, the editor's live preview) are for
 * scripts; opened directly they are saved as a file named after the address
 * ("suggest.json"), never shown as a page.
 */
export function jsonDisposition(path: string): string {
  const name = (path.split('/').pop() ?? '').replace(/\.json$/i, '').replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'answer';
  return `attachment; filename="${name}.json"`;
}

/** The same headers for the fast lane (src/web/fast-lane.ts), which answers before Hono runs. */
export interface ListenerSecurity {
  /** Headers for an answer over HTTP. */
  headers: Readonly<Record<string, string>>;
  /** Headers for an answer over HTTPS (HSTS added). */
  httpsHeaders: Readonly<Record<string, string>>;
  isHttps(req: IncomingMessage): boolean;
}

export function listenerSecurity(options: SecurityHeaderOptions): ListenerSecurity {
  const hsts = strictTransportSecurity(options.hstsMaxAge);
  return {
    headers: SECURITY_HEADERS,
    httpsHeaders: Object.freeze({ ...SECURITY_HEADERS, ...(hsts ? { 'strict-transport-security': hsts } : {}) }),
    isHttps: (req) => isHttpsIncoming(req, options.trustProxy),
  };
}
