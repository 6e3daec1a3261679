/** Caches successful API response bodies by URL so repeated lookups do not hit the remote service. */
import { LruMap } from './lru.js';

/** What the HTTP clients need of a cache; may be backed by a database (async) or memory. */
export interface ResponseCache {
  get(url: string): string | undefined | Promise<string | undefined>;
  set(url: string, body: string, ttlMs: number): void | Promise<void>;
}

/** An in-memory LRU cache whose entries expire after their time-to-live. */
export function createMemoryResponseCache(options: { maxEntries?: number; now?: () => number } = {}): ResponseCache {
  const now = options.now ?? Date.now;
  const entries = new LruMap<string, { body: string; expiresAt: number }>(options.maxEntries ?? 1000);
  return {
    get(url) {
      const entry = entries.get(url);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(url);
        return undefined;
      }
      return entry.body;
    },
    set(url, body, ttlMs) {
      if (ttlMs > 0) entries.set(url, { body, expiresAt: now() + ttlMs });
    },
  };
}
