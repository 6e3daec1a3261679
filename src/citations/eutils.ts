/**
 * PubMed E-utilities client: esummary (records by PMID) and esearch (PMIDs by query),
 * polite (tool/email/api_key, shared rate limiter), cached and fault-tolerant.
 */
import { z } from 'zod';
import { CitationLookupError } from './errors.js';
import { type FetchLike, type HttpGetOptions, httpGetText, parseJsonBody } from './http.js';
import { normalisePmid } from './identifiers.js';
import { citationFromEsummary, EsummaryDocument } from './pubmed-summary.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import type { CitationRecord } from './record.js';
import { createMemoryResponseCache, type ResponseCache } from './response-cache.js';

const SERVICE = 'PubMed';
const MAX_IDS_PER_SUMMARY = 500; // NCBI's limit per esummary call
const MAX_SEARCH_RESULTS = 9999; // esearch stops paging here
const HOUR_MS = 3_600_000;

export interface EutilsClientOptions {
  fetch: FetchLike;
  tool: string; // NCBI asks every caller to name its software…
  email: string; // …and a contact address
  apiKey?: string; // raises NCBI's limit from 3 to 10 requests/s
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  limiter?: RateLimiter; // pass the process-wide limiter; one is created for this client otherwise
  cache?: ResponseCache;
  summaryTtlMs?: number; // how long esummary answers are reused
  searchTtlMs?: number; // how long esearch answers are reused ("new since" must stay fresh)
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** One requested PMID's outcome: its record, or why there is none. */
export type EsummaryEntry = { ok: true; record: CitationRecord } | { ok: false; error: CitationLookupError };

export interface EsearchOptions {
  mindate?: string | Date; // "YYYY", "YYYY/MM" or "YYYY/MM/DD" (Entrez date, i.e. when PubMed added it)
  maxdate?: string | Date;
  retmax?: number; // 1–9999, default 100
}

export interface EutilsClient {
  /** Summaries keyed by PMID, in request order; one entry per distinct requested id. Throws on transport failure. */
  esummary(pmids: readonly string[]): Promise<Map<string, EsummaryEntry>>;
  /** PMIDs matching `term`, newest publication first. */
  esearch(term: string, options?: EsearchOptions): Promise<string[]>;
  /** The limiter this client waits on; share it with any other E-utilities client in the process. */
  readonly limiter: RateLimiter;
}

/** NCBI's published limits. */
export function eutilsRequestsPerSecond(apiKey?: string): number {
  return apiKey ? 10 : 3;
}

export function createEutilsClient(options: EutilsClientOptions): EutilsClient {
  if (!options.tool.trim()) throw new TypeError('E-utilities need a tool name (settings: tool)');
  if (!options.email.includes('@')) throw new TypeError('E-utilities need a contact email address (settings: email)');
  const baseUrl = options.baseUrl ?? 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';
  const { now, sleep, random } = options;
  const limiter = options.limiter ?? createRateLimiter({ requestsPerSecond: eutilsRequestsPerSecond(options.apiKey), now, sleep });
  const cache = options.cache ?? createMemoryResponseCache({ now });
  const http: HttpGetOptions = {
    fetch: options.fetch,
    service: SERVICE,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 4,
    limiter,
    now,
    sleep,
    random,
  };

  function urlFor(utility: 'esummary' | 'esearch', params: Record<string, string>): string {
    const url = new URL(`${utility}.fcgi`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const all: Record<string, string> = { db: 'pubmed', ...params, retmode: 'json', tool: options.tool, email: options.email };
    if (options.apiKey) all.api_key = options.apiKey;
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** GETs and parses a JSON answer, serving and filling the cache; only validated answers are cached. */
  async function getJson<T>(url: string, ttlMs: number, read: (json: unknown) => T): Promise<T> {
    const cached = await cache.get(url);
    if (cached !== undefined) return read(parseJsonBody(cached, SERVICE));
    const body = await httpGetText(url, http);
    const result = read(parseJsonBody(body, SERVICE));
    await cache.set(url, body, ttlMs);
    return result;
  }

  return {
    limiter,

    async esummary(pmids) {
      const entries = new Map<string, EsummaryEntry>();
      const valid: string[] = [];
      for (const raw of pmids) {
        const pmid = normalisePmid(raw);
        if (pmid === null) {
          const error = new CitationLookupError('invalid-id', `"${raw}" is not a PubMed ID: a PMID is a number of 1 to 9 digits.`);
          entries.set(raw, { ok: false, error });
        } else if (!entries.has(pmid)) {
          entries.set(pmid, missing(pmid)); // replaced once its batch is fetched; keeps request order
          valid.push(pmid);
        }
      }
      for (let start = 0; start < valid.length; start += MAX_IDS_PER_SUMMARY) {
        const batch = valid.slice(start, start + MAX_IDS_PER_SUMMARY);
        const url = urlFor('esummary', { id: batch.join(',') });
        const found = await getJson(url, options.summaryTtlMs ?? 24 * HOUR_MS, readEsummary);
        for (const pmid of batch) entries.set(pmid, found.get(pmid) ?? missing(pmid));
      }
      return entries;
    },

    async esearch(term, searchOptions = {}) {
      if (!term.trim()) throw new TypeError('esearch needs a search term');
      const retmax = searchOptions.retmax ?? 100;
      if (!Number.isInteger(retmax) || retmax < 1 || retmax > MAX_SEARCH_RESULTS) {
        throw new RangeError(`retmax must be a whole number from 1 to ${MAX_SEARCH_RESULTS}`);
      }
      const params: Record<string, string> = { term: term.trim(), retmax: String(retmax), sort: 'pub date' };
      if (searchOptions.mindate !== undefined || searchOptions.maxdate !== undefined) {
        // NCBI ignores a date range unless both ends are given.
        params.datetype = 'edat';
        params.mindate = searchOptions.mindate === undefined ? '1800' : entrezDate(searchOptions.mindate);
        params.maxdate = searchOptions.maxdate === undefined ? '3000' : entrezDate(searchOptions.maxdate);
      }
      return getJson(urlFor('esearch', params), options.searchTtlMs ?? 5 * 60_000, readEsearch);
    },
  };
}

const EsummaryResponse = z.object({ result: z.looseObject({ uids: z.array(z.string()) }) });
const EsearchResponse = z.object({
  esearchresult: z.looseObject({ idlist: z.array(z.string().regex(/^\d+$/)).optional(), ERROR: z.string().optional() }),
});

/** Validates a whole esummary answer and maps each document; a document that does not fit becomes an error entry. */
function readEsummary(json: unknown): Map<string, EsummaryEntry> {
  const parsed = EsummaryResponse.safeParse(json);
  if (!parsed.success) throw badResponse(ncbiErrorText(json));
  const { result } = parsed.data;
  const entries = new Map<string, EsummaryEntry>();
  for (const uid of result.uids) entries.set(uid, entryFromDocument(uid, result[uid]));
  return entries;
}

function entryFromDocument(uid: string, document: unknown): EsummaryEntry {
  if (isRecordWithError(document)) {
    return { ok: false, error: new CitationLookupError('not-found', `PubMed has no record with PMID ${uid} (it answered "${document.error}"). Check the number.`) };
  }
  const parsed = EsummaryDocument.safeParse(document);
  if (!parsed.success) return { ok: false, error: badResponse(`the summary of PMID ${uid} is incomplete`) };
  try {
    return { ok: true, record: citationFromEsummary(parsed.data) };
  } catch (error) {
    return { ok: false, error: badResponse(`the summary of PMID ${uid} has invalid identifiers`, error) };
  }
}

function readEsearch(json: unknown): string[] {
  const parsed = EsearchResponse.safeParse(json);
  if (!parsed.success) throw badResponse(ncbiErrorText(json));
  const { ERROR: error, idlist } = parsed.data.esearchresult;
  if (error) throw badResponse(`the search failed: ${error}`);
  return idlist ?? [];
}

function isRecordWithError(document: unknown): document is { error: string } {
  return typeof document === 'object' && document !== null && typeof (document as { error?: unknown }).error === 'string';
}

/** NCBI reports some failures as {"error": "..."} with HTTP 200. */
function ncbiErrorText(json: unknown): string | undefined {
  return isRecordWithError(json) ? `it said "${json.error}"` : undefined;
}

function badResponse(detail?: string, cause?: unknown): CitationLookupError {
  const message = `PubMed sent an answer we could not use${detail ? ` (${detail})` : ''}. Try again later.`;
  return new CitationLookupError('bad-response', message, cause === undefined ? undefined : { cause });
}

function missing(pmid: string): EsummaryEntry {
  return { ok: false, error: new CitationLookupError('not-found', `PubMed returned no summary for PMID ${pmid}. Check the number.`) };
}

/** Entrez dates are "YYYY", "YYYY/MM" or "YYYY/MM/DD". */
function entrezDate(value: string | Date): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10).replaceAll('-', '/');
  if (!/^\d{4}(\/\d{2}(\/\d{2})?)?$/.test(value)) throw new RangeError(`"${value}" is not an Entrez date (YYYY, YYYY/MM or YYYY/MM/DD)`);
  return value;
}
