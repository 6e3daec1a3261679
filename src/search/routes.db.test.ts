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
    // One search box, the page's own, holding the words; the header's box would say the same again.
    expect(page).toMatch(/<input id="search-q" name="q" type="search" value="raynauds"/);
    expect(page).not.toContain('id="site-search"');
    // Keyboard users jump past the form to the results.
    expect(page).toMatch(/<a class="skip-link" href="#main">[^<]+<\/a><a class="skip-link" href="#search-status">Skip to the results<\/a>/);
    expect(page).toContain('<h2 id="search-status" class="search-status" tabindex="-1">');
    expect(page).toContain('3 pages found for “raynauds”');
    expect(page).toContain('<a href="/directory/causes-drugs-and-medications#introduction">Introduction</a>');
    expect(page).toContain('<mark>Raynaud&#39;s</mark>');
    expect(page).toContain('What a study found, 2012');
  });

  it('searches the translations from a language’s pages: /es/search finds the Spanish text, titled and linked in Spanish', async () => {
    const page = await html('/es/search?q=gemelos');
    expect(page).toContain('href="/es/directory/causes-genetics');
    // The translation's title, in the page's own language (no lang of its own), and its text with the word marked.
    expect(page).toContain('<a href="/es/directory/causes-genetics">Causas: genética</a>');
    expect(page).toMatch(/<p class="hit-snippet">[^]*<mark>gemelos<\/mark>/);
    // The same words on the English pages find nothing of the translation.
    expect(await html('/search?q=gemelos')).not.toContain('Causas: genética');
    const suggest = (await (await app.request('/es/api/search/suggest?q=gemel')).json()) as { suggestions: Array<{ label: string; url: string }> };
    expect(suggest.suggestions[0]).toMatchObject({ label: 'Causas: genética', url: '/es/directory/causes-genetics' });
  });

  it('marks an English title on a translated language’s results as English', async () => {
    // "Raynaud" is in English pages only: a Spanish reader gets them, each title marked lang="en".
    const page = await html('/es/search?q=raynauds');
    expect(page).toContain('<a href="/es/directory/causes-drugs-and-medications"><span lang="en" dir="ltr">Causes: Drugs and Medications</span></a>');
    expect(page).toContain('<p class="hit-snippet" lang="en" dir="ltr">… drugs are known');
  });

  it('escapes whatever the reader typed', async () => {
    const page = await html(`/search?q=${encodeURIComponent('<script>alert(1)</script> raynauds "><img src=x onerror=alert(2)>')}`);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('filters by kind and by year', async () => {
    const research = await html('/search?q=systemic+sclerosis&kind=research');
    expect(research).toMatch(/What a study found, \d{4}/);
    expect(research).not.toContain('Our explanation');
    expect(research).not.toContain('What the page covers');
    const years = await html('/search?q=systemic+sclerosis&kind=research&from=2010&to=2013');
    expect(years.match(/What a study found, (\d{4})/g)?.map((m) => Number(m.slice(-4))).every((y) => y >= 2010 && y <= 2013)).toBe(true);
    expect(years).toContain('What a study found, 2012');
    expect(years).not.toContain('What a study found, 2006');
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
