import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, launchBrowser, serveOnFreePort } from '../../test/support/browser.js';
import { validateHtml } from '../../test/support/html-validator.js';

/** The search box and results page in a real browser: with and without JavaScript, by keyboard, checked by axe and the Nu validator. */
describe('search in the browser', () => {
  let app: TestApp;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    app = await createTestApp();
    server = await serveOnFreePort(app.atoz);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
  });

  async function withPage<T>(options: { javaScript: boolean; viewport?: { width: number; height: number } }, work: (page: Page) => Promise<T>): Promise<T> {
    const context = await browser.newContext({ javaScriptEnabled: options.javaScript, viewport: options.viewport ?? VIEWPORTS.desktop });
    try {
      return await work(await context.newPage());
    } finally {
      await context.close();
    }
  }

  it('works without JavaScript: the header box submits to the results page', async () => {
    await withPage({ javaScript: false }, async (page) => {
      await page.goto(`${server.url}/directory`);
      await page.fill('#site-search', 'mercury fillings');
      await Promise.all([page.waitForURL(/\/search\?q=mercury\+fillings/), page.press('#site-search', 'Enter')]);
      expect(await page.textContent('.search-status')).toContain('found for “mercury fillings”');
      expect(await page.locator('.search-result').first().locator('.result-title a').getAttribute('href')).toBe('/directory/causes-mercury-exposure-dental-amalgam');
      // Filters are a plain form too.
      await page.click('.search-filters summary');
      await page.check('#search-kind-research');
      await Promise.all([page.waitForURL(/kind=research/), page.click('text=Apply filters')]);
      expect(await page.inputValue('#search-q')).toBe('mercury fillings');
    });
  });

  it('offers suggestions as an ARIA combobox, operable by keyboard', async () => {
    await withPage({ javaScript: true }, async (page) => {
      await page.goto(`${server.url}/directory`);
      const box = page.locator('#site-search');
      expect(await box.getAttribute('role')).toBe('combobox');
      expect(await box.getAttribute('type')).toBe('text');
      expect(await box.getAttribute('enterkeyhint')).toBe('search');
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      await box.click();
      // A prefix several written pages share (B Cells and T Cells, Dendritic Cells, Fetal Cells…).
      await page.keyboard.type('cell');
      await page.waitForSelector('#site-search-suggestions:not([hidden]) [role=option]');
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      expect(await box.getAttribute('aria-controls')).toBe('site-search-suggestions');
      const options = page.locator('#site-search-suggestions [role=option]');
      expect(await options.count()).toBeGreaterThanOrEqual(2);
      expect(await page.locator('#site-search-suggestions').getAttribute('role')).toBe('listbox');

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-suggestions-1');
      expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await options.nth(0).getAttribute('aria-selected')).toBe('false');
      await page.keyboard.press('ArrowUp');
      expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-suggestions-0');
      expect(await axeViolations(page)).toEqual([]);
      // The live DOM, with the list open, is valid HTML too (role=combobox is not allowed on type=search).
      const live = `<!DOCTYPE html>${await page.evaluate(() => document.documentElement.outerHTML)}`;
      expect(await validateHtml({ 'directory with suggestions open': live })).toEqual({ 'directory with suggestions open': [] });

      await page.keyboard.press('Escape');
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.getAttribute('aria-activedescendant')).toBeNull();
      expect(await box.inputValue()).toBe('cell');

      // Down opens the list again and moves to its first option.
      await page.keyboard.press('ArrowDown');
      expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-suggestions-0');
      const target = await page.evaluate(() => document.querySelector('#site-search-suggestions-0 .suggestion-label')?.textContent);
      await Promise.all([page.waitForURL(/\/directory\/causes-/), page.keyboard.press('Enter')]);
      expect(await page.textContent('h1')).toBe(target);
    });
  });

  it('submits the typed words when Enter is pressed without choosing a suggestion', async () => {
    await withPage({ javaScript: true }, async (page) => {
      await page.goto(`${server.url}/`);
      await page.click('#site-search');
      await page.keyboard.type('kallikrein');
      await page.waitForSelector('#site-search-suggestions:not([hidden])');
      await Promise.all([page.waitForURL(/\/search\?q=kallikrein/), page.keyboard.press('Enter')]);
      expect(await page.textContent('.search-status')).toContain('found for “kallikrein”');
    });
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`passes axe (WCAG 2.2 AA) on results, empty and error pages at ${name} width, without sideways scrolling`, async () => {
      await withPage({ javaScript: true, viewport }, async (page) => {
        for (const path of ['/search?q=sclerodema', '/search?q=xyzzy', '/search', '/search?q=lung&from=abc', '/search?q=kallikrein+raynauds']) {
          await page.goto(server.url + path);
          expect(await axeViolations(page), path).toEqual([]);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
        }
      });
    });
  }

  it('serves valid HTML (Nu checker)', async () => {
    const paths = { results: '/search?q=sclerodema', filtered: '/search?q=lanternfish&kind=news&from=2000&to=2020', empty: '/search?q=xyzzy', blank: '/search', errors: '/search?q=lung&from=abc&to=1' };
    const documents: Record<string, string> = {};
    for (const [name, path] of Object.entries(paths)) documents[name] = await (await app.request(path)).text();
    expect(await validateHtml(documents)).toEqual({ results: [], filtered: [], empty: [], blank: [], errors: [] });
  });
});
