import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { READER_PAGE_TYPES } from './page-types.js';

// Every reader page type must be valid HTML (W3C Nu checker) and pass axe-core
// WCAG 2.2 AA at a phone width and a laptop width, with nothing wider than the screen.

let testApp: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed();
  ({ app: testApp, server, browser } = bed);
});

afterAll(() => bed?.close());

describe('reader pages', () => {
  it('every page type answers with its status and HTML', async () => {
    for (const type of READER_PAGE_TYPES) {
      const res = await testApp.request(type.path);
      expect({ page: type.name, status: res.status, type: res.headers.get('content-type') }).toEqual({
        page: type.name,
        status: type.status,
        type: 'text/html; charset=utf-8',
      });
    }
  });

  it('every page type passes the W3C Nu HTML checker with no errors', async () => {
    const documents: Record<string, string> = {};
    for (const type of READER_PAGE_TYPES) documents[type.name] = await (await testApp.request(type.path)).text();
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(READER_PAGE_TYPES.map((t) => [t.name, []])));
  }, 120_000);

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    describe(`at ${viewport.width} px`, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await browser.newContext({ viewport });
      });
      afterAll(async () => {
        await context?.close();
      });

      for (const type of READER_PAGE_TYPES) {
        it(`${type.name} has no axe-core WCAG 2.2 AA violations and no sideways scrolling (${viewportName})`, async () => {
          const page = await context.newPage();
          try {
            const res = await page.goto(server.url + type.path);
            expect(res?.status()).toBe(type.status);
            expect(await axeViolations(page)).toEqual([]);
            // Responsive: the page never needs horizontal scrolling (WCAG 1.4.10 reflow at 320 CSS px and up).
            const overflow = await page.evaluate(() => ({
              page: document.documentElement.scrollWidth,
              widest: Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 3)
                .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
            }));
            expect(overflow).toEqual({ page: viewport.width, widest: [] });
          } finally {
            await page.close();
          }
        });
      }
    });
  }
});

describe('long words on a small screen', () => {
  it('a topic with a very long word, a long link and long wanted-page names still fits 375 px', async () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(2);
    await testApp.atoz.store.savePage({
      slug: 'reader-test-long-words',
      title: `Causes: ${word}`,
      parentSlug: null,
      position: 999,
      summary: `A page made by the reader tests: ${word}.`,
      createdOn: '2024-01-01',
      sections: [
        {
          heading: word,
          entries: [{ kind: 'summary', body: `${word} and https://example.org/${'very-long-path-segment-'.repeat(8)} and [[${word} Follow-up]].` }],
          subArticles: [{ target: `${word} Details`, label: `${word} Details` }],
        },
      ],
    });
    await testApp.atoz.contentChanged();
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    try {
      for (const path of ['/directory/reader-test-long-words', '/directory/a-z', '/wanted']) {
        await page.goto(server.url + path);
        const found = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, wide: Array.from(document.querySelectorAll("body *")).filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 4).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) }));
        expect({ path, ...found }).toEqual({ path, width: VIEWPORTS.phone.width, wide: [] });
      }
    } finally {
      await context.close();
    }
  });
});
