import type { Context, MiddlewareHandler } from 'hono';
import { isUnreadableForm } from './form-body.js';

/** What is wrong with a request; the page that answers says it in the reader's language. */
export type RequestProblem = { kind: 'too-long' } | { kind: 'method'; method: string } | { kind: 'encoding' } | { kind: 'unreadable-form' };

export const MAX_PATH_LENGTH = 2048;
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/**
 * Rejects requests the app cannot make sense of before any route sees them:
 * over-long paths (414), malformed percent-encoding (400), methods nobody
 * serves (405), a form body that cannot be parsed (400). Each gets a plain
 * answer, never a 5xx.
 */
export function requestGuards(renderProblem: (c: Context, status: 400 | 405 | 414, problem: RequestProblem) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const queryStart = url.indexOf('?', pathStart);
    const rawPath = url.slice(pathStart, queryStart < 0 ? undefined : queryStart);
    if (rawPath.length > MAX_PATH_LENGTH) return renderProblem(c, 414, { kind: 'too-long' });
    if (!ALLOWED_METHODS.has(c.req.method)) {
      const res = await renderProblem(c, 405, { kind: 'method', method: c.req.method.slice(0, 20) });
      res.headers.set('allow', 'GET, HEAD, POST');
      return res;
    }
    try {
      decodeURIComponent(rawPath);
      if (queryStart >= 0) decodeURIComponent(url.slice(queryStart + 1).replace(/\+/g, ' '));
    } catch {
      return renderProblem(c, 400, { kind: 'encoding' });
    }
    if (c.req.method === 'POST' && (await isUnreadableForm(c))) return renderProblem(c, 400, { kind: 'unreadable-form' });
    await next();
  };
}
