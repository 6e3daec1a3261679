/**
 * A ResponseCache backed by the citation_http_cache table, with the in-memory
 * LRU in front: every server on the database shares PubMed/Crossref answers,
 * and a restart does not ask NCBI again for what it already knows.
 */
import type { Db } from '../db/database.js';
import { createMemoryResponseCache, type ResponseCache } from './response-cache.js';

export interface DatabaseResponseCacheOptions {
  now?: () => number;
  /** Called when the table cannot be read or written; the lookup then goes on without it. */
  onError?: (error: unknown) => void;
}

/** The key stored for a URL: the API key is a secret and must not land in the database. */
export function cacheKeyForUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.searchParams.delete('api_key');
    return parsed.toString();
  } catch {
    return url;
  }
}

export function createDatabaseResponseCache(db: Db, options: DatabaseResponseCacheOptions = {}): ResponseCache & { prune(): Promise<number> } {
  const now = options.now ?? Date.now;
  const memory = createMemoryResponseCache({ now });
  const onError = options.onError ?? ((error) => console.error('citation response cache:', error));

  return {
    async get(url) {
      const key = cacheKeyForUrl(url);
      const hit = await memory.get(key);
      if (hit !== undefined) return hit;
      try {
        const row = await db.selectFrom('citation_http_cache').select(['body', 'expires_at']).where('url', '=', key).executeTakeFirst();
        if (!row) return undefined;
        const remaining = Date.parse(row.expires_at) - now();
        if (!(remaining > 0)) return undefined;
        await memory.set(key, row.body, remaining);
        return row.body;
      } catch (error) {
        onError(error);
        return undefined; // a cache that cannot answer is a miss, never a failed lookup
      }
    },

    async set(url, body, ttlMs) {
      if (ttlMs <= 0) return;
      const key = cacheKeyForUrl(url);
      await memory.set(key, body, ttlMs);
      const expires_at = new Date(now() + ttlMs).toISOString();
      try {
        await db
          .insertInto('citation_http_cache')
          .values({ url: key, body, expires_at })
          .onConflict((oc) => oc.column('url').doUpdateSet({ body, expires_at }))
          .execute();
      } catch (error) {
        onError(error);
      }
    },

    prune: () => pruneExpiredResponses(db, new Date(now())),
  };
}

/** Deletes expired cached answers (retraction watch does it daily); returns how many. */
export async function pruneExpiredResponses(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('citation_http_cache').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
