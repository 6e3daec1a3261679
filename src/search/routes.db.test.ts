import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { RATE_LIMITS } from '../web/rate-limits.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('/search and /api/search/suggest', () => {
  let app: TestApp;
  const html = async (path: string) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows results grouped by page, linking to the matching section, with the words marked', async () => {
    const page = await html('/search?q=raynauds');
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).toMatch(/<input id="site-search" name="q" type="search" value="raynauds"/);
    expect(page).toContain('3 pages found for “raynauds”');
    expect(page).toContain('<a href="/directory/causes-drugs-and-medications#introduction">Introduction</a>');
    expect(page).toContain('<mark>Raynaud&#39;s</mark>');
    expect(page).toContain('Research digest, 2012');
  });

  it('escapes whatever the reader typed', async () => {
    const page = await html(`/search?q=${encodeURIComponent('<script>alert(1)</script> raynauds "><img src=x onerror=alert(2)>')}`);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('filters by kind and by year', async () => {
    const research = await html('/search?q=systemic+sclerosis&kind=research');
    expect(research).toMatch(/Research digest, \d{4}/);
    expect(research).not.toContain('Our summary');
    expect(research).not.toContain('Page summary');
    const years = await html('/search?q=systemic+sclerosis&kind=research&from=2010&to=2013');
    expect(years.match(/Research digest, (\d{4})/g)?.map((m) => Number(m.slice(-4))).every((y) => y >= 2010 && y <= 2013)).toBe(true);
    expect(years).toContain('Research digest, 2012');
    expect(years).not.toContain('Research digest, 2006');
  });

  it('explains a bad filter, keeps what was typed, and still searches', async () => {
    const page = await html('/search?q=lung&from=abc&to=19999');
    expect(page).toContain('Some filters could not be used');
    expect(page).toContain('<a href="#search-from">Enter a year as four digits, for example 2010.</a>');
    expect(page).toMatch(/id="search-from" name="from"[^>]*value="abc"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/id="search-to" name="to"[^>]*value="19999"/);
    expect(page).toContain('<title>Error: Search results for “lung”');
    expect(page).toContain('1 page found for “lung”');
  });

  it('offers "Did you mean" and pages of results', async () => {
    const page = await html('/search?q=sclerodema');
    expect(page).toContain('Did you mean <a href="/search?q=scleroderma">scleroderma</a>?');
    expect(page).toContain('<nav class="pagination" aria-label="Results pages">');
    expect(page).toContain('href="/search?q=sclerodema&amp;page=2" rel="next"');
    const second = await html('/search?q=sclerodema&page=2');
    expect(second).toContain('page 2 of 3');
    expect(second).toMatch(/<ol class="search-results" start="11">/);
  });

  it('helps when nothing is found, and when nothing was asked', async () => {
    const none = await html('/search?q=xyzzyplugh');
    expect(none).toContain('No pages found for “xyzzyplugh”');
    expect(none).toContain('<a href="/directory/a-z">A–Z index</a>');
    const filtered = await html('/search?q=scleroderma&kind=news&from=1990&to=1991');
    expect(filtered).toContain('<a href="/search?q=scleroderma">Search again without the filters</a>');
    const blank = await html('/search');
    expect(blank).toContain('Ways to find a topic');
    expect(blank).toContain('<a href="/directory/a-z">A–Z index</a>');
    expect(await html('/search?q=what+is+the')).toContain('No words to search for');
  });

  it('copes with a 2,000-character query and says it was shortened', async () => {
    const page = await html(`/search?q=${'raynauds '.repeat(222)}`);
    expect(page).toContain('only its first 200 characters or first 10 words were used');
  });

  it('suggests pages as JSON', async () => {
    const res = await app.request('/api/search/suggest?q=scler');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { suggestions: Array<{ label: string; url: string }> };
    expect(body.suggestions[0]).toMatchObject({ label: expect.stringMatching(/Scleroderma/), url: expect.stringMatching(/^\/directory\//) });
    expect(((await (await app.request('/api/search/suggest?q=')).json()) as { suggestions: unknown[] }).suggestions).toEqual([]);
  });

  it('answers 400 with a JSON message for a query over 200 characters', async () => {
    const res = await app.request(`/api/search/suggest?q=${'a'.repeat(201)}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'The search text is longer than 200 characters.', limit: 200 });
  });

  it('rate-limits one client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i <= RATE_LIMITS.suggest.limit; i++) {
      const res = await app.request('/api/search/suggest?q=lung');
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses[0]).toBe(200);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toEqual({ error: 'Too many suggestion requests. Please wait a moment.' });
  });
});
