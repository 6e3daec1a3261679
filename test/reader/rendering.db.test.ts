import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Atoz, createAtoz } from '../../src/app.js';
import { parsePageFile } from '../../src/content/page-file.js';
import type { PageDocumentInput } from '../../src/directory/document.js';
import { packageRoot } from '../../src/web/package-root.js';
import { get as httpGet } from 'node:http';
import { type TestApp, createTestApp } from '../support/app.js';
import { type RunningServer, serveOnFreePort } from '../support/browser.js';
import { skipWithoutDatabase } from '../support/database.js';

// The render cache, ETags and precompressed bodies, on both databases.

const PATH = '/directory/causes-proteins';
const CACHE_KEY = 'page:causes-proteins';

function demoPage(slug: string): PageDocumentInput {
  return parsePageFile(readFileSync(join(packageRoot(), 'content', 'pages', `${slug}.md`), 'utf8'), slug);
}

describe.skipIf(await skipWithoutDatabase())('rendering', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  describe('ETag', () => {
    it('every cached reader page carries an ETag and answers 304 when the browser has it', async () => {
      for (const path of ['/', '/directory', '/directory/a-z', PATH, '/wanted', '/bibliography', '/about', '/sitemap.xml', '/robots.txt']) {
        const first = await testApp.request(path);
        const etag = first.headers.get('etag');
        expect(etag, path).toMatch(/^"[\w-]{10,}"$/);
        const again = await testApp.request(path, { headers: { 'if-none-match': etag! } });
        expect({ path, status: again.status, body: await again.text() }).toEqual({ path, status: 304, body: '' });
        expect(again.headers.get('etag')).toBe(etag);
      }
    });

    it('a weak or listed ETag matches too; another ETag gets the full page', async () => {
      const etag = (await testApp.request(PATH)).headers.get('etag')!;
      expect((await testApp.request(PATH, { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(304);
      expect((await testApp.request(PATH, { headers: { 'if-none-match': `"other", ${etag}` } })).status).toBe(304);
      const other = await testApp.request(PATH, { headers: { 'if-none-match': '"not-this-one"' } });
      expect(other.status).toBe(200);
      expect(await other.text()).toContain('Causes: Proteins');
    });

    it('pages are revalidated, not kept blindly; fingerprinted assets are kept for a year', async () => {
      const page = await testApp.request(PATH);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const css = /href="(\/assets\/site\.[^"]+\.css)"/.exec(await page.text())![1]!;
      const asset = await testApp.request(css, { headers: { 'accept-encoding': 'br' } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(Buffer.from(await asset.arrayBuffer())).toString()).toContain('.skip-link');
    });
  });

  describe('precompressed bodies', () => {
    it('gzip and brotli decompress to exactly the HTML sent uncompressed', async () => {
      const identity = await testApp.request(PATH);
      expect(identity.headers.get('content-encoding')).toBeNull();
      const html = Buffer.from(await identity.arrayBuffer());
      expect(html.toString()).toMatch(/^<!DOCTYPE html>/);

      const gzip = await testApp.request(PATH, { headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(gzip.headers.get('vary')).toBe('Accept-Encoding');
      const gzipBytes = Buffer.from(await gzip.arrayBuffer());
      expect(gunzipSync(gzipBytes).equals(html)).toBe(true);
      expect(Number(gzip.headers.get('content-length'))).toBe(gzipBytes.length);

      const br = await testApp.request(PATH, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(brotliDecompressSync(brBytes).equals(html)).toBe(true);
      expect(brBytes.length).toBeLessThan(html.length / 2);

      // Sent straight from the cache entry made at render time: nothing is compressed per request.
      const cached = testApp.atoz.cache.get(CACHE_KEY)!;
      expect(cached.gzip.equals(gzipBytes)).toBe(true);
      expect(cached.br.equals(brBytes)).toBe(true);
    });

    it('all three encodings share one ETag and one 304', async () => {
      const etags = new Set<string | null>();
      for (const accept of ['identity', 'gzip', 'br']) {
        const res = await testApp.request(PATH, { headers: { 'accept-encoding': accept } });
        etags.add(res.headers.get('etag'));
        const revalidated = await testApp.request(PATH, { headers: { 'accept-encoding': accept, 'if-none-match': res.headers.get('etag')! } });
        expect(revalidated.status).toBe(304);
      }
      expect(etags.size).toBe(1);
    });
  });

  describe('content changes', () => {
    it('a page served the moment a first start has imported the demo stays cached', async () => {
      // The import moves the content version after the server first read it; the server must know before serving.
      const fresh = await createTestApp({ ownImport: true, config: { worker: false } });
      try {
        expect(fresh.atoz.cache.currentVersion).toBe(await fresh.atoz.queries.contentVersion());
        await fresh.request(PATH);
        expect(fresh.atoz.cache.get(CACHE_KEY)).toBeDefined();
      } finally {
        await fresh.close();
      }
    });

    it('saving a page replaces its cached rendering at once on the writing server', async () => {
      const before = await testApp.request(PATH);
      const oldEtag = before.headers.get('etag')!;
      expect(testApp.atoz.cache.get(CACHE_KEY)).toBeDefined();

      const page = demoPage('causes-proteins');
      await testApp.atoz.store.savePage({ ...page, summary: 'A changed summary for the cache test.', reviewedOn: '2024-05-02', nextReviewOn: '2026-05-02' });
      await testApp.atoz.contentChanged();

      const after = await testApp.request(PATH);
      const html = await after.text();
      expect(html).toContain('A changed summary for the cache test.');
      expect(after.headers.get('etag')).not.toBe(oldEtag);
      // The browser's old copy is stale now: it gets the new page, not a 304.
      expect((await testApp.request(PATH, { headers: { 'if-none-match': oldEtag } })).status).toBe(200);
      // The review date reaches the byline and the MedicalWebPage JSON-LD.
      expect(html).toContain('<time datetime="2024-05-02">2 May 2024</time>');
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
      expect(jsonLd).toMatchObject({ '@type': 'MedicalWebPage', lastReviewed: '2024-05-02' });
    });

    it('a change also reaches the pages that list the changed page (directory, A–Z, home)', async () => {
      await testApp.request('/directory/a-z');
      const page = demoPage('causes-silica');
      await testApp.atoz.store.savePage({ ...page, title: 'Causes: Silica Dust' });
      await testApp.atoz.contentChanged();
      // Both list it under its own name, without the "Causes:" every cause shares.
      expect(await (await testApp.request('/directory/a-z')).text()).toContain('>Silica Dust</a>');
      expect(await (await testApp.request('/directory')).text()).toContain('>Silica Dust</a>');
    });

    it('another server on the same database drops its stale page within a second, without being told', async () => {
      const other: Atoz = await createAtoz(testApp.atoz.config, { database: testApp.database.handle, importIfEmpty: false });
      try {
        expect(await (await other.app.request(PATH)).text()).toContain('A changed summary for the cache test.');
        const page = demoPage('causes-proteins');
        await testApp.atoz.store.savePage({ ...page, summary: 'Changed again, on the first server only.' });
        // Only the writing server is told; the other one must notice through the version watcher.
        await testApp.atoz.contentChanged();
        const deadline = Date.now() + 3000;
        let html = '';
        while (Date.now() < deadline) {
          html = await (await other.app.request(PATH)).text();
          if (html.includes('Changed again, on the first server only.')) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(html).toContain('Changed again, on the first server only.');
      } finally {
        await other.close();
      }
    });
  });

  describe('over a real socket (atoz.fetch: the fast lane in front of the app)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serveOnFreePort(testApp.atoz);
    });
    afterAll(async () => {
      await server?.close();
    });

    function fetchRaw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
      return new Promise((resolve, reject) => {
        httpGet(server.url + path, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () => resolve({ status: res.statusCode!, headers: { ...res.headers }, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    }
    const comparable = (h: Record<string, unknown>) => {
      const { date: _date, connection: _c, 'keep-alive': _k, ...rest } = h;
      return rest;
    };

    it('a cached page answered by the fast lane is the same answer the app gives, headers and bytes', async () => {
      await testApp.atoz.contentChanged();
      testApp.atoz.cache.clear();
      const viaApp = await fetchRaw(PATH, { 'accept-encoding': 'br' });
      expect(testApp.atoz.cache.getByPath(PATH), 'the app taught the fast lane this path').toBeDefined();
      const viaFastLane = await fetchRaw(PATH, { 'accept-encoding': 'br' });
      expect(viaFastLane.status).toBe(200);
      expect(comparable(viaFastLane.headers)).toEqual(comparable(viaApp.headers));
      expect(viaFastLane.body.equals(viaApp.body)).toBe(true);
      expect(viaFastLane.headers['content-security-policy']).toMatch(/default-src 'self'/);
      const revalidated = await fetchRaw(PATH, { 'if-none-match': String(viaFastLane.headers.etag) });
      expect(revalidated.status).toBe(304);
      expect(comparable(revalidated.headers)).toMatchObject({ etag: viaFastLane.headers.etag, 'x-frame-options': 'DENY' });
    });

    it('a content change reaches readers served by the fast lane', async () => {
      await fetchRaw(PATH);
      await fetchRaw(PATH);
      const page = demoPage('causes-proteins');
      await testApp.atoz.store.savePage({ ...page, summary: 'Changed while the fast lane held the page.' });
      await testApp.atoz.contentChanged();
      expect((await fetchRaw(PATH)).body.toString()).toContain('Changed while the fast lane held the page.');
    });

    it('a request with a session cookie goes through the app (signed-in people never get the shared copy)', async () => {
      await fetchRaw(PATH);
      const res = await fetchRaw(PATH, { cookie: 'atoz_session=no-longer-valid' });
      expect(res.status).toBe(200);
      // Only the accounts middleware answers a stale session cookie by clearing it.
      expect(String(res.headers['set-cookie'])).toMatch(/atoz_session=;/);
    });
  });
});
