import type { MiddlewareHandler } from 'hono';
import { UNREADABLE_FORM_MESSAGE, isUnreadableForm } from './form-body.js';

export const MAX_PATH_LENGTH = 2048;
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/**
 * Rejects requests the app cannot make sense of before any route sees them:
 * over-long paths (414), malformed percent-encoding (400), methods nobody
 * serves (405), a form body that cannot be parsed (400). Each gets a plain
 * answer, never a 5xx.
 */
export function requestGuards(renderProblem: (status: 400 | 405 | 414, message: string) => Response | Promise<Response>): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const queryStart = url.indexOf('?', pathStart);
    const rawPath = url.slice(pathStart, queryStart < 0 ? undefined : queryStart);
    if (rawPath.length > MAX_PATH_LENGTH) return renderProblem(414, 'That address is too long.');
    if (!ALLOWED_METHODS.has(c.req.method)) {
      const res = await renderProblem(405, `The ${c.req.method.slice(0, 20)} method is not used on this site.`);
      res.headers.set('allow', 'GET, HEAD, POST');
      return res;
    }
    try {
      decodeURIComponent(rawPath);
      if (queryStart >= 0) decodeURIComponent(url.slice(queryStart + 1).replace(/\+/g, ' '));
    } catch {
      return renderProblem(400, 'That address contains malformed percent-encoding.');
    }
    if (c.req.method === 'POST' && (await isUnreadableForm(c))) return renderProblem(400, UNREADABLE_FORM_MESSAGE);
    await next();
  };
}
