import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { loadSettings } from '../site/settings.js';
import type { Db } from '../db/database.js';
import type { AssetBundle } from './assets.js';
import { type RenderCache, prepareBody } from './render-cache.js';
import { requestTarget, sendPrepared } from './respond.js';
import type { SiteContext } from './site-context.js';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString> | { toString(): string | Promise<string> };

/** Turns views into responses, through the render cache for pages every reader sees alike. */
export type PageRenderer = ReturnType<typeof createPageRenderer>;

export function createPageRenderer(deps: { db: Db; cache: RenderCache; assets: AssetBundle; baseUrl: string }) {
  let site: { version: number; context: SiteContext } | undefined;

  async function siteContext(): Promise<SiteContext> {
    const version = deps.cache.currentVersion;
    if (site?.version !== version) {
      const settings = await loadSettings(deps.db);
      site = { version, context: { settings, baseUrl: deps.baseUrl, assets: { css: deps.assets.url('site.css'), js: deps.assets.url('site.js'), searchJs: deps.assets.url('search.js') } } };
    }
    return site.context;
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
    async cached(c: Context, key: string, render: (site: SiteContext) => Promise<Markup | null>, contentType = 'text/html; charset=utf-8'): Promise<Response | null> {
      const isHtml = contentType.startsWith('text/html');
      const hit = deps.cache.get(key);
      if (hit) {
        if (isHtml) rememberPath(c, key);
        return sendPrepared(c, hit);
      }
      const version = deps.cache.currentVersion;
      const markup = await render(await siteContext());
      if (markup === null) return null;
      const text = isHtml ? await toHtml(markup) : String(await (markup as { toString(): string | Promise<string> }).toString());
      const body = prepareBody(text, contentType);
      deps.cache.put(key, body, version);
      if (isHtml && version === deps.cache.currentVersion) rememberPath(c, key);
      return sendPrepared(c, body);
    },

    /** Serves a page rendered for this request only (forms, search results, errors). */
    async fresh(c: Context, markup: Markup, status = 200, headers: Record<string, string> = {}): Promise<Response> {
      return new Response(await toHtml(markup), {
        status,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
      });
    },
  };
}
