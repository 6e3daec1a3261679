import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * Whether the browser reached us over HTTPS: our own TLS socket, or behind a
 * reverse proxy we trust (ATOZ_TRUST_PROXY=1) the proxy's X-Forwarded-Proto.
 * Without that trust the header is the client's word and is ignored.
 */
function httpsFrom(forwardedProto: string | string[] | undefined, directlyHttps: boolean, trustProxy: boolean): boolean {
  if (trustProxy) {
    const first = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)?.split(',')[0]?.trim().toLowerCase();
    if (first) return first === 'https';
  }
  return directlyHttps;
}

/** For a route or middleware. */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  return httpsFrom(c.req.header('x-forwarded-proto'), c.req.url.startsWith('https:'), trustProxy);
}

/** For Node's own request, before Hono runs (the fast lane). */
export function isHttpsIncoming(req: IncomingMessage, trustProxy: boolean): boolean {
  return httpsFrom(req.headers['x-forwarded-proto'], (req.socket as { encrypted?: boolean }).encrypted === true, trustProxy);
}
