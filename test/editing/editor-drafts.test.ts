import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { type BrowserTestBed, type RunningServer, VIEWPORTS, axeViolations, openBrowserTestBed } from '../support/browser.js';
import { person, signIn } from './support.js';

// The editor's safety nets with JavaScript on, in Chromium: a warning before
// leaving with unsaved text, and the browser's own copy of the form, offered
// back when the page is opened again.

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  ({ app: t, server, browser } = bed);
});

afterAll(() => bed?.close());

const SLUG = 'causes-of-scleroderma';

describe('the editor keeps what is typed, with JavaScript', () => {
  it('warns before leaving with unsaved text, not after saving', async () => {
    const editor = await person(t, 'editor', 'Wanda Warning');
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await signIn(page, server.url, editor.email, `/edit/${SLUG}`);
    await page.getByLabel('Page text').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Words not saved yet.');
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const shown = await dialog;
    expect(shown.type()).toBe('beforeunload');
    await shown.accept();

    // Saving is not leaving with unsaved text: no warning on the way.
    const again = await context.newPage();
    const dialogs: string[] = [];
    again.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });
    await again.goto(`${server.url}/edit/${SLUG}`);
    await again.getByLabel('Page text').click();
    await again.keyboard.type('A saved sentence. ');
    await again.getByRole('button', { name: 'Save a new revision' }).click();
    await again.waitForURL((url) => url.searchParams.get('notice') === 'saved');
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('offers the browser’s copy of unsaved text when the page is opened again, and restores it on request', async () => {
    const editor = await person(t, 'editor', 'Dora Draft');
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    await signIn(page, server.url, editor.email, `/edit/${SLUG}`);
    const body = page.getByLabel('Page text');
    const original = await body.inputValue();
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nA sentence the browser keeps a copy of.');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('atoz-draft:') && (localStorage.getItem(k) ?? '').includes('the browser keeps a copy of')));
    // The tab is closed without saving (the warning accepted): the text is only in the browser's copy.
    page.on('dialog', (d) => void d.accept());
    await page.close({ runBeforeUnload: true });

    const reopened = await context.newPage();
    await reopened.goto(`${server.url}/edit/${SLUG}`);
    expect(await reopened.getByLabel('Page text').inputValue()).toBe(original);
    const restore = reopened.getByRole('button', { name: /^Restore the text you typed on / });
    await restore.waitFor();
    expect(await axeViolations(reopened)).toEqual([]);
    await restore.click();
    expect(await reopened.getByLabel('Page text').inputValue()).toContain('A sentence the browser keeps a copy of.');
    await expect.poll(() => reopened.getByRole('status').filter({ hasText: 'The text you typed is back in the form' }).count()).toBe(1);

    // Saved: the copy is forgotten, and nothing is offered any more.
    reopened.on('dialog', (d) => void d.accept());
    await reopened.getByRole('button', { name: 'Save a new revision' }).click();
    await reopened.waitForURL((url) => url.searchParams.get('notice') === 'saved');
    expect(await reopened.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('atoz-draft:')))).toEqual([]);
    await reopened.goto(`${server.url}/edit/${SLUG}`);
    expect(await reopened.getByRole('button', { name: /^Restore the text you typed on / }).count()).toBe(0);

    // Another person signing in on this browser is never offered someone else's copy.
    await reopened.evaluate((key) => localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), fields: { body: 'Someone else’s words' } })), `atoz-draft:${editor.id}:/edit/${SLUG}`);
    const other = await person(t, 'editor', 'Olga Other');
    await reopened.context().clearCookies();
    await signIn(reopened, server.url, other.email, `/edit/${SLUG}`);
    expect(await reopened.getByRole('button', { name: /^Restore the text you typed on / }).count()).toBe(0);
    await context.close();
  });
});
