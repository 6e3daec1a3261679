import { describe, expect, it } from 'vitest';
import { CitationLookupError } from './errors.js';
import { createEutilsClient, type EsummaryEntry, type EutilsClientOptions, eutilsRequestsPerSecond } from './eutils.js';
import { createRateLimiter } from './rate-limiter.js';
import { retractionStatus } from './study-type.js';
import { FakeClock } from './test-support/fake-clock.js';
import { type FetchStep, ok, scriptedFetch } from './test-support/fake-fetch.js';
import { readFixture } from './test-support/fixtures.js';

const REAL = readFixture('esummary-27933103.json');

function setup(steps: FetchStep[] | ((url: URL) => FetchStep), overrides: Partial<EutilsClientOptions> = {}) {
  const clock = new FakeClock();
  const fake = scriptedFetch(steps);
  const client = createEutilsClient({
    fetch: fake.fetch,
    tool: 'atoz-test',
    email: 'editor@example.org',
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    ...overrides,
  });
  return { clock, fake, client };
}

async function failure(promise: Promise<unknown>): Promise<CitationLookupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitationLookupError);
  return error as CitationLookupError;
}

function found(entry: EsummaryEntry | undefined) {
  if (!entry?.ok) throw new Error(`expected a record, got ${entry ? entry.error.message : 'nothing'}`);
  return entry.record;
}

function failed(entry: EsummaryEntry | undefined): CitationLookupError {
  if (entry === undefined || entry.ok) throw new Error('expected an error entry');
  return entry.error;
}

describe('esummary requests', () => {
  it('asks the esummary endpoint with db, ids, JSON mode, tool and email, and no api_key unless set', async () => {
    const { client, fake, clock } = setup([ok(REAL)]);
    await clock.run(client.esummary(['27933103']));
    const url = fake.requests[0]?.url;
    expect(url?.origin + (url?.pathname ?? '')).toBe('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi');
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      db: 'pubmed',
      id: '27933103',
      retmode: 'json',
      tool: 'atoz-test',
      email: 'editor@example.org',
    });
  });

  it('sends api_key when configured and allows 10 requests/s instead of 3', async () => {
    const { client, fake, clock } = setup([ok(REAL)], { apiKey: 'secret-key' });
    await clock.run(client.esummary(['27933103']));
    expect(fake.requests[0]?.url.searchParams.get('api_key')).toBe('secret-key');
    expect(eutilsRequestsPerSecond('secret-key')).toBe(10);
    expect(eutilsRequestsPerSecond()).toBe(3);
  });

  it('refuses to be created without tool or email', () => {
    const base = { fetch: scriptedFetch([]).fetch, tool: 'atoz', email: 'editor@example.org' };
    expect(() => createEutilsClient({ ...base, tool: ' ' })).toThrow(/tool/);
    expect(() => createEutilsClient({ ...base, email: '' })).toThrow(/email/);
  });

  it('splits more than 500 ids into batches of at most 500', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => String(1_000_000 + i));
    const { client, fake, clock } = setup((url) => {
      const batch = url.searchParams.get('id')?.split(',') ?? [];
      const result = Object.fromEntries(batch.map((uid) => [uid, { uid, error: 'cannot get document summary' }]));
      return ok(JSON.stringify({ header: {}, result: { uids: batch, ...result } }));
    });
    const entries = await clock.run(client.esummary(ids));
    expect(fake.requests.map((r) => r.url.searchParams.get('id')?.split(',').length)).toEqual([500, 500, 1]);
    expect([...entries.keys()]).toEqual(ids);
  });
});

describe('esummary results', () => {
  it('maps the real record', async () => {
    const { client, clock } = setup([ok(REAL)]);
    const entries = await clock.run(client.esummary(['27933103']));
    const record = found(entries.get('27933103'));
    expect(record).toMatchObject({ key: 'pmid:27933103', pmid: '27933103', pmcid: 'PMC5122160', doi: '10.1186/s13321-016-0181-z' });
    expect(record.csl.author?.[0]).toEqual({ family: 'Scalfani', given: 'VF' });
  });

  it('returns one entry per requested id, in request order, with unknown ids as not-found', async () => {
    const { client, clock } = setup([ok(readFixture('esummary-multi.json'))]);
    const entries = await clock.run(client.esummary(['99999999', '90000003', '27933103', '90000002']));
    expect([...entries.keys()]).toEqual(['99999999', '90000003', '27933103', '90000002']);
    expect(failed(entries.get('99999999'))).toMatchObject({ code: 'not-found', message: expect.stringMatching(/no record with PMID 99999999/) });
    expect(found(entries.get('90000003')).csl.issued).toEqual({ 'date-parts': [[2013, 6, 11]] });
    expect(found(entries.get('90000002')).csl.author?.[0]).toEqual({ literal: 'Example Scleroderma Study Group' });
  });

  it('reports an unknown id (PubMed answers 200 with an error inside the record)', async () => {
    const { client, clock } = setup([ok(readFixture('esummary-unknown-99999999.json'))]);
    const entries = await clock.run(client.esummary(['99999999']));
    expect(entries.size).toBe(1);
    expect(failed(entries.get('99999999')).code).toBe('not-found');
  });

  it('keeps publication types so retracted papers can be flagged', async () => {
    const { client, clock } = setup([ok(readFixture('esummary-retracted-90000004.json'))]);
    const record = found((await clock.run(client.esummary(['90000004']))).get('90000004'));
    expect(record.pubTypes).toContain('Retracted Publication');
    expect(retractionStatus(record.pubTypes)).toBe('retracted');
    expect(record.pmcid).toBe('PMC9000004');
    expect(record.csl.issued).toEqual({ 'date-parts': [[2006]] });
  });

  it('reports an id PubMed silently left out as not-found', async () => {
    const { client, clock } = setup([ok(REAL)]);
    const entries = await clock.run(client.esummary(['27933103', '12345']));
    expect(failed(entries.get('12345')).code).toBe('not-found');
  });

  it('turns a record that does not fit the schema into a bad-response entry, never a half record', async () => {
    const broken = JSON.parse(REAL) as { result: Record<string, Record<string, unknown>> };
    const document = broken.result['27933103'];
    if (document) document.authors = 'Scalfani VF';
    const { client, clock } = setup([ok(JSON.stringify(broken))]);
    const entries = await clock.run(client.esummary(['27933103']));
    expect(failed(entries.get('27933103'))).toMatchObject({ code: 'bad-response', message: expect.stringMatching(/PMID 27933103 is incomplete/) });
  });
});

describe('esummary faults', () => {
  it('marks malformed ids invalid-id and requests only the valid ones', async () => {
    const { client, fake, clock } = setup([ok(REAL)]);
    const entries = await clock.run(client.esummary(['abc', '0', '1234567890', ' 27933103 ', '27933103']));
    expect([...entries.keys()]).toEqual(['abc', '0', '1234567890', '27933103']);
    for (const bad of ['abc', '0', '1234567890']) {
      expect(failed(entries.get(bad))).toMatchObject({ code: 'invalid-id', message: expect.stringContaining(`"${bad}" is not a PubMed ID`) });
    }
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.url.searchParams.get('id')).toBe('27933103');
  });

  it('sends no request when every id is malformed', async () => {
    const { client, fake, clock } = setup([ok(REAL)]);
    const entries = await clock.run(client.esummary(['PMC123']));
    expect(failed(entries.get('PMC123')).code).toBe('invalid-id');
    expect(fake.requests).toHaveLength(0);
  });

  it('survives a storm of 429s, then succeeds', async () => {
    const tooMany: FetchStep = { status: 429, body: '{"error":"API rate limit exceeded","count":"4","limit":"3"}' };
    const { client, fake, clock } = setup([tooMany, tooMany, tooMany, ok(REAL)]);
    const entries = await clock.run(client.esummary(['27933103']));
    expect(found(entries.get('27933103')).pmid).toBe('27933103');
    expect(fake.requests).toHaveLength(4);
  });

  it('gives up with rate-limited when 429s never stop', async () => {
    const { client, fake, clock } = setup([{ status: 429 }]);
    const error = await failure(clock.run(client.esummary(['27933103'])));
    expect(error.code).toBe('rate-limited');
    expect(error.message).toMatch(/PubMed is limiting/);
    expect(fake.requests).toHaveLength(5);
  });

  it('reports a lasting 503 as a network error after retrying', async () => {
    const { client, fake, clock } = setup([{ status: 503, body: '<html>Service Unavailable</html>' }]);
    const error = await failure(clock.run(client.esummary(['27933103'])));
    expect(error).toMatchObject({ code: 'network', status: 503 });
    expect(fake.requests).toHaveLength(5);
  });

  it('reports a timeout', async () => {
    const { client } = setup(['hang'], { timeoutMs: 30, now: undefined, sleep: undefined });
    const error = await failure(client.esummary(['27933103']));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/PubMed did not answer/);
  });

  it('reports a non-JSON body as bad-response', async () => {
    const { client, clock } = setup([{ status: 200, body: '<html><body>Backend error</body></html>' }]);
    expect((await failure(clock.run(client.esummary(['27933103'])))).code).toBe('bad-response');
  });

  it('reports a truncated body as bad-response and does not cache it', async () => {
    const { client, fake, clock } = setup([ok(readFixture('esummary-27933103-truncated.txt')), ok(REAL)]);
    expect((await failure(clock.run(client.esummary(['27933103'])))).code).toBe('bad-response');
    const entries = await clock.run(client.esummary(['27933103']));
    expect(found(entries.get('27933103')).pmid).toBe('27933103');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports JSON without a result (an NCBI error object) as bad-response quoting NCBI', async () => {
    const { client, clock } = setup([ok('{"error":"Invalid query parameters"}')]);
    const error = await failure(clock.run(client.esummary(['27933103'])));
    expect(error).toMatchObject({ code: 'bad-response', message: expect.stringMatching(/Invalid query parameters/) });
  });

  it('reports a network error when fetch throws TypeError', async () => {
    const { client, clock } = setup([{ throws: new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND eutils.ncbi.nlm.nih.gov') }) }]);
    const error = await failure(clock.run(client.esummary(['27933103'])));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/Could not reach PubMed \(getaddrinfo ENOTFOUND/);
  });
});

describe('caching and rate limiting', () => {
  it('answers a repeated lookup from the cache until it expires', async () => {
    const { client, fake, clock } = setup([ok(REAL)], { summaryTtlMs: 60_000 });
    await clock.run(client.esummary(['27933103']));
    await clock.run(client.esummary(['27933103']));
    expect(fake.requests).toHaveLength(1);
    await clock.run(clock.sleep(60_001));
    await clock.run(client.esummary(['27933103']));
    expect(fake.requests).toHaveLength(2);
  });

  it('uses an injected cache', async () => {
    const store = new Map<string, string>();
    const cache = { get: (url: string) => store.get(url), set: (url: string, body: string) => void store.set(url, body) };
    const first = setup([ok(REAL)], { cache });
    await first.clock.run(first.client.esummary(['27933103']));
    const second = setup([{ status: 500 }], { cache });
    const entries = await second.clock.run(second.client.esummary(['27933103']));
    expect(found(entries.get('27933103')).pmid).toBe('27933103');
    expect(second.fake.requests).toHaveLength(0);
  });

  it('keeps two clients sharing one limiter under 3 requests per second together', async () => {
    const clock = new FakeClock(0);
    const limiter = createRateLimiter({ requestsPerSecond: 3, now: clock.now, sleep: clock.sleep });
    const sentAt: number[] = [];
    const fetchAndRecord = scriptedFetch(() => {
      sentAt.push(clock.now());
      return ok(REAL);
    });
    const options = { fetch: fetchAndRecord.fetch, tool: 't', email: 'e@example.org', limiter, now: clock.now, sleep: clock.sleep, summaryTtlMs: 0 };
    const a = createEutilsClient(options);
    const b = createEutilsClient(options);
    expect(a.limiter).toBe(b.limiter);
    await clock.run(Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).esummary(['27933103']))));
    expect(sentAt).toHaveLength(10);
    for (let i = 3; i < sentAt.length; i++) expect((sentAt[i] ?? 0) - (sentAt[i - 3] ?? 0)).toBeGreaterThanOrEqual(1000);
  });
});

describe('esearch', () => {
  it('searches newest first within an Entrez date range and returns PMIDs', async () => {
    const { client, fake, clock } = setup([ok(readFixture('esearch-example.json'))]);
    const ids = await clock.run(client.esearch(' systemic sclerosis ', { mindate: '2024/01/01', maxdate: new Date('2024-06-30T00:00:00Z'), retmax: 50 }));
    expect(ids).toEqual(['90000003', '90000002', '27933103']);
    const url = fake.requests[0]?.url;
    expect(url?.pathname).toBe('/entrez/eutils/esearch.fcgi');
    expect(url?.search).toContain('sort=pub+date');
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      db: 'pubmed',
      term: 'systemic sclerosis',
      retmax: '50',
      sort: 'pub date',
      datetype: 'edat',
      mindate: '2024/01/01',
      maxdate: '2024/06/30',
      retmode: 'json',
      tool: 'atoz-test',
      email: 'editor@example.org',
    });
  });

  it('fills in the open end of a date range and omits dates when none are given', async () => {
    const { client, fake, clock } = setup([ok(readFixture('esearch-example.json'))], { searchTtlMs: 0 });
    await clock.run(client.esearch('x', { mindate: '2024' }));
    expect(fake.requests[0]?.url.searchParams.get('maxdate')).toBe('3000');
    await clock.run(client.esearch('x'));
    expect(fake.requests[1]?.url.searchParams.has('datetype')).toBe(false);
    expect(fake.requests[1]?.url.searchParams.get('retmax')).toBe('100');
  });

  it('reports an esearch ERROR as bad-response', async () => {
    const { client, clock } = setup([ok(readFixture('esearch-error.json'))]);
    const error = await failure(clock.run(client.esearch('((')));
    expect(error).toMatchObject({ code: 'bad-response', message: expect.stringMatching(/Invalid query/) });
  });

  it('rejects bad arguments before asking PubMed', async () => {
    const { client, fake } = setup([ok(readFixture('esearch-example.json'))]);
    await expect(client.esearch('  ')).rejects.toThrow(TypeError);
    await expect(client.esearch('x', { retmax: 10_000 })).rejects.toThrow(RangeError);
    await expect(client.esearch('x', { mindate: '01/01/2024' })).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });
});
