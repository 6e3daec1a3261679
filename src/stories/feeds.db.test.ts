import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { createStoryStore } from './store.js';
import { makeStory } from './test-support/stories.js';

const skip = await skipWithoutDatabase();
const FILES = ['feed.xml', 'atom.xml', 'feed.json'] as const;

describe.skipIf(skip)('the stories feeds', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The story addresses a feed reader sees in one format, read with a feed parser. */
  async function linksIn(file: (typeof FILES)[number], prefix = '') {
    const res = await t.request(`${prefix}/stories/${file}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    const parsed = parseFeed(file === 'feed.json' ? JSON.parse(body) : body);
    const feed = parsed.feed as { items?: Array<{ link?: string; url?: string }>; entries?: Array<{ links?: Array<{ href: string; rel?: string }> }> };
    if (parsed.format === 'atom') return feed.entries?.map((e) => e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href) ?? [];
    return feed.items?.map((i) => i.link ?? i.url) ?? [];
  }

  test('a published story is in all three formats with its address; one waiting for a moderator is not', async () => {
    const published = await makeStory(db(), { status: 'published', title: 'In a feed', body: 'Told for the feed, with a [[Raynaud phenomenon]] link.' });
    const waiting = await makeStory(db(), { status: 'pending', title: 'Not yet' });
    await t.atoz.contentChanged();
    for (const file of FILES) {
      const links = await linksIn(file);
      expect(links, file).toContain(`http://atoz.test/stories/${published}`);
      expect(links, file).not.toContain(`http://atoz.test/stories/${waiting}`);
    }
    const json = JSON.parse(await (await t.request('/stories/feed.json')).text()) as { version: string; language: string; items: Array<{ url: string; content_html: string; authors: Array<{ name: string }> }> };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    const item = json.items.find((i) => i.url === `http://atoz.test/stories/${published}`)!;
    expect(item.content_html).toContain('not medical advice');
    expect(item.content_html).toMatch(/href="http:\/\/atoz\.test\/directory\/[a-z-]+"/);
    expect(item.authors).toEqual([{ name: 'Test storyteller' }]);
    // The Spanish feed speaks Spanish and links the Spanish pages.
    expect(await linksIn('atom.xml', '/es')).toContain(`http://atoz.test/es/stories/${published}`);
    expect(await (await t.request('/es/stories/atom.xml')).text()).toContain('xml:lang="es"');
  });

  test('a withdrawn story leaves the feeds at once; a reader holding the old ETag gets the new feed', async () => {
    const id = await makeStory(db(), { status: 'published', title: 'Soon withdrawn' });
    await t.atoz.contentChanged();
    const before = await t.request('/stories/atom.xml');
    const etag = before.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await t.request('/stories/atom.xml', { headers: { 'if-none-match': etag } })).status).toBe(304);
    await db().transaction().execute((tx) => createStoryStore(db()).withdraw(tx, id));
    await t.atoz.contentChanged();
    const after = await t.request('/stories/atom.xml', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).not.toContain(`/stories/${id}<`);
    for (const file of FILES) expect(await linksIn(file), file).not.toContain(`http://atoz.test/stories/${id}`);
  });

  test('the stories page advertises its feeds; the static copy carries them in every language', async () => {
    const page = await (await t.request('/stories')).text();
    expect(page).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(page).toContain('href="http://atoz.test/stories/atom.xml"');
    const stories = t.atoz.domains.find((d) => d.name === 'stories')!;
    const files = await stories.publishedFiles!();
    expect(files).toEqual(expect.arrayContaining(['/stories/feed.xml', '/es/stories/atom.xml', '/ar/stories/feed.json']));
  });
});
