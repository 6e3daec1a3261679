import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedNews } from '../../src/news/test-support/seed.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient } from '../../src/accounts/test-support/session-client.js';
import { actorFor, addRevision, pageInState } from '../../src/editing/test-support/fixtures.js';
import { createEditingService } from '../../src/editing/service/index.js';
import { createDirectoryStore } from '../../src/directory/store.js';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { person, signIn } from './support.js';

// WCAG 2.2 AA (axe-core) and valid HTML (vnu) on every editing page, in each
// of its states: empty, with errors, in conflict, with a preview; plus
// screenshots of the editor at 375 px and 1280 px to look at.

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;
/** Editing pages by name → path, filled in beforeAll. */
const pages: Record<string, string> = {};
let adminEmail = '';

export const SCREENSHOT_DIR = join(tmpdir(), 'atoz-editor-screenshots');

beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  ({ app: t, server, browser } = bed);
  const db = t.atoz.database.db;
  const admin = await person(t, 'admin', 'Ada Admin');
  adminEmail = admin.email;
  const author = actorFor({ ...(await person(t, 'editor', 'Abe Author')), role: 'editor' });
  const reviewer = actorFor({ ...(await person(t, 'reviewer', 'Dr Ria Reviewer')), role: 'reviewer' });
  const inReview = await pageInState(db, 'in_review', { author, reviewer });
  const published = await pageInState(db, 'published', { author, reviewer });
  const deleted = await pageInState(db, 'deleted', { author, reviewer });
  const second = await addRevision(db, published.slug, author, 'Cold hands can turn white, then blue, then red.');
  const changed = await pageInState(db, 'published', { author, reviewer });
  const toReview = await addRevision(db, changed.slug, author, 'Cold hands can turn white, then blue.');
  const service = createEditingService({ db, store: createDirectoryStore(db) });
  await service.submit(toReview.id, author);
  const sentBack = await pageInState(db, 'in_review', { author, reviewer });
  await service.sendBack(sentBack.revision.id, reviewer, 'Which study says this?\nPlease cite it.');
  Object.assign(pages, {
    'new page': '/edit',
    'editor (imported page)': '/edit/causes-genetics',
    // A research digest: the readability panel lists each digest's grade in a table.
    'editor (page with a research digest)': '/edit/causes-proteins',
    'editor (waiting for review)': `/edit/${inReview.slug}`,
    'editor (published, newer draft)': `/edit/${published.slug}`,
    'deleted page': `/edit/${deleted.slug}`,
    history: `/edit/${published.slug}/history`,
    diff: `/edit/${published.slug}/diff?from=${published.revision.number}&to=${second.number}`,
    revision: `/edit/${published.slug}/revisions/${published.revision.number}`,
    dashboard: '/dashboard',
    'review screen (what changed since the published revision)': `/edit/${changed.slug}/review`,
    'review screen (a new page)': `/edit/${inReview.slug}/review`,
    'editor (sent back with a comment)': `/edit/${sentBack.slug}`,
    'your byline': '/account/byline',
    'review screen in Arabic': `/ar/edit/${changed.slug}/review`,
    settings: '/admin/settings',
    'reader page with the editing bar': '/directory/causes-genetics',
    // The same screens in Spanish and in Arabic (right to left), from the address.
    'editor in Arabic (published, newer draft)': `/ar/edit/${published.slug}`,
    'history in Arabic': `/ar/edit/${published.slug}/history`,
    'diff in Spanish': `/es/edit/${published.slug}/diff?from=${published.revision.number}&to=${second.number}`,
    'dashboard in Spanish': '/es/dashboard',
    'settings in Arabic': '/ar/admin/settings',
    'news items': '/edit/news',
    'new news item': '/edit/news/new',
    'news item signed off, ready to publish': `/edit/news/${await seedNews(db, 'review', { topicSlugs: ['causes-genetics'] }, { signedOff: true })}`,
    'news item published (a correction needs a note)': `/edit/news/${await seedNews(db, 'published', { topicSlugs: ['causes-genetics'] })}`,
  });
});

afterAll(() => bed?.close());

/** Puts the editor into a state a GET cannot reach: errors, a conflict, a server preview. */
async function editorIn(page: Page, state: 'errors' | 'conflict' | 'preview'): Promise<void> {
  await page.goto(`${server.url}/edit/causes-infections`);
  if (state === 'errors') {
    await page.getByLabel('Title').fill('T'.repeat(250));
    await page.getByLabel('Page text').fill('## Heading\n\n::: research\nNo citation.\n:::\n');
    await page.getByRole('button', { name: 'Save a new revision' }).click();
  } else if (state === 'preview') {
    await page.getByRole('button', { name: 'Preview' }).click();
  } else {
    // Someone else saves first (in-process, as another signed-in editor).
    const other = await person(t, 'editor', 'Otto Other');
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, other.id);
    const html = await (await client.get('/edit/causes-infections')).text();
    const base = /name="baseRevisionId" value="(\d+)"/.exec(html)![1]!;
    const body = /<textarea[^>]*id="f-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");
    const res = await client.post('/edit/causes-infections', { title: 'Causes: Infections', slug: 'causes-infections', parentSlug: 'causes-of-scleroderma', position: '12', reviewIntervalMonths: '24', authors: 'example-editor', body: `${body}\nOtto was here.\n`, baseRevisionId: base, intent: 'save' });
    expect(res.status).toBe(303);
    await page.getByLabel('Page text').fill(`${await page.getByLabel('Page text').inputValue()}\nMine too.\n`);
    await page.getByRole('button', { name: 'Save a new revision' }).click();
    await page.locator('.conflict').waitFor();
  }
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  describe(`editing pages at ${viewportName} width`, () => {
    it('have no axe-core WCAG 2.2 AA violations in any state', async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, server.url, adminEmail);
      const problems: string[] = [];
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(server.url + path);
        problems.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
      }
      for (const state of ['errors', 'preview', 'conflict'] as const) {
        await editorIn(page, state);
        problems.push(...(await axeViolations(page)).map((v) => `editor with ${state}: ${v}`));
      }
      expect(problems).toEqual([]);
      await context.close();
      // About 30 screens, each checked by axe in full: on a loaded machine this takes minutes.
    }, 360_000);
  });
}

describe('the editor as it looks', () => {
  it('is valid HTML in every state', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, server.url, adminEmail);
    const documents: Record<string, string> = {};
    for (const [name, path] of Object.entries(pages)) {
      const res = await page.goto(server.url + path);
      documents[name] = (await res!.text());
    }
    for (const state of ['errors', 'preview', 'conflict'] as const) {
      await editorIn(page, state);
      documents[`editor with ${state}`] = await page.content();
    }
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((k) => [k, []])));
    await context.close();
  }, 120_000);

  it('is screenshotted at 375 px and 1280 px for a person to look at', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await signIn(page, server.url, adminEmail);
      await page.goto(`${server.url}${pages['editor (waiting for review)']}`);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `editor-${name}.png`), fullPage: true });
      await page.goto(`${server.url}${pages.diff}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `diff-${name}.png`), fullPage: true });
      await page.goto(`${server.url}${pages.dashboard}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `dashboard-${name}.png`), fullPage: true });
      await page.goto(`${server.url}${pages['editor in Arabic (published, newer draft)']}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `editor-ar-${name}.png`), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      // Nothing wider than the screen: the editor must not scroll sideways on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await context.close();
    }
    console.log(`editor screenshots: ${SCREENSHOT_DIR}`);
  });
});
