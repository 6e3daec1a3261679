import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTestBed, LOOKS, VIEWPORTS, axeViolations, openBrowserTestBed, withBedPage } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { person, signIn } from '../editing/support.js';
import { SessionClient } from '../../src/accounts/test-support/session-client.js';

// What lets readers judge a page: the "Medical codes" box (the demo overview page
// carries codes), the byline's qualifications-and-interests details, the editorial
// policy page, and the form where each person makes their declaration. Valid HTML,
// axe WCAG 2.2 AA at a phone and a laptop width and in forced-colours mode, no
// sideways scrolling, reachable by keyboard.

const WITH_CODES = '/directory/scleroderma-symptoms';
const READER_PATHS = [WITH_CODES, `/es${WITH_CODES}`, `/ar${WITH_CODES}`, '/editorial-policy', '/ar/editorial-policy'];

let bed: BrowserTestBed | undefined;
let declarerEmail = '';
beforeAll(async () => {
  // The Hono app alone: the declaration form is a signed-in page, never on the fast lane.
  bed = await openBrowserTestBed({ fastLane: false });
  declarerEmail = (await person(bed.app, 'editor', 'Dee Declarer')).email;
});
afterAll(() => bed?.close());

const withPage = <T,>(context: BrowserContext, path: string, use: (page: Page) => Promise<T>) => withBedPage(bed!, context, path, use);

/** Elements wider than the screen, and visible text under 16 px. */
function layoutProblems(page: Page) {
  return page.evaluate(() => ({
    wider: Array.from(document.querySelectorAll('main *'))
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    smallText: Array.from(document.querySelectorAll('.medical-codes *, .disclosures *'))
      .filter((el) => el.getClientRects().length > 0 && parseFloat(getComputedStyle(el).fontSize) < 16)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
}

describe('evidence widgets and pages', () => {
  it('pass the W3C Nu HTML checker (the declaration form too, with its errors shown)', async () => {
    const documents: Record<string, string> = {};
    for (const path of READER_PATHS) documents[path] = await (await bed!.app.request(path)).text();
    expect(documents[WITH_CODES]).toContain('class="medical-codes"');
    expect(documents[WITH_CODES]).toContain('class="disclosures"');
    const db = bed!.app.database.handle.db;
    const user = await db.selectFrom('users').select('id').where('email', '=', declarerEmail).executeTakeFirstOrThrow();
    const client = await SessionClient.signedInAs(bed!.app, db, user.id);
    documents['declaration'] = await (await client.get('/declaration')).text();
    const refused = await client.post('/declaration', { qualifications: '', affiliation: '', interests: '', funding: '' });
    expect(refused.status).toBe(400);
    documents['declaration-error'] = await refused.text();
    expect(await validateHtml(documents)).toEqual(Object.fromEntries(Object.keys(documents).map((p) => [p, []])));
  }, 120_000);

  for (const mode of LOOKS) {
    describe(mode.name, () => {
      let context: BrowserContext;
      beforeAll(async () => {
        context = await bed!.browser.newContext(mode.options);
      });
      afterAll(() => context?.close());

      for (const path of READER_PATHS) {
        it(`${path}: no axe-core WCAG 2.2 AA violations (details open), nothing wider than the screen`, async () => {
          await withPage(context, path, async (page) => {
            if (await page.locator('.disclosures summary').count()) await page.locator('.disclosures summary').click();
            expect(await axeViolations(page)).toEqual([]);
            expect(await layoutProblems(page)).toEqual({ wider: [], smallText: [] });
            if (path.includes('directory')) {
              const edge = await page.evaluate(() => {
                const style = getComputedStyle(document.querySelector('.medical-codes')!);
                return style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1;
              });
              expect(edge).toBe(true);
            }
          });
        });
      }

      it('the declaration form, empty and with an error, has no axe-core violations and fits the screen', async () => {
        const page = await context.newPage();
        try {
          await signIn(page, bed!.server.url, declarerEmail, '/declaration');
          expect(await axeViolations(page)).toEqual([]);
          expect(await layoutProblems(page)).toEqual({ wider: [], smallText: [] });
          await page.getByRole('button', { name: 'Save my declaration' }).click();
          await page.waitForSelector('.error-summary');
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    });
  }

  it('every code link and the byline details are reached with the Tab key, and the details open from the keyboard', async () => {
    const context = await bed!.browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      await withPage(context, WITH_CODES, async (page) => {
        const links = await page.locator('.medical-codes a').count();
        expect(links).toBe(4);
        const reached = new Set<string>();
        let summary = false;
        for (let i = 0; i < 200 && (reached.size < links || !summary); i++) {
          await page.keyboard.press('Tab');
          const at = await page.evaluate(() => {
            const el = document.activeElement;
            return { href: el?.closest('.medical-codes') ? (el as HTMLAnchorElement).href : null, summary: el?.matches('.disclosures summary') ?? false };
          });
          if (at.href) reached.add(at.href);
          else if (at.summary && !summary) {
            summary = true;
            await page.keyboard.press('Enter');
            expect(await page.locator('.disclosures').getAttribute('open')).not.toBeNull();
          }
        }
        expect({ links: reached.size, summary }).toEqual({ links, summary: true });
      });
    } finally {
      await context.close();
    }
  });
});
