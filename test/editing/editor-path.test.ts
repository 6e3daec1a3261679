import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { person, signIn } from './support.js';
import { declareInterests } from '../../src/editing/test-support/fixtures.js';

// An editor's and a reviewer's path through the editor in Chromium: edit,
// preview (live with JavaScript, by button without), save, history and diff,
// send for review, approve, publish, and the published page; then two
// editors saving the same page at once.

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  ({ app: t, server, browser } = bed);
});

afterAll(() => bed?.close());

const path = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

describe('from edit to published, with JavaScript', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('edits with a live preview, saves, compares, and gets the page reviewed and published', async () => {
    const editor = await person(t, 'editor', 'Ella Editor');
    const reviewer = await person(t, 'reviewer', 'Dr Rowan Reviewer');
    const page = await context.newPage();
    await signIn(page, server.url, editor.email, '/directory/causes-radiation');

    // Signed in, the reader page offers editing.
    await page.getByRole('link', { name: 'Edit this page' }).click();
    expect(path(page)).toBe('/edit/causes-radiation');
    expect(await page.locator('h1').innerText()).toBe('Edit “Causes: Radiation”');

    const body = page.getByLabel('Page text');
    const original = await body.inputValue();
    const added = 'Radiation treatment for cancer has been linked with skin thickening in a few reports.';
    await body.fill(`${original}\n${added}\n`);
    // The live preview catches up after a pause in typing, without a page load.
    await page.locator('#preview-body').getByText(added).waitFor({ timeout: 10_000 });
    expect(await page.locator('#preview-status').innerText()).toContain('Preview updated');
    expect(await page.locator('#readability-region').innerText()).toMatch(/Flesch–Kincaid\s*grade -?\d+\.\d/);

    await page.getByLabel('What did you change? (optional)').fill('Added the radiotherapy sentence');
    await page.getByRole('button', { name: 'Save a new revision' }).click();
    expect(path(page)).toBe('/edit/causes-radiation?notice=saved');
    expect(await page.locator('p.notice').innerText()).toContain('Saved as a new revision');
    expect(await page.getByLabel('Page text').inputValue()).toContain(added);

    await page.getByRole('link', { name: 'Page history' }).click();
    const row = page.getByRole('row', { name: /Revision 2/ });
    expect(await row.innerText()).toContain('Added the radiotherapy sentence');
    expect(await row.innerText()).toContain('Ella Editor');
    await row.getByRole('link', { name: 'Changes from revision 1' }).click();
    expect(await page.locator('h1').innerText()).toBe('Changes from revision 1 to 2');
    expect(await page.locator('.diff ins').first().innerText()).toContain(added);

    await page.goto(`${server.url}/edit/causes-radiation`);
    await page.getByRole('button', { name: 'Send revision 2 for medical review' }).click();
    expect(await page.locator('p.notice').innerText()).toContain('Sent for medical review');
    // The editor cannot publish yet: the checklist says why.
    expect(await page.locator('.checklist').innerText()).toContain('A medical review of this text: missing. Waiting for a medical reviewer');
    await page.getByRole('navigation', { name: 'Your account' }).getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, server.url, reviewer.email);
    const awaiting = page.locator('section', { has: page.getByRole('heading', { name: 'Awaiting medical review' }) });
    await awaiting.getByRole('link', { name: 'Causes: Radiation' }).click();
    // The review screen: what changed since the published revision, the checklist, the page as readers will see it.
    expect(path(page)).toMatch(/^\/edit\/causes-radiation\/review\?revision=\d+$/);
    expect(await page.locator('h1').first().innerText()).toBe('Review revision 2 of “Causes: Radiation”');
    expect(await page.locator('.diff ins').first().innerText()).toContain(added);
    expect(await page.locator('.preview-body article').innerText()).toContain(added);
    await page.getByRole('button', { name: 'Approve revision 2 as medically reviewed' }).click();
    expect(await page.locator('p.notice').innerText()).toContain('Approved as medically reviewed');
    // Not yet: everyone the page names must have declared their interests.
    expect(await page.locator('.checklist').innerText()).toContain('No declarations recorded for Example Editor, Dr Rowan Reviewer.');
    const reviewScreen = page.url();
    await page.goto(`${server.url}/declaration`);
    await page.getByLabel('I have no conflicts of interest to declare').check();
    await page.getByRole('button', { name: 'Save my declaration' }).click();
    expect(await page.locator('p.notice').innerText()).toContain('Your declaration is saved, dated today.');
    // The demo's example editor is no one who can sign in: the test records theirs.
    await declareInterests(t.atoz.database.db, ['example-editor']);
    await page.goto(reviewScreen);
    expect(await page.locator('.checklist').innerText()).toContain('Everything a trustworthy health page needs is here.');
    await page.getByRole('button', { name: 'Publish revision 2' }).click();
    expect(await page.locator('p.notice').innerText()).toContain('Published: readers see this version now.');

    await page.getByRole('link', { name: 'View the published page' }).click();
    expect(path(page)).toBe('/directory/causes-radiation');
    expect(await page.locator('article').innerText()).toContain(added);
    const review = page.locator('.byline');
    // (The colons after the terms are CSS, so not in innerText.)
    expect(await review.innerText()).toMatch(/Medical review\s*Reviewed \d{1,2} \w+ \d{4} by Dr Rowan Reviewer/);
    expect(await review.innerText()).toMatch(/Next review\s*\d{1,2} \w+ \d{4}/);
    await page.close();
  });
});

describe('previewing without JavaScript', () => {
  it('renders the preview on the server in the same page, with the form intact, and saves nothing', async () => {
    const editor = await person(t, 'editor', 'Noor No-Script');
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, server.url, editor.email, '/edit/causes-stress');
    const typed = `${await page.getByLabel('Page text').inputValue()}\nA calm routine may help some people.\n`;
    await page.getByLabel('Page text').fill(typed);
    await page.getByLabel('Summary').fill('Stress and scleroderma: what studies say.');
    await page.getByRole('button', { name: 'Preview' }).click();
    expect(await page.locator('#preview-body').innerText()).toContain('A calm routine may help some people.');
    expect(await page.locator('#preview-body .lead').innerText()).toBe('Stress and scleroderma: what studies say.');
    expect(await page.getByLabel('Page text').inputValue()).toBe(typed);
    expect(await page.getByLabel('Summary').inputValue()).toBe('Stress and scleroderma: what studies say.');
    await page.goto(`${server.url}/edit/causes-stress/history`);
    expect(await page.getByRole('row', { name: /Revision \d+/ }).count()).toBe(1); // the imported revision only
    await context.close();
  });
});

describe('two editors on the same page', () => {
  it('shows the second saver the first one’s change, keeps their text, and lets them save on top', async () => {
    const first = await person(t, 'editor', 'Farah First');
    const second = await person(t, 'editor', 'Seth Second');
    const contextA = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const contextB = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await signIn(a, server.url, first.email, '/edit/causes-sleep-disorders');
    await signIn(b, server.url, second.email, '/edit/causes-sleep-disorders');
    const original = await a.getByLabel('Page text').inputValue();

    await a.getByLabel('Page text').fill(`${original}\nFarah’s note on sleep apnoea.\n`);
    await a.getByRole('button', { name: 'Save a new revision' }).click();
    expect(await a.locator('p.notice').innerText()).toContain('Saved as a new revision');

    const mine = `${original}\nSeth’s note on insomnia.\n`;
    await b.getByLabel('Page text').fill(mine);
    await b.getByLabel('What did you change? (optional)').fill('Insomnia note');
    await b.getByRole('button', { name: 'Save a new revision' }).click();
    const conflict = b.locator('.conflict');
    expect(await conflict.getByRole('heading', { level: 2 }).innerText()).toBe('Someone else saved this page while you were editing');
    expect(await conflict.innerText()).toContain('Farah First saved revision 2');
    expect(await conflict.locator('ins').first().innerText()).toContain('Farah’s note on sleep apnoea.');
    expect(await b.locator('.error-summary').innerText()).toContain('Farah First saved revision 2 while you were editing');
    // Nothing lost: the form still holds everything Seth typed.
    expect(await b.getByLabel('Page text').inputValue()).toBe(mine);
    expect(await b.getByLabel('What did you change? (optional)').inputValue()).toBe('Insomnia note');

    // Seth merges by hand and saves on top of Farah's revision.
    await b.getByLabel('Page text').fill(`${mine}Farah’s note on sleep apnoea.\n`);
    await b.getByRole('button', { name: 'Save a new revision' }).click();
    expect(await b.locator('p.notice').innerText()).toContain('Saved as a new revision');
    await b.goto(`${server.url}/edit/causes-sleep-disorders/history`);
    expect(await b.getByRole('row', { name: /Revision 3/ }).innerText()).toContain('Seth Second');
    expect(await b.getByRole('row', { name: /Revision 2/ }).innerText()).toContain('Farah First');
    await contextA.close();
    await contextB.close();
  });
});
