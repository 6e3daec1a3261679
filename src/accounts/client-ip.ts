import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from. Behind a reverse proxy (ATOZ_TRUST_PROXY=1)
 * that is the last X-Forwarded-For entry, the one our proxy added; earlier
 * entries come from the client and can be forged.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.split(',').pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address?.slice(0, 64) ?? 'unknown';
  } catch {
    // In-process requests (tests, app.request) have no socket.
    return 'unknown';
  }
}

/** Whether the browser reached us over HTTPS (so cookies get the Secure flag and the __Host- prefix). */
export { isHttps } from '../web/https.js';
