import { z } from 'zod';
import type { Config } from '../config.js';
import { defineJob } from '../jobs/registry.js';

/**
 * How anonymous reader pages may be kept by a CDN or shared proxy, and how it
 * is told that they changed.
 *
 * Off by default (ATOZ_CDN_MAX_AGE=0): pages say `no-cache`, so browsers and
 * proxies revalidate every time with the ETag (a 304 costs almost nothing).
 * With a max age, shared caches may serve a page that long (`s-maxage`) and a
 * little longer while they fetch the new one (`stale-while-revalidate`), while
 * browsers still revalidate (`max-age=0`). Signed-in answers are never shared.
 */
export interface ReaderCachePolicy {
  /** Cache-Control of a page every anonymous reader sees alike. */
  readonly shared: string;
  /** Cache-Control of the same page sent to a signed-in person. */
  readonly personal: string;
}

export const PERSONAL_CACHE_CONTROL = 'private, no-cache';

export function readerCachePolicy(config: Pick<Config, 'cdnMaxAge' | 'cdnStaleSeconds'>): ReaderCachePolicy {
  const shared = config.cdnMaxAge > 0 ? `public, max-age=0, s-maxage=${config.cdnMaxAge}, stale-while-revalidate=${config.cdnStaleSeconds}` : 'no-cache';
  return { shared, personal: PERSONAL_CACHE_CONTROL };
}

/** The tag every shareable page carries: any content change may show on any page, so a purge names it. */
export const SITE_TAG = 'atoz-all';

/**
 * Cache tags of a rendered page, for CDNs that purge by tag: Surrogate-Key
 * (Fastly, Varnish: space-separated) and Cache-Tag (Cloudflare, Akamai:
 * comma-separated). One tag for the whole site, one for the page whatever its
 * language ("es:page:x" and "page:x" share "atoz-page-x").
 */
export function cacheTagHeaders(pageKey: string): Record<string, string> {
  const page = `atoz-${pageKey.replace(/^[a-z]{2}:/, '').replace(/[^A-Za-z0-9_.-]+/g, '-')}`.slice(0, 200);
  return { 'surrogate-key': `${SITE_TAG} ${page}`, 'cache-tag': `${SITE_TAG},${page}` };
}

const PurgePayload = z.object({ version: z.number().int() });

type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ ok: boolean; status: number }>;

/**
 * Tells the CDN that content changed: POSTs `{"tags": ["atoz-all"], "version": N}`
 * as JSON to ATOZ_CDN_PURGE_URL (with `Authorization: Bearer <ATOZ_CDN_PURGE_TOKEN>`
 * when set). Queued once per change under one key, so a burst of saves
 * becomes one purge; a failed call is retried by the job queue with backoff.
 */
export function cdnPurgeJob(config: Pick<Config, 'cdnPurgeUrl' | 'cdnPurgeToken'>, fetchImpl?: FetchLike) {
  return defineJob({
    name: 'web.cdn-purge',
    payload: PurgePayload,
    maxAttempts: 8,
    async run({ version }, { signal }) {
      if (!config.cdnPurgeUrl) return { skipped: 'ATOZ_CDN_PURGE_URL is not set' };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.cdnPurgeToken) headers.authorization = `Bearer ${config.cdnPurgeToken}`;
      const timeout = AbortSignal.timeout(10_000);
      // The global fetch is read only when a purge runs: touching it loads undici, which start-up does not need.
      const send = fetchImpl ?? (globalThis.fetch as unknown as FetchLike);
      const response = await send(config.cdnPurgeUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ tags: [SITE_TAG], version }),
        signal: AbortSignal.any([signal, timeout]),
      });
      // Throwing makes the queue try again later.
      if (!response.ok) throw new Error(`the CDN purge address answered ${response.status}`);
      return { purged: [SITE_TAG], version };
    },
  });
}
