import type { CachedBody, RenderCache } from './render-cache.js';
import { type Encoding, preparedHeaders, preparedResponse } from './respond.js';

/** The part of Node's request (HTTP/1 or HTTP/2) the fast lane reads. */
interface NodeRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A fetch handler as @hono/node-server calls it: the request, and Node's own request beside it. */
export type FetchHandler = (request: Request, env?: { incoming?: NodeRequest }) => Response | Promise<Response>;

/**
 * Puts a fast lane in front of the app: an anonymous reader's GET or HEAD of
 * a page already in the render cache is answered at once, synchronously,
 * without Hono's router, middleware or any promise (bench/pages.ts measures
 * it). Everything else goes to `app`: a query string, a signed-in person's
 * session cookie (they may see per-person extras), a page not rendered yet.
 * The normal way fills the cache and tells it each page's path
 * (PageRenderer.cached), so both ways send the same bytes.
 */
export function withFastLane(app: FetchHandler, cache: RenderCache, options: { headers: Readonly<Record<string, string>>; sessionCookie: string }): FetchHandler {
  const sessionMarker = `${options.sessionCookie}=`;
  // Header objects per body and encoding, built once: nothing is allocated for them per request.
  const headerSets = new WeakMap<CachedBody, Map<Encoding | null, Record<string, string>>>();
  const headersOf = (body: CachedBody, encoding: Encoding | null): Record<string, string> => {
    let set = headerSets.get(body);
    if (!set) headerSets.set(body, (set = new Map()));
    let headers = set.get(encoding);
    if (!headers) set.set(encoding, (headers = preparedHeaders(body, encoding, 'no-cache', options.headers)));
    return headers;
  };

  return (request, env) => {
    // Served by @hono/node-server: read Node's parsed request, never build WHATWG objects.
    const incoming = env?.incoming;
    if (incoming && (incoming.method === 'GET' || incoming.method === 'HEAD') && incoming.url) {
      const body = cache.getByPath(incoming.url);
      if (body) {
        const h = incoming.headers;
        if (!String(h.cookie ?? '').includes(sessionMarker)) {
          const request = { method: incoming.method, ifNoneMatch: oneHeader(h['if-none-match']), acceptEncoding: oneHeader(h['accept-encoding']) };
          return preparedResponse(body, request, 200, (encoding) =>
            headersOf(body, encoding),
          );
        }
      }
    }
    return app(request, env);
  };
}

function oneHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
