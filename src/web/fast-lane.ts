import { type IncomingMessage, type RequestListener, type ServerResponse, createServer } from 'node:http';
import type { CachedBody, RenderCache } from './render-cache.js';
import { type Encoding, chooseEncoding, etagMatches, preparedHeaders } from './respond.js';

export interface FastLaneOptions {
  /** Headers every response carries (the app's middleware adds the same ones on the normal way). */
  headers: Readonly<Record<string, string>>;
  /** Headers every response over HTTPS carries instead (Strict-Transport-Security); default `headers`. */
  httpsHeaders?: Readonly<Record<string, string>>;
  /** Whether a request came over HTTPS (our TLS, or a trusted proxy's X-Forwarded-Proto); default never. */
  isHttps?: (req: IncomingMessage) => boolean;
  /**
   * Name of the sign-in cookie: requests carrying it always go the normal way.
   * Matched anywhere in the Cookie header, so its `__Host-` form (HTTPS) counts too.
   */
  sessionCookie: string;
  /** Cache-Control of the pages it serves (anonymous readers only): src/web/cdn.ts; default no-cache. */
  cacheControl?: string;
}

/**
 * A fast lane in front of the app, at the level of Node's HTTP server: an
 * anonymous reader's GET or HEAD of a page already in the render cache is
 * written straight to the socket, without building a Request, running Hono's
 * router and middleware, or awaiting anything (bench/pages.ts measures it).
 * Everything else goes to `next` (the app): a query string, a signed-in
 * person's session cookie (they may see per-person extras), a page not
 * rendered yet. The normal way fills the cache and tells it each page's path
 * (PageRenderer.cached), so both ways send the same bytes and headers.
 */
export function fastLaneListener(cache: RenderCache, options: FastLaneOptions, next: RequestListener): RequestListener {
  const sessionMarker = `${options.sessionCookie}=`;
  const httpsHeaders = options.httpsHeaders ?? options.headers;
  const isHttps = options.isHttps ?? (() => false);
  const cacheControl = options.cacheControl ?? 'no-cache';
  // Flat header lists ([name, value, name, value, …]) per body, answer and scheme, built once: writeHead takes
  // them as they are, and nothing is allocated for them per request.
  const headerSets = [false, true].map(() => new WeakMap<CachedBody, Map<Encoding | null, string[]>>());
  const headersOf = (body: CachedBody, encoding: Encoding | null, https: boolean): string[] => {
    const sets = headerSets[https ? 1 : 0]!;
    let set = sets.get(body);
    if (!set) sets.set(body, (set = new Map()));
    let headers = set.get(encoding);
    if (!headers) {
      const always = https ? httpsHeaders : options.headers;
      headers = Object.entries(preparedHeaders(body, encoding, cacheControl, body.cacheTags ? { ...always, ...body.cacheTags } : always)).flat();
      set.set(encoding, headers);
    }
    return headers;
  };
  // Browsers send the same Accept-Encoding on every request: remember the last answer.
  let lastAccept: string | undefined;
  let lastEncoding: Encoding = chooseEncoding(undefined);

  return (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method;
    if ((method === 'GET' || method === 'HEAD') && req.url) {
      const body = cache.getByPath(req.url);
      const h = req.headers;
      if (body && !h.cookie?.includes(sessionMarker)) {
        const https = isHttps(req);
        // The same answers as choosePrepared (respond.ts), without building a request or answer object.
        if (etagMatches(h['if-none-match'], body.etag)) {
          res.writeHead(304, headersOf(body, null, https));
          res.end();
          return;
        }
        const accept = h['accept-encoding'];
        if (accept !== lastAccept) {
          lastEncoding = chooseEncoding(accept);
          lastAccept = accept;
        }
        res.writeHead(200, headersOf(body, lastEncoding, https));
        res.end(method === 'HEAD' ? undefined : body[lastEncoding]);
        return;
      }
    }
    const https = isHttps(req);
    // The normal way: the app sets these itself, but the HTTP adapter answers some requests on its own
    // (no Host header, a path it cannot read); set here, they are on those answers too. The app's values win.
    const defaults = https ? httpsHeaders : options.headers;
    for (const name in defaults) res.setHeader(name, defaults[name]!);
    next(req, res);
  };
}

/**
 * A drop-in for node:http's createServer that puts the fast lane in front of
 * the listener it is given: pass it as `createServer` to @hono/node-server's serve().
 */
export function fastLaneServerFactory(cache: RenderCache, options: FastLaneOptions): typeof createServer {
  return ((serverOptions: object, listener: RequestListener) =>
    createServer(serverOptions, fastLaneListener(cache, options, listener))) as unknown as typeof createServer;
}
