import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { SESSION_COOKIE } from '../../src/accounts/cookies.js';
import { bumpContentVersion } from '../../src/directory/store.js';
import { raiseFlag } from '../../src/citations/flags.js';
import { freshRecord, seedFlaggedCitation, seedInboxItem } from '../../src/citations/test-support/seed.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, launchBrowser, serveOnFreePort } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// The citation pages (editor and reader) are valid HTML, pass axe-core WCAG 2.2 AA at
// 375 px and 1280 px without sideways scrolling, work by keyboard, and print the study-type explanation.

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let editor: SessionClient;
let flaggedId: number;
let topicSlug: string;

beforeAll(async () => {
  t = await createTestApp({ config: { worker: false } });
  const db = t.atoz.database.db;
  editor = await SessionClient.signedInAs(t, db, Number((await seedUser(db, 'editor')).id));
  flaggedId = await seedFlaggedCitation(db);
  // A demo topic whose research digest cites a paper that is now flagged, with one inbox suggestion and a saved search.
  const digest = await db
    .selectFrom('entries as e')
    .innerJoin('pages as p', 'p.id', 'e.page_id')
    .select(['p.id', 'p.slug', 'e.citation_id'])
    .where('e.kind', '=', 'research')
    .orderBy('p.slug')
    .executeTakeFirstOrThrow();
  topicSlug = digest.slug;
  await db.transaction().execute(async (tx) => {
    await raiseFlag(tx, Number(digest.citation_id), 'erratum');
    await bumpContentVersion(tx);
  });
  await t.atoz.contentChanged();
  await seedInboxItem(db, Number(digest.id), freshRecord(['Journal Article', 'Randomized Controlled Trial']));
  await editor.post(`/edit/${topicSlug}/research-query`, { term: 'silica AND scleroderma' });
  server = await serveOnFreePort(t.atoz.app.fetch);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await t?.close();
});

/** The pages to check, as paths (GET) or as a form post. */
const pages = () => [
  { name: 'citation list', path: '/edit/citations' },
  { name: 'citation search', path: '/edit/citations?q=scleroderma' },
  { name: 'import form', path: '/edit/citations/import' },
  { name: 'flagged citation', path: `/edit/citations/${flaggedId}` },
  { name: 'inbox', path: '/edit/inbox' },
  { name: 'saved search', path: `/edit/${topicSlug}/research-query` },
  { name: 'topic with badge and warning', path: `/directory/${topicSlug}` },
  { name: 'bibliography', path: '/bibliography' },
  { name: 'dashboard', path: '/dashboard' },
];

describe('citation pages', () => {
  it('are valid HTML (W3C Nu checker), including the confirmation page and failed forms', async () => {
    const documents: Record<string, string> = {};
    for (const p of pages()) {
      const res = await editor.get(p.path);
      expect({ page: p.name, status: res.status }).toEqual({ page: p.name, status: 200 });
      documents[p.name] = await res.text();
    }
    documents['confirmation'] = await (await editor.post('/edit/citations/import', { identifier: '27933103' })).text();
    documents['import error'] = await (await editor.post('/edit/citations/import', { identifier: 'not an id' })).text();
    documents['resolve error'] = await (await editor.post(`/edit/citations/${flaggedId}/resolve`, { note: '' })).text();
    documents['saved search error'] = await (await editor.post(`/edit/${topicSlug}/research-query`, { term: 'a\u0007b' })).text();
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((name) => [name, []])));
  }, 120_000);

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    describe(`at ${viewport.width} px`, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await browser.newContext({ viewport });
        await context.addCookies([{ name: SESSION_COOKIE, value: editor.cookies.get(SESSION_COOKIE)!, url: server.url }]);
      });
      afterAll(async () => {
        await context?.close();
      });

      async function check(page: Page, name: string) {
        expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
        const overflow = await page.evaluate(() =>
          Array.from(document.querySelectorAll('body *'))
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        );
        expect({ name, overflow }).toEqual({ name, overflow: [] });
        await page.screenshot({ path: `/tmp/atoz-citations-${name.replace(/\W+/g, '-')}-${viewport.width}.png`, fullPage: true });
      }

      it(`every citation page passes axe-core WCAG 2.2 AA with no sideways scrolling (${viewportName})`, async () => {
        const page = await context.newPage();
        try {
          for (const p of pages()) {
            const res = await page.goto(server.url + p.path);
            expect(res?.status()).toBe(200);
            await check(page, p.name);
          }
          // The confirmation page, reached as an editor would: paste, submit.
          await page.goto(`${server.url}/edit/citations/import`);
          await page.fill('#identifier', 'https://pubmed.ncbi.nlm.nih.gov/27933103/');
          await page.click('button[type=submit].button');
          await page.waitForSelector('h1:has-text("Check the citation")');
          await check(page, 'confirmation');
          // A failed lookup: the message and the typed text are there.
          await page.goto(`${server.url}/edit/citations/import`);
          await page.fill('#identifier', '0123');
          await page.click('button[type=submit].button');
          await page.waitForSelector('.error-summary');
          expect(await page.inputValue('#identifier')).toBe('0123');
          await check(page, 'import error');
        } finally {
          await page.close();
        }
      }, 120_000);
    });
  }

  it('the study-type explanation opens from the keyboard, without JavaScript, and is printed', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/directory/${topicSlug}`);
      const summary = page.locator('.entry-research .study-type summary').first();
      const explanation = page.locator('.entry-research .study-type details p').first();
      expect(await explanation.isVisible()).toBe(false);
      await summary.focus();
      expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await explanation.isVisible()).toBe(true);
      expect(await explanation.textContent()).toMatch(/no PubMed classification/);

      // Warning text, not colour alone.
      expect(await page.locator('.entry-research .cite-flag').first().textContent()).toMatch(/^Warning: Correction published\./);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.entry-research .study-type-print').first().isVisible()).toBe(true);
      expect(await summary.isVisible()).toBe(false);
      expect(await page.locator('.bibliography-downloads').first().isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });
});
