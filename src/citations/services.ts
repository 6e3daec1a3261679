/**
 * The process-wide PubMed and Crossref clients, built once in the composition
 * root so NCBI's 3 requests/s (10 with a key) holds across every route and job
 * of this server. A service that is not configured is null, with the reason.
 */
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { type CrossrefClient, createCrossrefClient } from './crossref.js';
import { createDatabaseResponseCache } from './db-response-cache.js';
import { type EutilsClient, createEutilsClient, eutilsRequestsPerSecond } from './eutils.js';
import { type RateLimiter, createRateLimiter } from './rate-limiter.js';
import type { FetchLike } from './http.js';

/** Test and tuning knobs for the HTTP side (tests inject fetch and sleep; nothing touches the network). */
export interface CitationHttpOptions {
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
  maxRetries?: number;
}

export interface CitationServices {
  /** null when ATOZ_NCBI_EMAIL is not set. */
  pubmed: EutilsClient | null;
  /** null when neither ATOZ_CROSSREF_MAILTO nor ATOZ_NCBI_EMAIL is set. */
  crossref: CrossrefClient | null;
  /** Why PubMed is unavailable, written for the editor who tried. */
  pubmedMissing: string;
  crossrefMissing: string;
}

export const PUBMED_NOT_CONFIGURED =
  'Importing from PubMed is switched off on this site: the operator must set ATOZ_NCBI_EMAIL (a contact address NCBI requires) and restart. You can still import by DOI if Crossref is set up.';
export const CROSSREF_NOT_CONFIGURED =
  'Importing by DOI is switched off on this site: the operator must set ATOZ_CROSSREF_MAILTO or ATOZ_NCBI_EMAIL (a contact address) and restart.';

export function createCitationServices(config: Pick<Config, 'ncbiTool' | 'ncbiEmail' | 'ncbiApiKey' | 'crossrefMailto'> & Partial<Pick<Config, 'processes'>>, db: Db, http: CitationHttpOptions = {}): CitationServices {
  // The real network when the app runs; tests pass their own fetch.
  const fetch: FetchLike = http.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const common = { fetch, sleep: http.sleep, now: http.now, random: http.random, timeoutMs: http.timeoutMs, maxRetries: http.maxRetries };
  const cache = createDatabaseResponseCache(db, { now: http.now });
  const pubmed = config.ncbiEmail
    ? createEutilsClient({ ...common, tool: config.ncbiTool, email: config.ncbiEmail, apiKey: config.ncbiApiKey, cache, limiter: pubmedLimiter(config, http) })
    : null;
  const mailto = config.crossrefMailto ?? config.ncbiEmail;
  const crossref = mailto ? createCrossrefClient({ ...common, mailto, cache }) : null;
  return { pubmed, crossref, pubmedMissing: PUBMED_NOT_CONFIGURED, crossrefMissing: CROSSREF_NOT_CONFIGURED };
}

/** NCBI's limit is per site: processes sharing this machine each take an equal whole share of it. */
function pubmedLimiter(config: Pick<Config, 'ncbiApiKey'> & Partial<Pick<Config, 'processes'>>, http: CitationHttpOptions): RateLimiter {
  const share = Math.max(1, Math.floor(eutilsRequestsPerSecond(config.ncbiApiKey) / (config.processes ?? 1)));
  return createRateLimiter({ requestsPerSecond: share, now: http.now, sleep: http.sleep });
}
