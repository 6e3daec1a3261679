import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, launchBrowser, serveOnFreePort } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { pathIn } from '../../src/i18n/languages.js';
import { READER_PAGE_TYPES } from './page-types.js';

/** Where the screenshots go, for a person to look at (RTL layout cannot be judged by assertions alone). */
const SHOTS = process.env.ATOZ_SCREENSHOTS ?? join(tmpdir(), 'atoz-screenshots');

/** Spanish and Arabic reader pages: valid HTML; Arabic in a real browser at phone width, right to left, axe passes; screenshots kept. */
describe('reader pages in Spanish and Arabic (right to left)', () => {
  let app: TestApp;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await createTestApp();
    server = await serveOnFreePort(app.atoz);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
  });

  it('every page type in Spanish and in Arabic passes the W3C Nu HTML checker', async () => {
    const documents: Record<string, string> = {};
    for (const lang of ['es', 'ar'] as const) {
      for (const type of READER_PAGE_TYPES) documents[`${lang}-${type.name}`] = await (await app.request(pathIn(lang, type.path))).text();
    }
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((name) => [name, []])));
  }, 120_000);

  it('every page type in Arabic at 375 px: no axe-core WCAG 2.2 AA violations, no sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      const page = await context.newPage();
      const problems: Record<string, string[]> = {};
      for (const type of READER_PAGE_TYPES) {
        await page.goto(server.url + pathIn('ar', type.path));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        problems[type.name] = [...(await axeViolations(page)), ...(overflow > 0 ? [`scrolls sideways by ${overflow} px`] : [])];
      }
      expect(problems).toEqual(Object.fromEntries(READER_PAGE_TYPES.map((t) => [t.name, []])));
    } finally {
      await context.close();
    }
  }, 120_000);

  it('type-ahead on a Spanish page: list named, suggestions announced and opened in Spanish', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/es/directory`);
      await page.locator('#site-search').click();
      await page.keyboard.type('raynau');
      await page.waitForSelector('#site-search-suggestions:not([hidden]) [role=option]');
      expect(await page.locator('#site-search-suggestions').getAttribute('aria-label')).toBe('Páginas sugeridas');
      await expect.poll(() => page.locator('#site-search-suggestions + [role=status]').textContent()).toMatch(/^\d+ sugerencias?\. Use las flechas/);
      await page.keyboard.press('ArrowDown');
      await Promise.all([page.waitForURL(/\/es\/directory\/causes-/), page.keyboard.press('Enter')]);
    } finally {
      await context.close();
    }
  });

  for (const [name, path] of [
    ['directory', '/ar/directory'],
    ['topic', '/ar/directory/causes-proteins'],
    ['search', '/ar/search?q=raynauds'],
  ] as const) {
    it(`${path}: laid out right to left (screenshot ar-${name}-375.png)`, async () => {
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: true });
      try {
        const page = await context.newPage();
        await page.goto(server.url + path);
        const layout = await page.evaluate(() => {
          const h1 = document.querySelector('h1')!.getBoundingClientRect();
          const main = document.querySelector('main')!.getBoundingClientRect();
          return {
            dir: getComputedStyle(document.documentElement).direction,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            // Right to left: the heading starts at the right edge of the main column.
            h1RightGap: Math.round(main.right - h1.right),
            h1LeftGap: Math.round(h1.left - main.left),
            breadcrumbsDir: getComputedStyle(document.querySelector('.breadcrumbs ol') ?? document.body).direction,
          };
        });
        await page.screenshot({ path: join(SHOTS, `ar-${name}-375.png`), fullPage: true });
        await page.screenshot({ path: join(SHOTS, `ar-${name}-375-top.png`) });
        expect(layout.dir).toBe('rtl');
        expect(layout.breadcrumbsDir).toBe('rtl');
        expect(layout.overflow).toBeLessThanOrEqual(0);
        expect(layout.h1RightGap).toBeLessThanOrEqual(layout.h1LeftGap);
      } finally {
        await context.close();
      }
    });
  }
});
