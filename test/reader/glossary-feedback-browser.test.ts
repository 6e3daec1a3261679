import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestBed, LOOKS, VIEWPORTS, axeViolations, openBrowserTestBed, widerThanScreen, withBedPage } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { SessionClient, csrfFrom } from '../../src/accounts/test-support/session-client.js';
import { person, signIn } from '../editing/support.js';
import { createGlossaryStore } from '../../src/glossary/store.js';

// The glossary's pages and the marks it puts on topic pages (a popover that needs no
// JavaScript), and the reader-feedback forms: valid HTML, axe WCAG 2.2 AA at a phone and
// a laptop width and in forced-colours mode, nothing wider than the screen, keyboard paths,
// and the feedback form sent with JavaScript off.

const TOPIC = '/directory/causes-of-scleroderma';
const PATHS = [
  TOPIC, '/glossary', '/ar/glossary', '/glossary/raynauds-phenomenon', '/feedback/causes-of-scleroderma?helpful=no', '/feedback/causes-of-scleroderma/problem', '/ar/feedback/causes-of-scleroderma/problem',
  // A term translated into Spanish, marked in the Spanish page's text; one not translated into French.
  '/es/glossary/fibroblast', `/es${TOPIC}`, '/fr/glossary/fibroblast',
];

/** The editors' screens: feedback per page and overall, the glossary's list, a new term, a term with a revision waiting. */
const EDITOR_PATHS = ['/edit/feedback', '/edit/feedback/causes-of-scleroderma', '/edit/glossary', '/edit/glossary/new', '/edit/glossary/collagen', '/ar/edit/glossary/collagen', '/edit/glossary/collagen/translate/ar', '/ar/edit/glossary/fibroblast/translate/es'];

let bed: BrowserTestBed | undefined;
let reviewerEmail = '';
beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  reviewerEmail = (await person(bed.app, 'reviewer', 'Rae Reviewer')).email;
  const db = bed.app.database.handle.db;
  const page = await db.selectFrom('pages').select('id').where('slug', '=', 'causes-of-scleroderma').executeTakeFirstOrThrow();
  await db.insertInto('reader_feedback').values({ page_id: page.id, kind: 'problem', helpful: null, problem: 'outdated', comment: 'The newest study listed is old.\nIs there anything newer?', lang: 'en', created_at: new Date().toISOString() }).execute();
  // A revision by someone else, waiting for this reviewer.
  const editor = await person(bed.app, 'editor', 'Ed Itor');
  const glossary = createGlossaryStore(db, () => new Date());
  await glossary.save('collagen', { term: 'collagen', synonyms: [], definition: 'The main protein of skin, tendons and bone.' }, editor.id);
  // A Spanish translation approved (so the Spanish page marks it) and an Arabic one waiting.
  const reviewer = await db.selectFrom('users').select('id').where('email', '=', reviewerEmail).executeTakeFirstOrThrow();
  const spanish = await glossary.translate('fibroblast', 'es', { term: 'fibroblasto', synonyms: ['fibroblastos'], definition: 'Célula del tejido conectivo que fabrica colágeno.' }, editor.id);
  await glossary.approve(spanish!, reviewer.id);
  await glossary.translate('collagen', 'ar', { term: 'الكولاجين', synonyms: [], definition: 'البروتين الرئيسي في الجلد والأوتار والعظام.' }, editor.id);
});
afterAll(() => bed?.close());

const withPage = <T,>(context: BrowserContext, path: string, use: (page: Page) => Promise<T>) => withBedPage(bed!, context, path, use);

const wider = (page: Page) => widerThanScreen(page);

describe('glossary and reader feedback in the browser', () => {
  it('pass the W3C Nu HTML checker, the feedback form with its errors too', async () => {
    const documents: Record<string, string> = {};
    for (const path of PATHS) documents[path] = await (await bed!.app.request(path)).text();
    expect(documents[TOPIC]).toContain('class="gloss-term"');
    expect(documents[`/es${TOPIC}`]).toContain('<dfn>fibroblastos</dfn>');
    const client = new SessionClient(bed!.app);
    const form = '/feedback/causes-of-scleroderma/problem';
    const token = csrfFrom(await (await client.get(form)).text());
    const refused = await client.post(form, { comment: 'Mail me at someone@example.org', website: '' }, token);
    expect(refused.status).toBe(400);
    documents['problem-error'] = await refused.text();
    const db = bed!.app.database.handle.db;
    const reviewer = await db.selectFrom('users').select('id').where('email', '=', reviewerEmail).executeTakeFirstOrThrow();
    const staff = await SessionClient.signedInAs(bed!.app, db, reviewer.id);
    for (const path of EDITOR_PATHS) {
      const res = await staff.get(path);
      expect(res.status, path).toBe(200);
      documents[path] = await res.text();
    }
    expect(documents['/edit/glossary/collagen']).toContain('Approve this revision');
    const badTerm = await staff.post('/edit/glossary/new', { term: '', synonyms: '', definition: '' }, csrfFrom(documents['/edit/glossary/new']!));
    expect(badTerm.status).toBe(400);
    documents['term-error'] = await badTerm.text();
    expect(await validateHtml(documents)).toEqual(Object.fromEntries(Object.keys(documents).map((p) => [p, []])));
  }, 120_000);

  for (const mode of LOOKS) {
    describe(mode.name, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await bed!.browser.newContext(mode.options);
      });
      afterAll(() => context?.close());

      it('the editors’ feedback and glossary screens have no axe-core violations and fit the screen', async () => {
        const page = await context.newPage();
        try {
          await signIn(page, bed!.server.url, reviewerEmail, '/edit/feedback');
          for (const path of EDITOR_PATHS) {
            const res = await page.goto(bed!.server.url + path);
            expect(res?.status(), path).toBe(200);
            expect(await axeViolations(page), path).toEqual([]);
            expect(await wider(page), path).toEqual([]);
          }
        } finally {
          await page.close();
        }
      });

      for (const path of PATHS) {
        it(`${path}: no axe-core WCAG 2.2 AA violations (a definition open), nothing wider than the screen`, async () => {
          await withPage(context, path, async (page) => {
            if (await page.locator('.gloss-term').count()) {
              await page.locator('.gloss-term').first().click();
              expect(await page.locator('.gloss-definition:popover-open').count()).toBe(1);
            }
            expect(await axeViolations(page)).toEqual([]);
            expect(await wider(page)).toEqual([]);
          });
        });
      }
    });
  }

  it('a definition opens from the keyboard, without JavaScript, and Escape closes it', async () => {
    const context = await bed!.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    try {
      await withPage(context, TOPIC, async (page) => {
        let reached = false;
        for (let i = 0; i < 300 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(() => document.activeElement?.matches('.gloss-term') ?? false);
        }
        expect(reached).toBe(true);
        await page.keyboard.press('Enter');
        const open = page.locator('.gloss-definition:popover-open');
        expect(await open.count()).toBe(1);
        expect((await open.textContent())!.length).toBeGreaterThan(20);
        await page.keyboard.press('Escape');
        expect(await page.locator('.gloss-definition:popover-open').count()).toBe(0);
      });
    } finally {
      await context.close();
    }
  });

  it('a reader answers "No" with a comment by keyboard, with JavaScript off, and is thanked', async () => {
    const context = await bed!.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    try {
      await withPage(context, TOPIC, async (page) => {
        await page.getByRole('link', { name: 'No', exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/feedback\/causes-of-scleroderma\?helpful=no$/);
        expect(await page.locator('input[name="helpful"][value="no"]').isChecked()).toBe(true);
        await page.getByLabel('Your comment (optional)').fill('The list of causes is long; a summary first would help.');
        await page.getByRole('button', { name: 'Send' }).focus();
        await page.keyboard.press('Enter');
        await page.waitForSelector('h1:has-text("Thank you")');
      });
    } finally {
      await context.close();
    }
    const row = await bed!.app.database.handle.db.selectFrom('reader_feedback').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'helpful', helpful: 0, comment: 'The list of causes is long; a summary first would help.' });
  });
});
