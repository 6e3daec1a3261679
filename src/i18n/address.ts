import type { MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import type { AppEnv } from '../accounts/context.js';
import { SOURCE_LANG, splitLangPrefix } from './languages.js';

/**
 * Routes are written once, for unprefixed paths: the router sees
 * "/es/directory/x" as "/directory/x" (Hono's getPath), and
 * `languageFromAddress` tells handlers which language was asked for.
 */
export function pathWithoutLanguage(request: Request): string {
  return splitLangPrefix(getPath(request)).path;
}

const SOURCE_PREFIX = new RegExp(`^/${SOURCE_LANG}(?=/|$)`);

/**
 * Sets c.var.lang from the address; the address is the only source (never a
 * cookie or header, so every reader of an address gets the same page and
 * caches stay correct). "/en/…" is a typed guess at English: it moves to the
 * unprefixed address.
 */
export function languageFromAddress(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = getPath(c.req.raw);
    if (SOURCE_PREFIX.test(path) && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const url = new URL(c.req.url);
      return c.redirect((path.slice(3) || '/') + url.search, 301);
    }
    c.set('lang', splitLangPrefix(path).lang);
    await next();
  };
}
