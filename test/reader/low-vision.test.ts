import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { READER_PAGE_TYPES } from './page-types.js';

// What a low-vision reader meets: 400 % zoom (a 1280 × 1024 screen is then 320 × 256 CSS px),
// forced colours (Windows high contrast) and secondary text that must stay readable.

let bed: BrowserTestBed | undefined;
beforeAll(async () => {
  bed = await openBrowserTestBed();
});
afterAll(() => bed?.close());

async function withPage<T>(context: BrowserContext, path: string, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(bed!.server.url + path);
    return await use(page);
  } finally {
    await page.close();
  }
}

describe('at 400 % zoom (320 × 256 CSS px)', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await bed!.browser.newContext({ viewport: { width: 320, height: 256 } });
  });
  afterAll(() => context?.close());

  for (const type of READER_PAGE_TYPES) {
    it(`${type.name}: no sideways scrolling, and the page's heading starts on the first screen`, async () => {
      const found = await withPage(context, type.path, (page) =>
        page.evaluate(() => ({
          width: document.documentElement.scrollWidth,
          wider: Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
          headerBottom: Math.round(document.querySelector('.site-nav')!.getBoundingClientRect().bottom),
          headingTop: Math.round(document.querySelector('h1')!.getBoundingClientRect().top),
        })),
      );
      expect({ width: found.width, wider: found.wider }).toEqual({ width: 320, wider: [] });
      // Header and navigation leave at least a third of the screen to the page itself.
      expect(found.headerBottom).toBeLessThanOrEqual(170);
      expect(found.headingTop).toBeLessThan(256);
    });
  }
});

describe('on a phone (375 × 812)', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await bed!.browser.newContext({ viewport: { width: 375, height: 812 } });
  });
  afterAll(() => context?.close());

  // The audit found the heading at 348–373 px and the first paragraph below the first screen.
  for (const path of ['/directory/causes-of-scleroderma', '/directory/causes-proteins']) {
    it(`${path}: the heading starts in the top third of the first screen, and the page's first words on it`, async () => {
      const found = await withPage(context, path, (page) =>
        page.evaluate(() => ({
          headingTop: Math.round(document.querySelector('main h1')!.getBoundingClientRect().top),
          firstWordsTop: Math.round(document.querySelector('main h1 ~ p, main h1 + * p')!.getBoundingClientRect().top),
        })),
      );
      expect(found.headingTop).toBeLessThanOrEqual(812 / 3);
      expect(found.firstWordsTop).toBeLessThanOrEqual(812 / 2);
    });
  }
});

describe('secondary text', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await bed!.browser.newContext({ viewport: { width: 375, height: 812 } });
  });
  afterAll(() => context?.close());

  for (const type of READER_PAGE_TYPES) {
    it(`${type.name}: no text a reader needs is smaller than 16 px`, async () => {
      const small = await withPage(context, type.path, (page) =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('body *'))
            .filter((el) => !el.closest('.visually-hidden, [hidden], [aria-hidden="true"]'))
            .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
            .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 16)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${getComputedStyle(el).fontSize}: ${el.textContent!.trim().slice(0, 30)}`),
        ),
      );
      expect(small).toEqual([]);
    });
  }
});

describe('in forced-colours mode', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await bed!.browser.newContext({ viewport: { width: 1280, height: 900 }, forcedColors: 'active' });
  });
  afterAll(() => context?.close());

  it('every button and button-like link keeps a visible edge (sign-in, search, filters)', async () => {
    for (const path of ['/login', '/search?q=silica', '/']) {
      const edgeless = await withPage(context, path, (page) =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('button, .button, input[type="submit"]'))
            .filter((el) => el.getClientRects().length > 0)
            .filter((el) => {
              const style = getComputedStyle(el);
              return style.borderTopStyle === 'none' || parseFloat(style.borderTopWidth) < 1 || style.borderTopColor === 'rgba(0, 0, 0, 0)';
            })
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent!.trim()}`),
        ),
      );
      expect({ path, edgeless }).toEqual({ path, edgeless: [] });
    }
  });
});
