import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditingService } from '../../src/editing/service/index.js';
import { actorFor, declareInterests } from '../../src/editing/test-support/fixtures.js';
import { XSS_PAYLOADS } from '../../src/editing/test-support/xss-payloads.js';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { person, signIn, watchForEscapes } from './support.js';

// Hostile page text, typed into the editor in Chromium: in the form, the
// server preview, the live preview, the history diff and the published page,
// nothing runs (no dialog) and nothing reaches another site (no request).

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  ({ app: t, server, browser } = bed);
});

afterAll(() => bed?.close());

const SLUG = 'hostile-text-test';
const BODY = [
  ...XSS_PAYLOADS.map((p) => p.markdown),
  '## Section <img src=x onerror=alert(1)>',
  '::: news outlet="<b onmouseover=alert(1)>Daily</b>" date="2024-01-02" url="https://example.org/news" title="\\"><script>alert(1)</script>"',
  'A news digest with [a link](javascript:alert(1)).',
  ':::',
  'Sub-articles:',
  '- [[Causes: Genetics|<img src=x onerror=alert(1)>]]',
].join('\n\n');

/** Script-free checks on what the page holds now: no handler attributes, no scripts in main, only safe link schemes. */
async function domIsClean(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main *'))) {
      for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) problems.push(`${el.tagName} has ${attr}`);
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'STYLE', 'IMG', 'BASE', 'META', 'LINK'].includes(el.tagName.toUpperCase())) problems.push(`<${el.tagName.toLowerCase()}> in main`);
      if (el.hasAttribute('style')) problems.push(`${el.tagName} has a style attribute`);
    }
    for (const a of Array.from(document.querySelectorAll('main a[href]'))) {
      const href = (a as HTMLAnchorElement).href;
      // Phone numbers (the helpline) are links too, and call no site.
      if (!/^(https?:|mailto:|tel:)/i.test(href)) problems.push(`link to ${href}`);
    }
    return problems;
  });
}

describe('hostile page text in a real browser', () => {
  it('never runs and never calls another site, from typing to publishing', async () => {
    const editor = await person(t, 'editor', 'Xena Editor');
    const reviewer = await person(t, 'reviewer', 'Dr Yusuf Reviewer');
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const seen = watchForEscapes(page, server.url);
    await signIn(page, server.url, editor.email, '/edit');

    await page.getByLabel('Title').fill('Hostile <script>alert(1)</script> text');
    await page.getByLabel('Address').fill(SLUG);
    await page.getByLabel('Summary').fill('<img src=x onerror=alert(1)> summary');
    await page.getByLabel('Authors').fill('example-editor');
    await page.getByLabel('Page text').fill(BODY);
    await page.getByLabel('Notes (footnotes)').fill('[x](javascript:alert(1)) <svg onload=alert(1)>');
    // Live preview (innerHTML of the server's answer), then the server-side preview, then save.
    await page.locator('#preview-body article').waitFor({ timeout: 10_000 });
    expect(await domIsClean(page)).toEqual([]);
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.locator('#preview-body').innerText()).toContain('<script>alert(1)</script>');
    expect(await domIsClean(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    expect(new URL(page.url()).pathname).toBe(`/edit/${SLUG}`);
    // What was typed comes back as text (re-written in the page-file layout, every payload intact).
    const saved = await page.getByLabel('Page text').inputValue();
    for (const p of XSS_PAYLOADS) expect(saved).toContain(p.markdown);

    // A second revision so the history has a diff full of payloads.
    await page.getByLabel('Page text').fill(`${saved}\n\n<script>alert(2)</script> and more`);
    await page.getByRole('button', { name: 'Save a new revision' }).click();
    await page.goto(`${server.url}/edit/${SLUG}/history`);
    await page.getByRole('link', { name: /Changes from revision 1/ }).click();
    expect(await page.locator('.diff').innerText()).toContain('<script>alert(2)</script>');
    expect(await domIsClean(page)).toEqual([]);

    // Published through the workflow, then read as a reader and as an editor.
    const service = createEditingService({ db: t.atoz.database.db, store: t.atoz.store, contentChanged: () => t.atoz.contentChanged() });
    const located = await service.locate(SLUG);
    if (located.kind !== 'draft') throw new Error(located.kind);
    const head = (await service.read.head(located.pageKey))!;
    await service.submit(head.id, actorFor({ ...editor, role: 'editor' }));
    await service.approve(head.id, actorFor({ ...reviewer, role: 'reviewer' }));
    await declareInterests(t.atoz.database.db);
    expect((await service.publish(head.id, actorFor({ ...editor, role: 'editor' }))).kind).toBe('published');

    await page.goto(`${server.url}/directory/${SLUG}`);
    expect(await page.locator('h1').innerText()).toBe('Hostile <script>alert(1)</script> text');
    expect(await domIsClean(page)).toEqual([]);
    const reader = await browser.newContext({ viewport: VIEWPORTS.phone });
    const readerPage = await reader.newPage();
    const readerSeen = watchForEscapes(readerPage, server.url);
    await readerPage.goto(`${server.url}/directory/${SLUG}`);
    expect(await readerPage.locator('article').innerText()).toContain('<svg onload=alert(1)><circle r=1 /></svg>');
    expect(await domIsClean(readerPage)).toEqual([]);
    // Hover and click everything a payload might have hidden a handler on.
    // (Links inside a closed disclosure, such as the byline's details, cannot be hovered.)
    for (const link of await readerPage.locator('article a:visible').all()) await link.hover();

    expect(seen.dialogs).toEqual([]);
    expect(seen.foreignRequests).toEqual([]);
    expect(readerSeen.dialogs).toEqual([]);
    expect(readerSeen.foreignRequests).toEqual([]);
    await reader.close();
    await context.close();
  }, 120_000);
});
