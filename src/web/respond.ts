import type { Context } from 'hono';
import type { CachedBody } from './render-cache.js';

/**
 * Sends a prepared body: 304 when the browser's copy is current, otherwise
 * the best encoding it accepts. Bodies are already compressed.
 */
export function sendPrepared(c: Context, body: CachedBody, status: 200 | 404 | 410 = 200, cacheControl = 'no-cache'): Response {
  const headers: Record<string, string> = {
    'content-type': body.contentType,
    etag: body.etag,
    vary: 'Accept-Encoding',
    'cache-control': cacheControl,
  };
  if (status === 200 && etagMatches(c.req.header('if-none-match'), body.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const accept = c.req.header('accept-encoding') ?? '';
  let payload = body.identity;
  if (/\bbr\b/.test(accept)) {
    payload = body.br;
    headers['content-encoding'] = 'br';
  } else if (/\bgzip\b/.test(accept)) {
    payload = body.gzip;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(payload.length);
  return new Response(c.req.method === 'HEAD' ? null : (payload as unknown as BodyInit), { status, headers });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
