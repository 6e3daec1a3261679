import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/cookies.js';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { declareInterests } from '../../src/editing/test-support/fixtures.js';
import { type BrowserTestBed, VIEWPORTS, axeViolations, openBrowserTestBed } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

/** Where the screenshots go, for a person to look at (right-to-left layout cannot be judged by assertions alone). */
const SHOTS = process.env.ATOZ_SCREENSHOTS ?? join(tmpdir(), 'atoz-screenshots');

/** Translated pages in a real browser: switching language, outdated sections, the translators' screens; vnu and axe. */
describe('translated pages in the browser', () => {
  let bed: BrowserTestBed;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    bed = await openBrowserTestBed({ fastLane: false });
  });
  afterAll(async () => bed?.close());

  const db = () => bed.app.atoz.database.db;
  async function signedInContext(role: 'editor' | 'reviewer', name: string, viewport = VIEWPORTS.desktop): Promise<{ context: BrowserContext; client: SessionClient; userId: number }> {
    const user = await seedUser(db(), role, { name });
    const client = await SessionClient.signedInAs(bed.app, db(), user.id);
    const context = await bed.browser.newContext({ viewport });
    await context.addCookies([{ name: SESSION_COOKIE, value: client.cookies.get(SESSION_COOKIE)!, url: bed.server.url }]);
    return { context, client, userId: user.id };
  }

  it('translated, untranslated and outdated pages, the dashboard and the editor pass the W3C Nu HTML checker', async () => {
    const { client } = await (async () => {
      const user = await seedUser(db(), 'reviewer', { name: 'Val Validator' });
      return { client: await SessionClient.signedInAs(bed.app, db(), user.id) };
    })();
    const documents: Record<string, string> = {};
    for (const [name, path] of [
      ['es-outdated', '/es/directory/causes-infections'],
      ['es-untranslated', '/es/directory/causes-autoimmunity'],
      ['fr-overview', '/fr/directory/causes-of-scleroderma'],
      ['ar-overview', '/ar/directory/causes-of-scleroderma'],
      ['en-translated', '/directory/causes-silica'],
    ] as const) {
      documents[name] = await (await bed.app.request(path)).text();
    }
    documents['dashboard'] = await (await client.get('/translate')).text();
    documents['editor-es'] = await (await client.get('/translate/es/causes-infections')).text();
    documents['editor-ar'] = await (await client.get('/ar/translate/ar/causes-silica')).text();
    // The editor with its preview, and the A–Z of translated titles.
    const preview = await client.post('/translate/fr/causes-stress', { baseRevisionId: '0', intent: 'preview', title: 'Causes : stress', 'entry-introduction-0': 'Texte d’aperçu.', translators: 'Val Validator' });
    expect(preview.status).toBe(200);
    documents['editor-preview'] = await preview.text();
    // A saved revision, and what it changed (the demo's translations are imported, with no revisions of their own).
    const head = await bed.app.atoz.database.db.selectFrom('translation_revisions').innerJoin('pages', 'pages.id', 'translation_revisions.page_id').select('translation_revisions.id').where('translation_revisions.lang', '=', 'fr').where('pages.slug', '=', 'causes-stress').orderBy('translation_revisions.id', 'desc').executeTakeFirst();
    expect((await client.post('/translate/fr/causes-stress', { baseRevisionId: String(head?.id ?? 0), intent: 'save', title: 'Causes : stress', 'entry-introduction-0': 'Texte d’essai.', translators: 'Val Validator' })).status).toBe(303);
    const saved = await bed.app.atoz.database.db.selectFrom('translation_revisions').select('number').where('lang', '=', 'fr').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const changes = await client.get(`/translate/fr/causes-stress/changes/${saved.number}`);
    expect(changes.status).toBe(200);
    documents['revision-changes'] = await changes.text();
    documents['es-a-z'] = await (await bed.app.request('/es/directory/a-z')).text();
    documents['es-search'] = await (await bed.app.request('/es/search?q=gemelos')).text();
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((name) => [name, []])));
  }, 120_000);

  for (const [name, path] of [
    ['es-outdated', '/es/directory/causes-infections'],
    ['ar-overview', '/ar/directory/causes-of-scleroderma'],
  ] as const) {
    for (const [size, viewport] of [['375', VIEWPORTS.phone], ['1280', VIEWPORTS.desktop]] as const) {
      it(`${path} at ${size} px: no axe-core WCAG 2.2 AA violations, no sideways scrolling (screenshot translated-${name}-${size}.png)`, async () => {
        const context = await bed.browser.newContext({ viewport });
        try {
          const page = await context.newPage();
          await page.goto(bed.server.url + path);
          // The English changes are inside a closed <details>: open them, so axe checks them too.
          for (const summary of await page.locator('.source-changes summary').all()) await summary.click();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect([...(await axeViolations(page)), ...(overflow > 0 ? [`scrolls sideways by ${overflow} px`] : [])]).toEqual([]);
          await page.screenshot({ path: join(SHOTS, `translated-${name}-${size}.png`), fullPage: true });
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }

  it('switching language stays on the same page, in the translation', async () => {
    const context = await bed.browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      const page = await context.newPage();
      await page.goto(`${bed.server.url}/directory/causes-silica`);
      await page.locator('.language-switcher summary').click();
      await Promise.all([page.waitForURL(/\/es\/directory\/causes-silica$/), page.locator('.language-switcher a[hreflang="es"]').click()]);
      expect(await page.locator('h1').textContent()).toBe('Causas: sílice');
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await page.locator('.language-switcher summary').click();
      await Promise.all([page.waitForURL(/\/fr\/directory\/causes-silica$/), page.locator('.language-switcher a[hreflang="fr"]').click()]);
      expect(await page.locator('h1').textContent()).toBe('Causes : silice');
    } finally {
      await context.close();
    }
  });

  it('a reader of an outdated translation sees the date, and what changed in the English when they open it', async () => {
    const context = await bed.browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      const page = await context.newPage();
      await page.goto(`${bed.server.url}/es/directory/causes-infections`);
      const notice = page.locator('#research').locator('xpath=..').locator('.section-notice');
      expect(await notice.locator('time').getAttribute('datetime')).toBe('2026-11-20');
      const added = notice.locator('ins', { hasText: 'does not go away' });
      expect(await added.isVisible()).toBe(false);
      await notice.locator('summary').click();
      expect(await added.isVisible()).toBe(true);
      expect(await notice.locator('.english-changes').getAttribute('lang')).toBe('en');
      await Promise.all([page.waitForURL(/\/directory\/causes-infections$/), notice.locator('a[hreflang="en"]').click()]);
    } finally {
      await context.close();
    }
  });

  it('an English edit, published, makes the translation outdated; a minor one does not', async () => {
    const editor = await signedInContext('editor', 'Eve Browser');
    const reviewer = await signedInContext('reviewer', 'Ravi Browser');
    const reader = await bed.browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      const edit = async (slug: string, from: string, to: string, impact: 'normal' | 'minor') => {
        const page = await editor.context.newPage();
        await page.goto(`${bed.server.url}/edit/${slug}`);
        const body = page.locator('#f-body');
        await body.fill((await body.inputValue()).replace(from, to));
        await page.locator(`#f-impact-${impact}`).check();
        await Promise.all([page.waitForURL(/notice=saved/), page.locator('button[name="intent"][value="save"]').click()]);
        await Promise.all([page.waitForURL(/notice=/), page.locator(`form[action="/edit/${slug}/submit"] button`).click()]);
        // The medical review and publication are the editing workflow's own (tested there): sent as their forms would.
        const { id: revisionId } = await db().selectFrom('page_revisions').select('id').where('slug', '=', slug).where('state', '=', 'in_review').executeTakeFirstOrThrow();
        expect((await reviewer.client.post(`/edit/${slug}/approve`, { revisionId: String(revisionId) })).status).toBe(303);
        await declareInterests(db());
        expect((await editor.client.post(`/edit/${slug}/publish`, { revisionId: String(revisionId) })).status).toBe(303);
      };
      const page = await reader.newPage();
      await edit('causes-silica', 'Examples are lupus,', 'Examples are lupus;', 'minor');
      await page.goto(`${bed.server.url}/es/directory/causes-silica`);
      expect(await page.locator('.section-notice').count()).toBe(0);
      await edit('causes-silica', 'Examples are lupus;', 'Examples include lupus;', 'normal');
      await page.goto(`${bed.server.url}/es/directory/causes-silica`);
      await page.locator('#introduction .section-notice summary').click();
      expect(await page.locator('#introduction .section-notice ins', { hasText: 'include' }).isVisible()).toBe(true);
    } finally {
      await reader.close();
      await editor.context.close();
      await reviewer.context.close();
    }
  }, 120_000);

  it('a section translated side by side and approved by a reviewer of the language reaches readers', async () => {
    const translator = await signedInContext('editor', 'Tala Browser');
    const reviewer = await signedInContext('reviewer', 'Rana Browser');
    try {
      const page = await translator.context.newPage();
      await page.goto(`${bed.server.url}/translate/fr/causes-sleep-disorders`);
      expect(await page.locator('.translate-source').first().textContent()).toContain('Causes: Sleep Disorders');
      await page.locator('#title').fill('Causes : troubles du sommeil');
      await page.locator('#entry-introduction-0').fill('Texte d’essai pour le test.');
      await Promise.all([page.waitForURL(/notice=submitted/), page.locator('button[value="submit"]').click()]);

      const review = await reviewer.context.newPage();
      await review.goto(`${bed.server.url}/translate`);
      await review.locator('#translates-fr').check();
      await review.locator('#reviews-fr').check();
      await Promise.all([review.waitForURL(/notice=languages/), review.locator('form[action="/translate/languages"] button').click()]);
      await review.goto(`${bed.server.url}/translate/fr/causes-sleep-disorders`);
      await Promise.all([review.waitForURL(/notice=approved/), review.locator('form[action$="/approve"] button').click()]);

      await review.goto(`${bed.server.url}/fr/directory/causes-sleep-disorders`);
      expect(await review.locator('h1').textContent()).toBe('Causes : troubles du sommeil');
      expect(await review.locator('.translation-notice').textContent()).toContain('Traduction relue par Rana Browser');
    } finally {
      await translator.context.close();
      await reviewer.context.close();
    }
  }, 120_000);
});
