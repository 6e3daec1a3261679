import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { loadSettings } from '../site/settings.js';
import type { Db } from '../db/database.js';
import type { AssetBundle } from './assets.js';
import { type CachedBody, type RenderCache, prepareBody } from './render-cache.js';
import { type ReaderCachePolicy, cacheTagHeaders } from './cdn.js';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip as gzipCallback } from 'node:zlib';
import { chooseEncoding, requestHeader, requestTarget, sendPrepared } from './respond.js';
import type { SiteContext } from './site-context.js';
import { type Lang, SOURCE_LANG, isLang } from '../i18n/languages.js';
import { type I18n, createI18n } from '../i18n/localizer.js';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);
/** Smaller answers gain nothing from compression. */
const COMPRESS_FROM_BYTES = 1024;
/** A quick brotli level: per-request pages are compressed on every request, unlike cached ones (quality 9, once). */
const BROTLI_PER_REQUEST = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } };

type Markup = HtmlEscapedString | Promise<HtmlEscapedString> | { toString(): string | Promise<string> };

/** Turns views into responses, through the render cache for pages every reader sees alike. */
export type PageRenderer = ReturnType<typeof createPageRenderer>;

/** The request's interface language (set from the address by the language middleware), or the source language. */
export function langOf(c: Context | Lang | undefined): Lang {
  if (c === undefined) return SOURCE_LANG;
  if (typeof c === 'string') return c;
  const lang = (c.get as (key: string) => unknown)('lang');
  return isLang(lang) ? lang : SOURCE_LANG;
}

export function createPageRenderer(deps: {
  db: Db;
  cache: RenderCache;
  assets: AssetBundle;
  baseUrl: string;
  i18n?: I18n;
  cachePolicy?: ReaderCachePolicy;
  /** A topic name the directory has, for the search box's example (read once per content version); none: a plain placeholder. */
  searchExample?: () => Promise<string | null>;
}) {
  const i18n = deps.i18n ?? createI18n();
  const policy = deps.cachePolicy ?? { shared: 'no-cache', personal: 'private, no-cache' };
  /** A page shown to someone signed in is theirs: no shared cache keeps it. */
  const send = (c: Context, body: CachedBody) =>
    (c.get as (key: string) => unknown)('user') ? sendPrepared(c, body, 200, policy.personal) : sendPrepared(c, body, 200, policy.shared, body.cacheTags);
  let settings: { version: number; value: Promise<Awaited<ReturnType<typeof loadSettings>>>; example: Promise<string | null> } | undefined;
  const contexts = new Map<Lang, { version: number; context: SiteContext }>();

  /** Settings, the asset URLs and the localizer of the request's language (a request context, a language, or the source language). */
  async function siteContext(c?: Context | Lang): Promise<SiteContext> {
    const lang = langOf(c);
    const version = deps.cache.currentVersion;
    const known = contexts.get(lang);
    if (known?.version === version) return known.context;
    if (settings?.version !== version) {
      const value = loadSettings(deps.db);
      // Without an example the box still works: a failed look-up only loses the example.
      const example = deps.searchExample ? deps.searchExample().catch(() => null) : Promise.resolve(null);
      settings = { version, value, example };
      // Before the first import there are no settings: ask again next time.
      value.catch(() => {
        if (settings?.value === value) settings = undefined;
      });
    }
    const example = await settings.example;
    const context: SiteContext = {
      ...(example ? { searchExample: example } : {}),
      settings: await settings.value,
      baseUrl: deps.baseUrl,
      assets: { css: deps.assets.url('site.css'), js: deps.assets.url('site.js'), searchJs: deps.assets.url('search.js'), icon: deps.assets.url('favicon.svg') },
      lang,
      i18n: i18n.forLang(lang),
      i18nIn: (other) => i18n.forLang(other),
    };
    contexts.set(lang, { version, context });
    return context;
  }

  /** Lets the fast lane find this page by its address (plain GET paths only: no query, no percent-encoding). */
  function rememberPath(c: Context, key: string): void {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
    const target = requestTarget(c);
    if (!target.includes('?') && !target.includes('%')) deps.cache.rememberPath(target, key);
  }

  async function toHtml(markup: Markup): Promise<string> {
    return `<!DOCTYPE html>${await (markup as { toString(): string | Promise<string> }).toString()}`;
  }

  return {
    siteContext,

    /**
     * Serves a page from the render cache, rendering it on a miss. `render`
     * returns null when there is nothing at this key (the caller answers 404).
     * An HTML page served here goes to later anonymous readers of the same
     * path straight from the fast lane (src/web/fast-lane.ts), skipping every
     * route: return the response as it is, never add headers to it.
     */
    async cached(c: Context, pageKey: string, render: (site: SiteContext) => Promise<Markup | null>, contentType = 'text/html; charset=utf-8'): Promise<Response | null> {
      const isHtml = contentType.startsWith('text/html');
      // The same page in each language is its own rendering.
      const lang = langOf(c);
      const key = lang === SOURCE_LANG ? pageKey : `${lang}:${pageKey}`;
      const hit = deps.cache.get(key);
      if (hit) {
        if (isHtml) rememberPath(c, key);
        return send(c, hit);
      }
      const version = deps.cache.currentVersion;
      const markup = await render(await siteContext(lang));
      if (markup === null) return null;
      const text = isHtml ? await toHtml(markup) : String(await (markup as { toString(): string | Promise<string> }).toString());
      const body = prepareBody(text, contentType, cacheTagHeaders(pageKey));
      deps.cache.put(key, body, version);
      if (isHtml && version === deps.cache.currentVersion) rememberPath(c, key);
      return send(c, body);
    },

    /**
     * Serves a page rendered for this request only (forms, search results,
     * errors, signed-in pages), compressed when the browser takes it: these
     * are the pages of people on slow phone connections too. (CSRF tokens are
     * masked per response, src/accounts/csrf-token.ts, so compression leaks nothing.)
     */
    async fresh(c: Context, markup: Markup, status = 200, headers: Record<string, string> = {}): Promise<Response> {
      const html = Buffer.from(await toHtml(markup));
      const encoding = html.length >= COMPRESS_FROM_BYTES ? chooseEncoding(requestHeader(c, 'accept-encoding')) : 'identity';
      const body = encoding === 'br' ? await brotli(html, BROTLI_PER_REQUEST) : encoding === 'gzip' ? await gzip(html, { level: 6 }) : html;
      return new Response(body as unknown as BodyInit, {
        status,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          vary: 'Accept-Encoding',
          ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
          ...headers,
        },
      });
    },
  };
}
