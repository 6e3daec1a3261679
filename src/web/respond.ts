import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { CachedBody } from './render-cache.js';

/** The Node.js request under Hono (absent when a test calls app.request() in-process). */
function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/**
 * A request header, read from Node's already parsed headers when served by
 * @hono/node-server: c.req.header() would first build a WHATWG Headers object
 * from all of them, a real cost on the hot path.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Path and query exactly as the client sent them ("/directory/x?y=1"). */
export function requestTarget(c: Context): string {
  const incoming = incomingOf(c);
  if (incoming?.url) return incoming.url;
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/** What choosing a prepared body's answer needs to know about the request. */
export interface ConditionalRequest {
  method: string;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The response headers of a prepared body in one encoding (null: the 304 answer, which has no body). */
export function preparedHeaders(body: CachedBody, encoding: Encoding | null, cacheControl: string, extraHeaders?: Readonly<Record<string, string>>): Record<string, string> {
  // A plain object (not Headers) lets @hono/node-server write the response without converting it.
  const headers: Record<string, string> = {
    ...extraHeaders,
    'content-type': body.contentType,
    etag: body.etag,
    vary: 'Accept-Encoding',
    'cache-control': cacheControl,
  };
  if (encoding && encoding !== 'identity') headers['content-encoding'] = encoding;
  if (encoding) headers['content-length'] = String(body[encoding].length);
  return headers;
}

/** How to answer a request for a prepared body, before any response object exists. */
export interface PreparedAnswer {
  status: 200 | 304 | 404 | 410;
  /** The encoding sent; null for a 304, which has no body. */
  encoding: Encoding | null;
  /** The bytes to send; null for a 304 and for HEAD. */
  payload: Buffer | null;
}

/**
 * 304 when the browser's copy is current, otherwise the best encoding it
 * accepts. Bodies are already compressed: nothing is computed per request.
 */
export function choosePrepared(body: CachedBody, request: ConditionalRequest, status: 200 | 404 | 410): PreparedAnswer {
  if (status === 200 && etagMatches(request.ifNoneMatch, body.etag)) return { status: 304, encoding: null, payload: null };
  const encoding = chooseEncoding(request.acceptEncoding);
  return { status, encoding, payload: request.method === 'HEAD' ? null : body[encoding] };
}

/** Sends a prepared body from a route (see choosePrepared). */
export function sendPrepared(
  c: Context,
  body: CachedBody,
  status: 200 | 404 | 410 = 200,
  cacheControl = 'no-cache',
  extraHeaders?: Record<string, string>,
): Response {
  const request = { method: c.req.method, ifNoneMatch: requestHeader(c, 'if-none-match'), acceptEncoding: requestHeader(c, 'accept-encoding') };
  const answer = choosePrepared(body, request, status);
  return new Response(answer.payload as unknown as BodyInit | null, { status: answer.status, headers: preparedHeaders(body, answer.encoding, cacheControl, extraHeaders) });
}

/** Whether an If-None-Match header names this entity tag (or "*"). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Brotli if the client takes it, else gzip, else none; an explicit q=0 refuses an encoding. */
export function chooseEncoding(accept: string | undefined): Encoding {
  if (!accept) return 'identity';
  // Fast path for what browsers send ("gzip, deflate, br, zstd"): no weights or wildcard to read.
  if (!accept.includes('q=') && !accept.includes('*')) return /\bbr\b/i.test(accept) ? 'br' : /\bgzip\b/i.test(accept) ? 'gzip' : 'identity';
  // Per encoding: true (wanted), false (q=0), undefined (not named; "*" decides).
  const named: Record<string, boolean> = {};
  for (const part of accept.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    named[name] = q === undefined || Number(q.slice(2)) > 0;
  }
  if (named.br ?? named['*']) return 'br';
  if (named.gzip ?? named['*']) return 'gzip';
  return 'identity';
}
