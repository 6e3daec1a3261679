import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitationStore } from '../../src/accounts/invitations.js';
import { SessionClient, TEST_PASSWORD, seedUser } from '../../src/accounts/test-support/session-client.js';
import type { TestApp } from '../support/app.js';
import { type RunningServer, VIEWPORTS, axeViolations, type BrowserTestBed, openBrowserTestBed } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';
import { READER_PAGE_TYPES } from '../reader/page-types.js';

// Signing in and out in a real browser, the lockout message, WCAG 2.2 AA on
// every accounts page, and no Content-Security-Policy violation anywhere.

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let bed: BrowserTestBed | undefined;

beforeAll(async () => {
  bed = await openBrowserTestBed({ fastLane: false });
  ({ app: t, server, browser } = bed);
});

afterAll(() => bed?.close());

/** Console messages Chromium prints when the CSP blocks something. */
function collectCspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`${page.url()}: ${m.text()}`);
  });
  return seen;
}

async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('signing in and out, without JavaScript', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('a wrong password keeps the e-mail and explains; the right one signs in and back to where you were going', async () => {
    const user = await seedUser(t.atoz.database.db, 'editor', { name: 'Edith Editor' });
    const page = await context.newPage();
    // A guarded page sends you to sign in, and brings you back afterwards.
    await page.goto(server.url + '/account/password');
    expect(new URL(page.url()).pathname).toBe('/login');

    await signInThroughForm(page, user.email, 'not my password at all');
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    const summary = page.locator('.error-summary');
    expect(await summary.innerText()).toContain('The e-mail address or the password is not right');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(user.email);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/account/password');
    const bar = page.getByRole('navigation', { name: 'Your account' });
    expect(await bar.innerText()).toContain('Signed in as Edith Editor (editor)');

    await bar.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByRole('status').innerText()).toContain('You have signed out');
    await page.goto(server.url + '/account');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('after five failures the sign-in form says it is paused, keeping the e-mail', async () => {
    const user = await seedUser(t.atoz.database.db, 'reviewer');
    const page = await context.newPage();
    await page.goto(server.url + '/login');
    for (let i = 0; i < 5; i++) await signInThroughForm(page, user.email, `wrong guess number ${i}`);
    const summary = await page.locator('.error-summary').innerText();
    expect(summary).toContain('Too many failed attempts to sign in');
    expect(summary).toMatch(/Try again in 1[45] minutes/);
    expect(await page.getByLabel('E-mail address').inputValue()).toBe(user.email);
    // Even the right password waits.
    await signInThroughForm(page, user.email, TEST_PASSWORD);
    expect(await page.locator('.error-summary').innerText()).toContain('Too many failed attempts');
    await page.close();
  });
});

describe('accounts pages are accessible and valid', () => {
  /** Every accounts page, as the person who would see it. */
  async function pagesToCheck(): Promise<Array<{ name: string; path: string; as: 'anonymous' | 'admin' | 'editor' }>> {
    const db = t.atoz.database.db;
    const invited = await seedUser(db, 'editor', { passwordHash: null, name: 'Ivy Invited' });
    const token = (await createInvitationStore(db).create(invited.id, null)).token;
    return [
      { name: 'login', path: '/login', as: 'anonymous' },
      { name: 'invitation', path: `/invite/${token}`, as: 'anonymous' },
      { name: 'invitation-expired', path: `/invite/${'A'.repeat(43)}`, as: 'anonymous' },
      { name: 'account', path: '/account', as: 'editor' },
      { name: 'password', path: '/account/password', as: 'editor' },
      { name: 'forbidden', path: '/admin/users', as: 'editor' },
      { name: 'users', path: '/admin/users', as: 'admin' },
      { name: 'user', path: `/admin/users/${invited.id}`, as: 'admin' },
      { name: 'audit', path: '/admin/audit', as: 'admin' },
    ];
  }

  let admin: Awaited<ReturnType<typeof seedUser>>;
  let editor: Awaited<ReturnType<typeof seedUser>>;
  beforeAll(async () => {
    admin = await seedUser(t.atoz.database.db, 'admin', { name: 'Ada Admin' });
    editor = await seedUser(t.atoz.database.db, 'editor', { name: 'Ed Editor' });
  });

  /** A browser context signed in as someone (cookie from a real session). */
  async function contextAs(who: 'anonymous' | 'admin' | 'editor', viewport: { width: number; height: number }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport });
    if (who !== 'anonymous') {
      const client = await SessionClient.signedInAs(t, t.atoz.database.db, (who === 'admin' ? admin : editor).id);
      await context.addCookies([{ name: 'atoz_session', value: client.cookies.get('atoz_session')!, url: server.url }]);
    }
    return context;
  }

  it('every accounts page, with and without form errors, passes the W3C Nu HTML checker', async () => {
    const documents: Record<string, string> = {};
    for (const p of await pagesToCheck()) {
      const client = p.as === 'anonymous' ? new SessionClient(t) : await SessionClient.signedInAs(t, t.atoz.database.db, (p.as === 'admin' ? admin : editor).id);
      documents[p.name] = await (await client.get(p.path)).text();
    }
    const anon = new SessionClient(t);
    documents['login-errors'] = await (await anon.post('/login', { email: 'nope', password: '' })).text();
    const adminClient = await SessionClient.signedInAs(t, t.atoz.database.db, admin.id);
    documents['invite-errors'] = await (await adminClient.post('/admin/users', { name: '', email: 'bad', role: '' })).text();
    documents['invite-made'] = await (await adminClient.post('/admin/users', { name: 'New Person', email: `new-${Date.now()}@example.org`, role: 'editor' })).text();
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((k) => [k, []])));
  }, 120_000);

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    it(`every accounts page has no axe-core WCAG 2.2 AA violations (${viewportName})`, async () => {
      const problems: string[] = [];
      for (const p of await pagesToCheck()) {
        const context = await contextAs(p.as, viewport);
        const page = await context.newPage();
        await page.goto(server.url + p.path);
        problems.push(...(await axeViolations(page)).map((v) => `${p.name}: ${v}`));
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > viewport.width) problems.push(`${p.name}: ${width} px wide at ${viewport.width} px`);
        await context.close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it('the sign-in form showing a wrong password has no axe violations', async () => {
    const context = await contextAs('anonymous', VIEWPORTS.phone);
    const page = await context.newPage();
    await page.goto(server.url + '/login');
    await signInThroughForm(page, editor.email, 'not the right password');
    expect(await page.locator('.error-summary').innerText()).toContain('not right');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the invite form with every error shown has no axe violations', async () => {
    const context = await contextAs('admin', VIEWPORTS.desktop);
    const page = await context.newPage();
    await page.goto(server.url + '/admin/users');
    await page.getByRole('button', { name: 'Make sign-in link' }).click();
    expect(await page.locator('.error-summary li').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Content-Security-Policy', () => {
  it('no reader or accounts page triggers a CSP violation in Chromium (JSON-LD is data, not script)', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, (await seedUser(t.atoz.database.db, 'admin')).id);
    await context.addCookies([{ name: 'atoz_session', value: client.cookies.get('atoz_session')!, url: server.url }]);
    const page = await context.newPage();
    const violations = collectCspViolations(page);
    const paths = [...READER_PAGE_TYPES.map((p) => p.path), '/login', '/account', '/account/password', '/admin/users', '/admin/audit'];
    for (const path of paths) {
      const res = await page.goto(server.url + path);
      expect(res?.headers()['content-security-policy'], path).toContain("script-src 'self'");
    }
    // The JSON-LD block really is on topic pages, and still no violation.
    await page.goto(server.url + '/directory/causes-of-scleroderma');
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  }, 120_000);

  it('an inline script or style attribute would be reported (the check can fail)', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = collectCspViolations(page);
    // Same origin and the same CSP header, with markup that breaks it.
    await page.route(server.url + '/csp-probe', async (route) => {
      const real = await route.fetch({ url: server.url + '/login' });
      await route.fulfill({ response: real, status: 200, body: '<!DOCTYPE html><p style="color:red">x</p><script>document.title="ran"</script>' });
    });
    await page.goto(server.url + '/csp-probe');
    expect(await page.title()).not.toBe('ran');
    expect(violations.length).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});
