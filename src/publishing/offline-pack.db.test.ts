import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { launchBrowser, serveOnFreePort } from '../../test/support/browser.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import type { PublishingDomain } from './domain.js';
import { OfflinePackError } from './offline-pack.js';

const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml', json: 'application/json', wasm: 'application/wasm' };

describe.skipIf(await skipWithoutDatabase())('offline packs: one topic in one language as a ZIP', () => {
  let t: TestApp;
  let publishing: PublishingDomain;
  let files: Record<string, Uint8Array>;
  let pages: string[];
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
    publishing = t.atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;
    const pack = await publishing.offlinePack('causes-of-scleroderma', 'es');
    files = unzipSync(pack.zip);
    pages = pack.pages;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  test('the topic and every page under it are there in Spanish, and every relative link and asset resolves inside the ZIP', async () => {
    const subtree = (await t.atoz.queries.tree()).bySlug.get('causes-of-scleroderma')!;
    expect(pages).toContain('causes-silica');
    expect(pages.length).toBe(1 + subtree.children.length + subtree.children.reduce((n, c) => n + c.children.length, 0));
    const broken: string[] = [];
    for (const [name, bytes] of Object.entries(files).filter(([n]) => n.endsWith('.html'))) {
      const html = new TextDecoder().decode(bytes);
      expect(html, name).toContain('<html lang="es"');
      for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) {
        const target = m[1]!.replace(/&amp;/g, '&');
        expect(target.startsWith('/') && !target.startsWith('//'), `${name}: ${target}`).toBe(false);
        if (/^[a-z]+:|^#|^\/\//.test(target)) continue; // the live site, mail, in-page anchors
        const file = target.split(/[?#]/)[0]!;
        if (!files[file]) broken.push(`${name} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(new TextDecoder().decode(files['index.html']!)).toContain('href="causes-silica.html"');
    const css = Object.keys(files).find((n) => /^assets\/site\..*\.css$/.test(n))!;
    expect(new TextDecoder().decode(files[css]!)).toContain('@media print');
    expect(Object.keys(files).some((n) => n.startsWith('files/causes-silica-references.'))).toBe(true);
  });

  test('its search finds the pack’s pages once the folder is served over http', async () => {
    const server = await serveOnFreePort((request) => {
      const name = decodeURIComponent(new URL(request.url).pathname.slice(1)) || 'index.html';
      const bytes = files[name];
      return bytes ? new Response(bytes.slice(), { headers: { 'content-type': TYPES[name.split('.').pop()!] ?? 'application/octet-stream' } }) : new Response('not found', { status: 404 });
    });
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/index.html`);
      await page.fill('#site-search', 'silica');
      await page.press('#site-search', 'Enter');
      await page.waitForURL(/search\.html\?q=silica/);
      await page.locator('#static-search-results a').first().waitFor();
      const found = await page.locator('#static-search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(found).toContain('causes-silica.html');
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);

  test('an unknown topic is refused in words', async () => {
    await expect(publishing.offlinePack('no-such-topic', 'fr')).rejects.toThrow(OfflinePackError);
  });
});
