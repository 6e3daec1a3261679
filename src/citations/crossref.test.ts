import { describe, expect, it } from 'vitest';
import { citationFromCrossrefWork, type CrossrefClientOptions, CrossrefWork, createCrossrefClient } from './crossref.js';
import { CitationLookupError } from './errors.js';
import { FakeClock } from './test-support/fake-clock.js';
import { type FetchStep, ok, scriptedFetch } from './test-support/fake-fetch.js';
import { readFixture } from './test-support/fixtures.js';

const XIONG = readFixture('crossref-10.1371-journal.pone.0001693.json');

function setup(steps: FetchStep[], overrides: Partial<CrossrefClientOptions> = {}) {
  const clock = new FakeClock();
  const fake = scriptedFetch(steps);
  const client = createCrossrefClient({
    fetch: fake.fetch,
    mailto: 'editor@example.org',
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    ...overrides,
  });
  const lookup = (doi: string) => clock.run(client.lookupDoi(doi));
  return { clock, fake, client, lookup };
}

async function failure(promise: Promise<unknown>): Promise<CitationLookupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitationLookupError);
  return error as CitationLookupError;
}

describe('lookupDoi', () => {
  it('maps the Crossref work for 10.1371/journal.pone.0001693', async () => {
    const { lookup } = setup([ok(XIONG)]);
    expect(await lookup('https://doi.org/10.1371/journal.pone.0001693')).toEqual({
      key: 'doi:10.1371/journal.pone.0001693',
      csl: {
        type: 'article-journal',
        DOI: '10.1371/journal.pone.0001693',
        title: 'Differential Dynamic Properties of Scleroderma Fibroblasts in Response to Perturbation of Environmental Stimuli',
        author: [
          { family: 'Xiong', given: 'M.' },
          { family: 'Arnett', given: 'F. C.' },
          { family: 'Guo', given: 'X.' },
          { family: 'Xiong', given: 'H.' },
          { family: 'Zhou', given: 'X.' },
        ],
        'container-title': 'PLoS ONE',
        'container-title-short': 'PLoS ONE',
        issued: { 'date-parts': [[2008]] },
        volume: '3',
        issue: '2',
        page: 'e1693',
      },
      doi: '10.1371/journal.pone.0001693',
      pubTypes: [],
    });
  });

  it('asks api.crossref.org/works/{doi} with a polite User-Agent carrying the mailto', async () => {
    const { fake, lookup } = setup([ok(XIONG)], { userAgent: 'atoz/1.2' });
    await lookup('doi:10.1371/JOURNAL.PONE.0001693');
    const request = fake.requests[0];
    expect(request?.url.toString()).toBe('https://api.crossref.org/works/10.1371/journal.pone.0001693');
    expect(request?.headers['User-Agent']).toBe('atoz/1.2 (mailto:editor@example.org)');
  });

  it('escapes DOI characters that would break the URL', async () => {
    const { fake, lookup } = setup([{ status: 404 }]);
    await failure(lookup('10.1002/(sici)1097-0258(19980815/30)17:15/16<1661::aid-sim968>3.0.co;2-2#x?y'));
    expect(fake.requests[0]?.url.pathname).toBe('/works/10.1002/(sici)1097-0258(19980815/30)17%3A15/16%3C1661%3A%3Aaid-sim968%3E3.0.co%3B2-2%23x%3Fy');
    expect(fake.requests[0]?.url.search).toBe('');
  });

  it('caches a successful answer', async () => {
    const { fake, lookup } = setup([ok(XIONG)]);
    await lookup('10.1371/journal.pone.0001693');
    await lookup('10.1371/journal.pone.0001693');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('lookupDoi faults', () => {
  it('rejects a malformed DOI without asking Crossref', async () => {
    const { fake, lookup } = setup([ok(XIONG)]);
    const error = await failure(lookup('10.13/x'));
    expect(error).toMatchObject({ code: 'invalid-id', message: expect.stringMatching(/"10.13\/x" is not a DOI/) });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports 404 as not-found naming the DOI, without retrying', async () => {
    const { fake, lookup } = setup([{ status: 404, body: 'Resource not found.' }]);
    const error = await failure(lookup('10.5555/example.missing'));
    expect(error).toMatchObject({ code: 'not-found', status: 404, message: expect.stringMatching(/no record for DOI 10.5555\/example.missing/) });
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 429 then succeeds, honouring Retry-After', async () => {
    const { clock, lookup } = setup([{ status: 429, headers: { 'retry-after': '1' } }, ok(XIONG)]);
    expect((await lookup('10.1371/journal.pone.0001693')).doi).toBe('10.1371/journal.pone.0001693');
    expect(clock.sleeps).toContain(1000);
  });

  it('gives up with rate-limited on endless 429s', async () => {
    const { fake, lookup } = setup([{ status: 429 }], { maxRetries: 2 });
    expect((await failure(lookup('10.1371/journal.pone.0001693'))).code).toBe('rate-limited');
    expect(fake.requests).toHaveLength(3);
  });

  it('reports a lasting 503 as network', async () => {
    const { lookup } = setup([{ status: 503 }]);
    expect(await failure(lookup('10.1371/journal.pone.0001693'))).toMatchObject({ code: 'network', status: 503 });
  });

  it('reports a timeout', async () => {
    const { client } = setup(['hang'], { timeoutMs: 30, now: undefined, sleep: undefined });
    expect((await failure(client.lookupDoi('10.1371/journal.pone.0001693'))).code).toBe('timeout');
  });

  it('reports network failures', async () => {
    const { lookup } = setup([{ throws: new TypeError('fetch failed') }]);
    expect((await failure(lookup('10.1371/journal.pone.0001693'))).code).toBe('network');
  });

  it.each([
    ['truncated JSON', XIONG.slice(0, 200)],
    ['HTML', '<html>Bad gateway</html>'],
    ['JSON that is not a work', '{"status":"failed","message-type":"validation-failure","message":[]}'],
  ])('reports %s as bad-response and does not cache it', async (_, body) => {
    const { fake, lookup } = setup([{ status: 200, body }, ok(XIONG)]);
    expect((await failure(lookup('10.1371/journal.pone.0001693'))).code).toBe('bad-response');
    await lookup('10.1371/journal.pone.0001693');
    expect(fake.requests).toHaveLength(2);
  });

  it('refuses to be created without a mailto address', () => {
    expect(() => createCrossrefClient({ fetch: scriptedFetch([]).fetch, mailto: 'nobody' })).toThrow(/mailto/);
  });
});

describe('citationFromCrossrefWork', () => {
  const work = (fields: Record<string, unknown>) => CrossrefWork.parse({ DOI: '10.5555/Example.1', ...fields });

  it('maps types, organisations, partial dates and cleans marked-up titles', () => {
    const record = citationFromCrossrefWork(
      work({
        type: 'book-chapter',
        title: ['The <i>in vitro</i>\n   behaviour of <scp>TGF</scp>-β<sub>1</sub>'],
        author: [{ name: 'Example Consortium' }, { given: 'A', family: 'Muster', suffix: 'Jr' }, { given: 'nobody' }],
        issued: { 'date-parts': [[2019, 4, null]] },
      }),
    );
    expect(record.key).toBe('doi:10.5555/example.1');
    expect(record.csl).toMatchObject({
      type: 'chapter',
      title: 'The <i>in vitro</i> behaviour of TGF-β<sub>1</sub>',
      author: [{ literal: 'Example Consortium' }, { family: 'Muster', given: 'A', suffix: 'Jr' }],
      issued: { 'date-parts': [[2019, 4]] },
    });
  });

  it('leaves out unknown dates and maps unknown types to "article"', () => {
    const record = citationFromCrossrefWork(work({ type: 'peer-review', issued: { 'date-parts': [[null]] } }));
    expect(record.csl.type).toBe('article');
    expect(record.csl).not.toHaveProperty('issued');
    expect(record.csl).not.toHaveProperty('title');
  });

  it('maps a type named like something every object has ("constructor") to "article" too', () => {
    for (const type of ['constructor', 'toString', '__proto__']) expect(citationFromCrossrefWork(work({ type })).csl.type).toBe('article');
  });
});
