import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseFlag } from '../citations/flags.js';
import { upsertCitation } from '../citations/store.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import type { PageDocumentInput } from './document.js';
import { createDirectoryStore } from './store.js';

// The evidence map over the demo directory and a small made-up subtree, on both databases.
// The subtree's pages and studies are placeholders: the tests are about the map, not medical content.

const skip = await skipWithoutDatabase();

function page(slug: string, title: string, overrides: Partial<PageDocumentInput> = {}): PageDocumentInput {
  return { slug, title, parentSlug: null, position: 0, createdOn: '2024-01-15', sections: [{ heading: null, entries: [{ kind: 'summary', body: `About ${title}.` }] }], ...overrides };
}
const digestsOf = (...keys: string[]) => [{ heading: null, entries: keys.map((k) => ({ kind: 'research' as const, citationKey: k, body: `A placeholder digest of [@${k}].` })) }];

const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

describe.skipIf(skip)('evidence map', () => {
  let t: TestApp;
  const get = async (path: string) => {
    const res = await t.request(path);
    return { status: res.status, html: await res.text() };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.atoz.database.db;
    await db.transaction().execute(async (tx) => {
      await upsertCitation(tx, { key: 'em-review', csl: { title: 'Placeholder review', issued: { 'date-parts': [[2004]] } }, pubTypes: ['Review'] });
      await upsertCitation(tx, { key: 'em-trial', csl: { title: 'Placeholder trial', issued: { 'date-parts': [[2008]] } }, pubTypes: ['Randomized Controlled Trial'] });
      await upsertCitation(tx, { key: 'em-undated', csl: { title: 'Placeholder undated study' }, pubTypes: ['Case Reports'] });
      const flagged = await upsertCitation(tx, { key: 'em-flagged', csl: { title: 'Placeholder flagged study', issued: { 'date-parts': [[2006]] } }, pubTypes: ['Observational Study'] });
      await raiseFlag(tx, flagged, 'retracted');
    });
    const store = createDirectoryStore(db);
    await store.savePage(page('em-topic', 'Map topic', { sections: digestsOf('em-review') }));
    await store.savePage(page('em-cause-a', 'Map cause A', { parentSlug: 'em-topic', position: 1, sections: digestsOf('em-trial', 'em-flagged') }));
    await store.savePage(page('em-cause-b', 'Map cause B', { parentSlug: 'em-topic', position: 2 }));
    await store.savePage(page('em-cause-b-detail', 'Map cause B detail', { parentSlug: 'em-cause-b', position: 0, sections: digestsOf('em-undated') }));
    await store.savePage(page('em-cause-c', 'Map cause C', { parentSlug: 'em-topic', position: 3 }));
    await t.atoz.contentChanged();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws the Causes overview as an SVG with a title, a description and one link per digest, and a table twin with the same rows', async () => {
    const { status, html } = await get('/directory/causes-of-scleroderma/evidence');
    expect(status).toBe(200);
    expect(html).toMatch(/<svg class="evidence-svg"[^>]* aria-labelledby="evidence-svg-title evidence-svg-desc">/);
    expect(html).toContain('<title id="evidence-svg-title">Evidence map of Causes of Scleroderma</title>');
    const marks = all(html, /<a href="([^"]+)" class="evidence-mark">/g);
    const tableLinks = all(html, /<td data-label="Digest"><a href="([^"]+)"/g);
    // Six digests in the demo: the overview's own and five causes'.
    expect(marks).toHaveLength(6);
    expect(tableLinks).toEqual(marks);
    // The demo records no publication types: said honestly, in the description and the reading aid.
    expect(html).toContain('The kind of study is not recorded for any of them yet.');
    expect(html).toMatch(/<desc id="evidence-svg-desc">There are 6 research digests here, across 6 topics\./);
    // Causes without digests are named, not drawn.
    expect(html).toMatch(/No research digests yet:.*Causes: Silica/s);
  });

  it('leads every mark to the digest it stands for', async () => {
    const { html } = await get('/directory/causes-of-scleroderma/evidence');
    for (const href of all(html, /<a href="([^"]+)" class="evidence-mark">/g)) {
      const [path, fragment] = href.split('#');
      expect((await get(path!)).html, href).toContain(`<div class="entry entry-research" id="${fragment}">`);
    }
  });

  it('tells study kinds apart by shape, crosses out retractions, and puts undated studies in their own column', async () => {
    const { html } = await get('/directory/em-topic/evidence');
    const labels = all(html, /<a href="[^"]+" class="evidence-mark"><title>([^<]+)<\/title>/g);
    expect(labels).toEqual([
      'Map topic, 2004: Review',
      'Map cause A, 2006: Observational study, Retracted study',
      'Map cause A, 2008: Trial',
      'Map cause B detail, year not recorded: Case report',
    ]);
    expect(html).toContain('>No year</text>');
    expect(html).toContain('Crossed out: the study was retracted');
    expect(html).toContain('1 of the studies has been retracted; its mark is crossed out.');
    expect(html).toContain('1 study has no year recorded.');
    expect(html).toMatch(/No research digests yet:.*Map cause C/s);
  });

  it('shows the evidence at a glance on the topic page with a link to the map, and nothing on a page with no digests under it', async () => {
    const topic = (await get('/directory/em-topic')).html;
    expect(topic).toContain('<h2 id="evidence-glance-title">The evidence at a glance</h2>');
    expect(topic).toContain('href="/directory/em-topic/evidence"');
    expect((await get('/directory/em-cause-c')).html).not.toContain('evidence-glance');
    expect((await get('/directory/em-cause-c/evidence')).html).toContain('There are no research digests here yet, so there is no map to draw.');
    expect((await get('/directory/no-such-topic/evidence')).status).toBe(404);
  });

  it('sorts and filters the A–Z and the tree by evidence age and kind, from the address alone', async () => {
    const trials = (await get('/directory/a-z?kind=trial')).html;
    expect(trials).toContain('1 topic matches.');
    expect(trials).toContain('>Map cause A</');
    expect(trials).not.toContain('>Map topic</');

    const newest = (await get('/directory/a-z?sort=newest&age=any&kind=any')).html;
    const order = all(newest, /<li><a href="\/directory\/(em-[a-z-]+)">/g);
    expect(order).toEqual(['em-cause-a', 'em-topic', 'em-cause-b-detail', 'em-cause-b', 'em-cause-c']);

    // The tree keeps the pages above a match, so a filtered cause still shows where it belongs.
    const tree = (await get('/directory?age=none')).html;
    expect(tree).toContain('>Map cause C</');
    expect(tree).toContain('>Map topic</');
    expect(tree).not.toContain('>Map cause A</');

    // A value no form sends falls back to the whole list by name.
    const odd = await get('/directory/a-z?kind=horoscope&sort=sideways');
    expect(odd.status).toBe(200);
    expect(odd.html).not.toContain('role="status"');
  });
});
