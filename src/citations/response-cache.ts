/** Caches successful API response bodies by URL so repeated lookups do not hit the remote service. */
import { LRUCache } from 'lru-cache';

/** What the HTTP clients need of a cache; may be backed by a database (async) or memory. */
export interface ResponseCache {
  get(url: string): string | undefined | Promise<string | undefined>;
  set(url: string, body: string, ttlMs: number): void | Promise<void>;
}

/** An in-memory LRU cache whose entries expire after their time-to-live. */
export function createMemoryResponseCache(options: { maxEntries?: number; now?: () => number } = {}): ResponseCache {
  const entries = new LRUCache<string, string>({
    max: options.maxEntries ?? 1000,
    // Read the clock on every check (the default caches it for 1 ms), so an injected clock is obeyed at once.
    ttlResolution: 0,
    ...(options.now ? { perf: { now: options.now } } : {}),
  });
  return {
    get: (url) => entries.get(url),
    set(url, body, ttlMs) {
      if (ttlMs > 0) entries.set(url, body, { ttl: ttlMs });
    },
  };
}
