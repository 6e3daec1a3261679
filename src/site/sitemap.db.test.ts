import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { parseXml } from '../news/test-support/xml.js';
import type { PublishingDomain } from '../publishing/domain.js';
import { sitemapParts } from './sitemap.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

test('URLs are cut into files of at most the limit, in order, none lost', () => {
  const urls = Array.from({ length: 95 }, (_, i) => `<url><loc>https://x.test/${i}</loc></url>`);
  const parts = sitemapParts(urls, 40);
  expect(parts.map((p) => p.length)).toEqual([40, 40, 15]);
  expect(parts.flat()).toEqual(urls);
  expect(sitemapParts([], 40)).toEqual([[]]);
  expect(sitemapParts(urls, 50_000)).toHaveLength(1);
});

describe.skipIf(await skipWithoutDatabase())('a site with more URLs than one sitemap file may hold', () => {
  let small: TestApp;
  let whole: TestApp;
  let folder: string;
  const LIMIT = 20;
  beforeAll(async () => {
    small = await createTestApp({ config: { worker: false, sitemapUrlLimit: LIMIT } });
    whole = await createTestApp({ config: { worker: false } });
    folder = mkdtempSync(join(tmpdir(), 'atoz-sitemap-index-'));
  }, 120_000);
  afterAll(async () => {
    await small?.close();
    await whole?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const locs = (xml: string, container: string) => {
    const root = parseXml(xml);
    expect(root.local).toBe(container);
    expect(root.uri).toBe(SITEMAP_NS);
    return root.children.map((c) => c.children.find((x) => x.local === 'loc')!.text);
  };

  test('sitemap.xml becomes an index of files of at most the limit that together list every URL once', async () => {
    const single = await whole.request('/sitemap.xml');
    const everyUrl = locs(await single.text(), 'urlset');
    expect(everyUrl.length).toBeGreaterThan(3 * LIMIT);

    const index = await small.request('/sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/xml/);
    const parts = locs(await index.text(), 'sitemapindex');
    expect(parts.length).toBe(Math.ceil(everyUrl.length / LIMIT));
    const listed: string[] = [];
    for (const [i, loc] of parts.entries()) {
      const path = new URL(loc).pathname;
      expect(path).toBe(`/sitemap-${i + 1}.xml`);
      const part = await small.request(path);
      expect(part.status).toBe(200);
      const urls = locs(await part.text(), 'urlset');
      expect(urls.length).toBeLessThanOrEqual(LIMIT);
      listed.push(...urls);
    }
    expect(listed).toEqual(everyUrl);
    expect((await small.request(`/sitemap-${parts.length + 1}.xml`)).status).toBe(404);
    expect((await whole.request('/sitemap-1.xml')).status).toBe(404);
  });

  test('the static copy carries the index and every part', async () => {
    const publishing = small.atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;
    await publishing.publish(folder, { search: 'live' });
    const index = readFileSync(join(folder, 'sitemap.xml'), 'utf8');
    expect(index).toBe(await (await small.request('/sitemap.xml')).text());
    const parts = locs(index, 'sitemapindex');
    for (const loc of parts) {
      const path = new URL(loc).pathname;
      expect(readFileSync(join(folder, path.slice(1)), 'utf8')).toBe(await (await small.request(path)).text());
    }
  }, 120_000);
});
