/**
 * Crossref client: one DOI → CitationRecord, for papers PubMed does not index.
 * Uses Crossref's "polite pool" (User-Agent with a mailto address).
 */
import { z } from 'zod';
import { ownValue } from '../web/known-key.js';
import { CitationLookupError } from './errors.js';
import { type FetchLike, type HttpGetOptions, httpGetText, parseJsonBody } from './http.js';
import { normaliseDoi } from './identifiers.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { type CitationRecord, type CslItem, type CslName, citationFromCsl } from './record.js';
import { createMemoryResponseCache, type ResponseCache } from './response-cache.js';

const SERVICE = 'Crossref';

export interface CrossrefClientOptions {
  fetch: FetchLike;
  mailto: string; // contact address Crossref asks polite clients to send
  userAgent?: string; // product token, e.g. "atoz/0.1"; the mailto is appended
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  limiter?: RateLimiter; // share one per process; a 5 requests/s limiter is created otherwise
  cache?: ResponseCache;
  cacheTtlMs?: number; // Crossref metadata rarely changes: default one week
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CrossrefClient {
  /** The record for a DOI (any accepted form: bare, doi:, https://doi.org/…); throws CitationLookupError. */
  lookupDoi(doi: string): Promise<CitationRecord>;
  readonly limiter: RateLimiter;
}

export function createCrossrefClient(options: CrossrefClientOptions): CrossrefClient {
  if (!options.mailto.includes('@')) throw new TypeError('Crossref needs a contact email address (mailto)');
  const { now, sleep, random } = options;
  const baseUrl = options.baseUrl ?? 'https://api.crossref.org/';
  const limiter = options.limiter ?? createRateLimiter({ requestsPerSecond: 5, now, sleep });
  const cache = options.cache ?? createMemoryResponseCache({ now });
  const http: HttpGetOptions = {
    fetch: options.fetch,
    service: SERVICE,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 4,
    headers: { 'User-Agent': `${options.userAgent ?? 'atoz/0.1'} (mailto:${options.mailto})`, Accept: 'application/json' },
    limiter,
    now,
    sleep,
    random,
  };

  return {
    limiter,
    async lookupDoi(input) {
      const doi = normaliseDoi(input);
      if (doi === null) {
        throw new CitationLookupError('invalid-id', `"${input}" is not a DOI: a DOI looks like 10.1371/journal.pone.0001693.`);
      }
      // Keep "/" readable (Crossref expects the DOI as path segments); escape everything else.
      const url = new URL(`works/${doi.split('/').map(encodeURIComponent).join('/')}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
      const cached = await cache.get(url);
      const body = cached ?? (await fetchWork(url, doi));
      const record = citationFromCrossrefWork(readWork(parseJsonBody(body, SERVICE)));
      if (cached === undefined) await cache.set(url, body, options.cacheTtlMs ?? 7 * 24 * 3_600_000);
      return record;
    },
  };

  async function fetchWork(url: string, doi: string): Promise<string> {
    try {
      return await httpGetText(url, http);
    } catch (error) {
      if (error instanceof CitationLookupError && error.code === 'not-found') {
        throw new CitationLookupError('not-found', `Crossref has no record for DOI ${doi}. Check the DOI; DOIs registered elsewhere (e.g. DataCite) are not found here.`, { cause: error, status: 404 });
      }
      throw error;
    }
  }
}

const text = z.string().optional();
const textList = z.array(z.string()).default([]);

/** The fields of a Crossref work we use. */
export const CrossrefWork = z.looseObject({
  DOI: z.string(),
  type: z.string().default(''),
  title: textList,
  author: z.array(z.looseObject({ given: text, family: text, name: text, suffix: text })).default([]),
  'container-title': textList,
  'short-container-title': textList,
  issued: z.looseObject({ 'date-parts': z.array(z.array(z.number().nullable())).optional() }).optional(),
  volume: text,
  issue: text,
  page: text,
});
export type CrossrefWork = z.infer<typeof CrossrefWork>;

const CrossrefResponse = z.object({ status: z.literal('ok'), message: CrossrefWork });

function readWork(json: unknown): CrossrefWork {
  const parsed = CrossrefResponse.safeParse(json);
  if (!parsed.success) throw new CitationLookupError('bad-response', 'Crossref sent an answer we could not use (not a work record). Try again later.', { cause: parsed.error });
  return parsed.data.message;
}

// Crossref work types → CSL item types; anything else is a generic "article".
const CSL_TYPES: Record<string, string> = {
  'journal-article': 'article-journal',
  'book-chapter': 'chapter',
  book: 'book',
  monograph: 'book',
  'edited-book': 'book',
  'proceedings-article': 'paper-conference',
  'posted-content': 'article',
  report: 'report',
  dataset: 'dataset',
  dissertation: 'thesis',
};

/** Maps a Crossref work to a record keyed `doi:<doi>`; Crossref has no PubMed publication types. */
export function citationFromCrossrefWork(work: CrossrefWork): CitationRecord {
  const doi = normaliseDoi(work.DOI);
  if (doi === null) throw new CitationLookupError('bad-response', `Crossref sent an invalid DOI ("${work.DOI}").`);
  const csl: CslItem = { type: ownValue(CSL_TYPES, work.type) ?? 'article', DOI: work.DOI };
  const title = work.title[0] && cleanTitle(work.title[0]);
  if (title) csl.title = title;
  const authors = work.author.map(authorFromCrossref).filter((a) => a !== undefined);
  if (authors.length > 0) csl.author = authors;
  const container = work['container-title'][0]?.trim();
  if (container) csl['container-title'] = container;
  const shortContainer = work['short-container-title'][0]?.trim();
  if (shortContainer) csl['container-title-short'] = shortContainer;
  const parts = work.issued?.['date-parts']?.[0];
  const dateParts = parts ? leadingNumbers(parts) : [];
  if (dateParts.length > 0) csl.issued = { 'date-parts': [dateParts] };
  for (const key of ['volume', 'issue', 'page'] as const) {
    const value = work[key]?.trim();
    if (value) csl[key] = value;
  }
  return citationFromCsl(`doi:${doi}`, csl, []);
}

function authorFromCrossref(author: CrossrefWork['author'][number]): CslName | undefined {
  if (author.family?.trim()) {
    return { family: author.family.trim(), ...(author.given?.trim() ? { given: author.given.trim() } : {}), ...(author.suffix ? { suffix: author.suffix } : {}) };
  }
  return author.name?.trim() ? { literal: author.name.trim() } : undefined; // organisations come as `name`
}

/** Crossref titles may carry JATS/MathML tags and line breaks; keep only the inline markup CSL understands. */
function cleanTitle(title: string): string {
  return title
    .replace(/<\/?(?!(?:i|b|sup|sub)>)[a-z][\w:.-]*(?:\s[^>]*)?>/gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** [2008, null] → [2008]: Crossref marks unknown parts as null. */
function leadingNumbers(parts: (number | null)[]): number[] {
  const index = parts.findIndex((p) => p === null);
  return (index === -1 ? parts : parts.slice(0, index)) as number[];
}
