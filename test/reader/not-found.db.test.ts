import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

// An address that leads nowhere still leads somewhere: search's best guess, and a search box holding the address in words.

describe.skipIf(await skipWithoutDatabase())('the 404 page', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('a mistyped topic address offers "Did you mean" the page search finds, and a search box with its words', async () => {
    const res = await testApp.request('/directory/causes-slica');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toMatch(/<p class="did-you-mean">Did you mean <a href="\/directory\/causes-silica(#[a-z0-9-]+)?">Causes: Silica<\/a>\?<\/p>/);
    expect(html).toContain('<input id="not-found-q" name="q" type="search" value="causes slica"');
    expect(html).toContain('action="/search"');
    // One search box on the page.
    expect(html).not.toContain('id="site-search"');
  });

  it('in Spanish, the guess keeps the reader in Spanish', async () => {
    const html = await (await testApp.request('/es/directory/causes-slica')).text();
    // The page is translated: its Spanish title, in the page's own language (no lang="en" on it).
    expect(html).toMatch(/<a href="\/es\/directory\/causes-silica(#[a-z0-9-]+)?">Causas: sílice<\/a>/);
  });

  it('an address without words has no guess and an empty box', async () => {
    const html = await (await testApp.request('/no-such-place/---')).text();
    expect(html).not.toContain('did-you-mean');
    expect(html).toContain('<input id="not-found-q" name="q" type="search" value=""');
  });
});
