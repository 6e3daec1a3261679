import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { type RunningServer, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';

// Printed, a topic page is the content and its sources: no header, navigation, search or pager.

let testApp: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;
let page: Page;

beforeAll(async () => {
  bed = await openBrowserTestBed();
  ({ app: testApp, server, browser } = bed);
  // A4 at 96 dpi, roughly what the print layout gets.
  page = await (await browser.newContext({ viewport: { width: 794, height: 1123 } })).newPage();
  await page.goto(server.url + '/directory/causes-of-scleroderma');
});

afterAll(() => bed?.close());

/** Whether each selector's first match is rendered (has a box) in the current media. */
function shown(selectors: string[]): Promise<Record<string, boolean>> {
  return page.evaluate((list) => {
    const result: Record<string, boolean> = {};
    for (const s of list) {
      const el = document.querySelector(s);
      result[s] = Boolean(el && (el as HTMLElement).getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
    }
    return result;
  }, selectors);
}

const CHROME = ['.site-header', '.site-nav', '.search-form', '.pager', '.toc'];
const CONTENT = ['h1', '.byline', '.topic-section', '.references', '.references li', '.footnotes', '.also-see', '.disclaimer-note'];

describe('print', () => {
  it('on screen, the header, navigation and search are there (the check below means something)', async () => {
    await page.emulateMedia({ media: 'screen' });
    expect(await shown([...CHROME, ...CONTENT])).toEqual(Object.fromEntries([...CHROME, ...CONTENT].map((s) => [s, true])));
  });

  it('printed, the header, navigation, search, contents box and pager are hidden; the page and its references remain', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await shown(CHROME)).toEqual(Object.fromEntries(CHROME.map((s) => [s, false])));
    expect(await shown(CONTENT)).toEqual(Object.fromEntries(CONTENT.map((s) => [s, true])));
  });

  it('printed, links to sources show their address, and text is black on white', async () => {
    await page.emulateMedia({ media: 'print' });
    const look = await page.evaluate(() => {
      const doiLink = document.querySelector('.references a.cite-link[href^="https://doi.org/"]')!;
      return {
        after: getComputedStyle(doiLink, '::after').content,
        body: [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor],
      };
    });
    expect(look.after).toContain('https://doi.org/10.1371/journal.pone.0001693');
    expect(look.body).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  });

  it('prints to a PDF of a few A4 pages', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(12);
  });
});
