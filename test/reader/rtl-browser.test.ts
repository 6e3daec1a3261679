import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, launchBrowser, serveOnFreePort } from '../support/browser.js';

/** Where the screenshots go, for a person to look at (RTL layout cannot be judged by assertions alone). */
const SHOTS = process.env.ATOZ_SCREENSHOTS ?? join(tmpdir(), 'atoz-screenshots');

/** Arabic pages in a real browser at phone width: right to left, nothing scrolls sideways, axe passes; screenshots kept. */
describe('Arabic (right to left) at 375 px', () => {
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

  for (const [name, path] of [
    ['directory', '/ar/directory'],
    ['topic', '/ar/directory/causes-proteins'],
    ['search', '/ar/search?q=raynauds'],
  ] as const) {
    it(`${path}: laid out right to left, no sideways scrolling, no axe violations`, async () => {
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
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
