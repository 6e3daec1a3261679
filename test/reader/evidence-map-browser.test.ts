import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestBed, LOOKS, VIEWPORTS, axeViolations, openBrowserTestBed, widerThanScreen, withBedPage } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// The evidence map (src/directory/views/evidence-map.tsx) over the demo's Causes overview,
// and the A–Z sorted and filtered by evidence: valid HTML, axe WCAG 2.2 AA at a phone and a
// laptop width and in forced-colours mode, nothing wider than the screen, no text under 16 px,
// and every mark reached with the Tab key, leading to its digest.

const MAP = '/directory/causes-of-scleroderma/evidence';
const PATHS = [MAP, `/ar${MAP}`, '/directory/a-z?age=any&kind=not-recorded&sort=newest', '/directory?age=older&kind=any&sort=title'];

let bed: BrowserTestBed | undefined;
beforeAll(async () => {
  bed = await openBrowserTestBed();
});
afterAll(() => bed?.close());

const withPage = <T,>(context: BrowserContext, path: string, use: (page: Page) => Promise<T>) => withBedPage(bed!, context, path, use);

async function layoutProblems(page: Page) {
  return {
    wider: await widerThanScreen(page),
    smallText: await page.evaluate(() => Array.from(document.querySelectorAll('main *'))
      .filter((el) => !el.closest('.visually-hidden, [hidden], [aria-hidden="true"], title, desc'))
      .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
      .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 16)
      .map((el) => `${el.tagName.toLowerCase()} ${getComputedStyle(el).fontSize}`)
      .slice(0, 3)),
  };
}

describe('evidence map and evidence filters', () => {
  it('pass the W3C Nu HTML checker', async () => {
    const documents: Record<string, string> = {};
    for (const path of PATHS) documents[path] = await (await bed!.app.request(path)).text();
    expect(documents[MAP]).toContain('<svg class="evidence-svg"');
    expect(await validateHtml(documents)).toEqual(Object.fromEntries(PATHS.map((p) => [p, []])));
  }, 120_000);

  for (const mode of LOOKS) {
    describe(mode.name, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await bed!.browser.newContext(mode.options);
      });
      afterAll(() => context?.close());
      for (const path of PATHS) {
        it(`${path}: no axe-core WCAG 2.2 AA violations, nothing wider than the screen, no small text`, async () => {
          await withPage(context, path, async (page) => {
            expect(await axeViolations(page)).toEqual([]);
            expect(await layoutProblems(page)).toEqual({ wider: [], smallText: [] });
          });
        });
      }
    });
  }

  it('in forced colours the marks are still drawn (currentColor, not a fixed colour)', async () => {
    const context = await bed!.browser.newContext({ viewport: VIEWPORTS.desktop, forcedColors: 'active' });
    try {
      await withPage(context, MAP, async (page) => {
        const strokes = await page.locator('.evidence-mark circle').evaluateAll((els) => els.map((el) => getComputedStyle(el).stroke));
        expect(strokes.length).toBe(6);
        for (const s of strokes) expect(s).not.toBe('none');
      });
    } finally {
      await context.close();
    }
  });

  it('every mark is reached with the Tab key and Enter opens its digest', async () => {
    const context = await bed!.browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      await withPage(context, MAP, async (page) => {
        const marks = await page.locator('a.evidence-mark').count();
        expect(marks).toBe(6);
        const reached: string[] = [];
        for (let i = 0; i < 200 && reached.length < marks; i++) {
          await page.keyboard.press('Tab');
          const href = await page.evaluate(() => (document.activeElement?.matches('a.evidence-mark') ? document.activeElement.getAttribute('href') : null));
          if (href && !reached.includes(href)) reached.push(href);
        }
        expect(reached).toHaveLength(marks);
        // Focus is on the last mark reached: Enter follows it to the digest, which is the page's target.
        await Promise.all([page.waitForURL(/#digest-\d+$/), page.keyboard.press('Enter')]);
        expect(await page.evaluate(() => document.querySelector(':target')?.className)).toBe('entry entry-research');
      });
    } finally {
      await context.close();
    }
  });
});
