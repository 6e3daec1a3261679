import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';

// A reader's path through the demo directory: home → directory → topic →
// "Also see" → back, by mouse and by keyboard, with and without JavaScript.

const TOPIC = '/directory/causes-of-scleroderma';
const ALSO_SEE = '/directory/causes-autoimmunity';

let testApp: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed();
  ({ app: testApp, server, browser } = bed);
});

afterAll(() => bed?.close());

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

/** What the focused element looks like focused and unfocused, so a test can tell the focus is visible. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const look = () => {
      const cs = getComputedStyle(el);
      return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.backgroundColor, cs.boxShadow, cs.color].join(' | ');
    };
    const focusVisible = el.matches(':focus-visible');
    const focused = look();
    el.blur();
    const unfocused = look();
    el.focus(); // Back where the keyboard left it (still :focus-visible after keyboard use).
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      href: el.getAttribute('href'),
      text: (el.textContent ?? '').trim(),
      inMain: Boolean(el.closest('main')),
      focusVisible,
      looksDifferent: focused !== unfocused,
      onScreen: box.width > 0 && box.height > 0 && box.top >= -1 && box.left >= -1 && box.bottom <= window.innerHeight + 1, // ±1 px: sub-pixel layout
    };
  });
}

/** Presses Tab until the focused element matches `selector` (giving up after `limit` presses). */
async function tabTo(page: Page, selector: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} on ${page.url()}`);
}

/** Activates the focused link with Enter and waits for the next page. */
async function enterAndWait(page: Page, path: string): Promise<void> {
  const state = await focusState(page);
  expect(state, `focus must be visible: ${JSON.stringify(state)}`).toMatchObject({ focusVisible: true, looksDifferent: true, onScreen: true });
  await Promise.all([page.waitForURL(server.url + path), page.keyboard.press('Enter')]);
}

for (const javaScriptEnabled of [false, true]) {
  describe(`reader path with JavaScript ${javaScriptEnabled ? 'enabled' : 'disabled'}`, () => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled });
    });
    afterAll(async () => {
      await context?.close();
    });

    it('by mouse: home → directory → topic → Also see → back', async () => {
      const page = await context.newPage();
      await page.goto(server.url + '/');
      expect(await heading(page)).toBe('Example Scleroderma Network');

      await page.locator('main').getByRole('link', { name: 'Medical Directory', exact: true }).click();
      await page.waitForURL(server.url + '/directory');
      expect(await heading(page)).toBe('Medical Directory');

      await page.getByRole('link', { name: 'Causes of Scleroderma', exact: true }).click();
      await page.waitForURL(server.url + TOPIC);
      expect(await heading(page)).toBe('Causes of Scleroderma');

      await page.locator('.also-see-inline').getByRole('link', { name: 'Causes: Autoimmunity' }).click();
      await page.waitForURL(server.url + ALSO_SEE);
      expect(await heading(page)).toBe('Causes: Autoimmunity');
      // The way back is there too: the page we came from is listed under "Pages that link here".
      await expect(page.locator('.backlinks a[href="/directory/causes-of-scleroderma"]').count()).resolves.toBe(1);

      await page.goBack();
      expect(page.url()).toBe(server.url + TOPIC);
      expect(await heading(page)).toBe('Causes of Scleroderma');
      await page.close();
    });

    it('by keyboard: the skip link works, focus is always visible, Enter follows links', async () => {
      const page = await context.newPage();
      await page.goto(server.url + '/');

      // First Tab: the skip link, shown on screen while focused.
      await page.keyboard.press('Tab');
      const skip = await focusState(page);
      expect(skip).toMatchObject({ href: '#main', text: 'Skip to main content', focusVisible: true, looksDifferent: true, onScreen: true });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      // The next Tab lands inside the main content, past the header and navigation.
      await page.keyboard.press('Tab');
      expect(await focusState(page)).toMatchObject({ inMain: true, focusVisible: true, looksDifferent: true });

      await tabTo(page, 'main a[href="/directory"]');
      await enterAndWait(page, '/directory');
      expect(await heading(page)).toBe('Medical Directory');

      await tabTo(page, `main a[href="${TOPIC}"]`);
      await enterAndWait(page, TOPIC);
      expect(await heading(page)).toBe('Causes of Scleroderma');

      await tabTo(page, `.also-see-inline a[href="${ALSO_SEE}"]`);
      await enterAndWait(page, ALSO_SEE);
      expect(await heading(page)).toBe('Causes: Autoimmunity');

      await page.goBack();
      expect(page.url()).toBe(server.url + TOPIC);
      expect(await heading(page)).toBe('Causes of Scleroderma');
      await page.close();
    });

    it('by keyboard: the search box and its button show focus', async () => {
      const page = await context.newPage();
      await page.goto(server.url + TOPIC);
      await tabTo(page, '#site-search');
      expect(await focusState(page)).toMatchObject({ focusVisible: true, looksDifferent: true, onScreen: true });
      await tabTo(page, '.search-form button', 2);
      expect(await focusState(page)).toMatchObject({ focusVisible: true, looksDifferent: true, onScreen: true });
      await page.close();
    });
  });
}
