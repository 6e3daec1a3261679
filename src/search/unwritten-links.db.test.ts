import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';

/**
 * A topic named only as a page nobody has written yet ("Also see: [[Raynaud's]]")
 * is no reason to send a reader to that page first: such link text counts as
 * plain text, below the page's own words and below links to written pages.
 */
describe.skipIf(await skipWithoutDatabase())('links to pages not written yet, in search', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const slugs = async (q: string) => (await app.atoz.search.search({ text: q })).pages.map((p) => p.slug);

  it('"raynauds" puts the page about Raynaud\'s first, ahead of one that only names it as a page to write', async () => {
    const found = await slugs('raynauds');
    expect(found[0]).toBe('causes-drugs-and-medications');
    // causes-tissue-kallikrein mentions Raynaud's only in "Also see: [[Raynaud's]]", which is not written.
    expect(found).toContain('causes-tissue-kallikrein');
    expect(found.indexOf('causes-tissue-kallikrein')).toBeGreaterThan(found.indexOf('causes-drugs-and-medications'));
  });

  it('once the page is written, the links to it count as links again', async () => {
    const before = (await app.atoz.search.search({ text: 'raynauds' })).pages.find((p) => p.slug === 'causes-tissue-kallikrein')!;
    expect(before.hits.some((h) => h.matchedIn === 'links')).toBe(false);
    await app.atoz.store.savePage({ slug: 'raynauds', title: "Raynaud's", parentSlug: null, position: 99, createdOn: '2024-01-01', sections: [{ heading: null, entries: [{ kind: 'summary', body: 'A page written for this test.' }] }] });
    const after = (await app.atoz.search.search({ text: 'raynauds' })).pages.find((p) => p.slug === 'causes-tissue-kallikrein')!;
    expect(after.hits.some((h) => h.matchedIn === 'links')).toBe(true);
    await app.atoz.store.deletePage('raynauds');
    const deleted = (await app.atoz.search.search({ text: 'raynauds' })).pages.find((p) => p.slug === 'causes-tissue-kallikrein')!;
    expect(deleted.hits.some((h) => h.matchedIn === 'links')).toBe(false);
  });
});
