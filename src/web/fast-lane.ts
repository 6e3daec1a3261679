import type { MiddlewareHandler } from 'hono';
import type { RenderCache } from './render-cache.js';
import { requestHeader, requestTarget, sendPrepared } from './respond.js';

/**
 * Answers an anonymous reader's GET or HEAD of a page already in the render
 * cache before any other middleware or route runs: the common request costs
 * a map lookup and a socket write. Everything else (a query string, a signed-in
 * person's session cookie, a page not rendered yet) goes the normal way, and
 * the normal way is what fills the cache and teaches it each page's path.
 */
export function cachedPageFastLane(cache: RenderCache, options: { headers: Record<string, string>; sessionCookie: string }): MiddlewareHandler {
  const sessionMarker = `${options.sessionCookie}=`;
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') {
      const body = cache.getByPath(requestTarget(c));
      // Signed-in people may see per-person extras (the editing bar): never the shared copy.
      if (body && !requestHeader(c, 'cookie')?.includes(sessionMarker)) {
        return sendPrepared(c, body, 200, 'no-cache', options.headers);
      }
    }
    await next();
  };
}
