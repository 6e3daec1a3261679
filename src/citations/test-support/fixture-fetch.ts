/**
 * An offline stand-in for PubMed and Crossref built from the recorded fixtures
 * (test/fixtures/citations/): esummary answers any mix of known and unknown
 * PMIDs the way NCBI does, esearch answers the example list, Crossref knows one
 * DOI. Anything else fails like a machine without network. Tests can change
 * the answers (`pubTypes`, `search`) and read every request made.
 */
import type { FetchLike } from '../http.js';
import { readFixture } from './fixtures.js';

type Doc = Record<string, unknown> & { uid: string };

export interface FixtureFetch {
  fetch: FetchLike;
  /** Every URL asked for, in order. */
  requests: URL[];
  /** Overrides a record's publication types (e.g. to have it retracted "later"). */
  setPubTypes(pmid: string, pubTypes: string[]): void;
  /** The PMIDs esearch answers (default: the example list). */
  setSearchResult(pmids: string[]): void;
  /** Makes every request fail as with no network, until called with false. */
  setOffline(offline: boolean): void;
}

function loadDocs(): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const name of ['esummary-27933103.json', 'esummary-multi.json', 'esummary-retracted-90000004.json']) {
    const { result } = JSON.parse(readFixture(name)) as { result: Record<string, unknown> & { uids: string[] } };
    for (const uid of result.uids) {
      const doc = result[uid] as Doc;
      if (!('error' in doc)) docs.set(uid, doc);
    }
  }
  return docs;
}

export function fixtureFetch(): FixtureFetch {
  const docs = loadDocs();
  const requests: URL[] = [];
  let searchResult: string[] = (JSON.parse(readFixture('esearch-example.json')) as { esearchresult: { idlist: string[] } }).esearchresult.idlist;
  let offline = false;
  const crossrefWork = readFixture('crossref-10.1371-journal.pone.0001693.json');
  const json = (body: unknown) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  const fetch: FetchLike = async (input) => {
    const url = new URL(input);
    requests.push(url);
    if (offline) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND (tests are offline)') });
    if (url.hostname === 'eutils.ncbi.nlm.nih.gov' && url.pathname.endsWith('/esummary.fcgi')) {
      const uids = (url.searchParams.get('id') ?? '').split(',').filter(Boolean);
      const result: Record<string, unknown> = { uids };
      for (const uid of uids) result[uid] = docs.get(uid) ?? { uid, error: 'cannot get document summary' };
      return json({ header: { type: 'esummary', version: '0.3' }, result });
    }
    if (url.hostname === 'eutils.ncbi.nlm.nih.gov' && url.pathname.endsWith('/esearch.fcgi')) {
      return json({ header: { type: 'esearch', version: '0.3' }, esearchresult: { count: String(searchResult.length), retmax: String(searchResult.length), retstart: '0', idlist: searchResult } });
    }
    if (url.hostname === 'api.crossref.org') {
      if (decodeURIComponent(url.pathname).toLowerCase() === '/works/10.1371/journal.pone.0001693') return json(crossrefWork);
      return new Response('Resource not found.', { status: 404, headers: { 'content-type': 'text/plain' } });
    }
    throw new TypeError('fetch failed', { cause: new Error(`tests are offline: ${url.hostname} is not a recorded service`) });
  };

  return {
    fetch,
    requests,
    setPubTypes(pmid, pubTypes) {
      const doc = docs.get(pmid);
      if (!doc) throw new Error(`no fixture record for PMID ${pmid}`);
      docs.set(pmid, { ...doc, pubtype: pubTypes });
    },
    setSearchResult(pmids) {
      searchResult = [...pmids];
    },
    setOffline(value) {
      offline = value;
    },
  };
}
