import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/cookies.js';
import { createSessionStore } from '../../src/accounts/sessions.js';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { openedAMinuteAgo } from '../../src/community/test-support/community.js';
import { makeStory, storyLink } from '../../src/stories/test-support/stories.js';
import type { TestApp } from '../support/app.js';
import { type BrowserTestBed, type RunningServer, VIEWPORTS, axeViolations, openBrowserTestBed, pageTypeFailures } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// Every new page type of patient stories is valid HTML (W3C Nu) and passes axe-core
// (WCAG 2.2 AA) at 375 and 1280 px; and the whole path works without JavaScript:
// a story is sent and its address confirmed, a moderator edits it for privacy, the
// storyteller approves the edited text, it is published, then withdrawn.

let bed: BrowserTestBed | undefined;
let app: TestApp;
let server: RunningServer;
let browser: Browser;
let moderatorToken = '';
const pageTypes: Array<{ name: string; path: string; as: 'anonymous' | 'moderator'; status: number }> = [];

beforeAll(async () => {
  bed = await openBrowserTestBed();
  ({ app, server, browser } = bed);
  const db = app.atoz.database.db;
  moderatorToken = (await createSessionStore(db).create((await seedUser(db, 'moderator')).id)).token;
  pageTypes.push(
    { name: 'stories, none published yet', path: '/stories', as: 'anonymous', status: 200 },
    { name: 'story form', path: '/stories/new', as: 'anonymous', status: 200 },
  );
  const silica = (await db.selectFrom('pages').select('id').where('slug', '=', 'causes-silica').executeTakeFirstOrThrow()).id;
  const published = await makeStory(db, { status: 'published', pageIds: [silica], title: 'Browser test story', body: 'A *test* story.' });
  const pending = await makeStory(db, { title: 'Waiting story' });
  const edited = await makeStory(db, { status: 'awaiting-storyteller' });
  const withdrawn = await makeStory(db, { status: 'published' });
  await db.updateTable('stories').set({ withdrawn_at: new Date().toISOString() }).where('id', '=', withdrawn).execute();
  pageTypes.push(
    { name: 'story', path: `/stories/${published}`, as: 'anonymous', status: 200 },
    { name: 'stories, some published', path: '/stories', as: 'anonymous', status: 200 },
    { name: 'story search results', path: '/stories/search?q=browser+test', as: 'anonymous', status: 200 },
    { name: 'story search in Arabic', path: '/ar/stories/search?q=browser', as: 'anonymous', status: 200 },
    { name: 'site search with stories', path: '/search?q=browser+test+story', as: 'anonymous', status: 200 },
    { name: 'topic page with stories', path: '/directory/causes-silica', as: 'anonymous', status: 200 },
    { name: 'confirm link', path: await storyLink(db, 'confirm', await makeStory(db, { status: 'unconfirmed' })), as: 'anonymous', status: 200 },
    { name: 'review an edit', path: await storyLink(db, 'review', edited), as: 'anonymous', status: 200 },
    { name: 'withdraw link', path: await storyLink(db, 'withdraw', published), as: 'anonymous', status: 200 },
    { name: 'withdrawn story', path: `/stories/${withdrawn}`, as: 'anonymous', status: 410 },
    { name: 'moderation queue with a story', path: '/moderation', as: 'moderator', status: 200 },
    { name: 'story in moderation', path: `/moderation/stories/${pending}`, as: 'moderator', status: 200 },
  );
}, 60_000);

afterAll(() => bed?.close());

async function contextAs(who: 'anonymous' | 'moderator', viewport: { width: number; height: number }, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  if (who === 'moderator') await context.addCookies([{ name: SESSION_COOKIE, value: moderatorToken, url: server.url }]);
  return context;
}

describe('patient story pages', () => {
  it('every page type answers and passes the W3C Nu HTML checker, the form with errors and the thank-you page included', async () => {
    const documents: Record<string, string> = {};
    for (const type of pageTypes) {
      const client = new SessionClient(app);
      if (type.as === 'moderator') client.cookies.set(SESSION_COOKIE, moderatorToken);
      const res = await client.get(type.path);
      expect({ page: type.name, status: res.status }).toEqual({ page: type.name, status: type.status });
      documents[type.name] = await res.text();
    }
    const visitor = new SessionClient(app);
    const token = await visitor.csrfToken('/stories/new');
    const started = await openedAMinuteAgo(app.atoz.database.db);
    documents['story form with errors'] = await (await visitor.post('/stories/new', { _started: started, website: '', title: '', body: 'Text', email: 'nope', 'expires-publish': 'soon' }, token)).text();
    documents['story sent'] = await (await visitor.post('/stories/new', { _started: started, website: '', title: 'Sent', body: 'Text', displayName: 'Wren', email: `wren-${Date.now()}@example.org`, 'consent-publish': '1' }, token)).text();
    expect(documents['story sent']).toContain('Thank you for your story');
    const problems = await validateHtml(documents);
    expect(problems).toEqual(Object.fromEntries(Object.keys(documents).map((name) => [name, []])));
  }, 120_000);

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    it(`every page type has no axe-core WCAG 2.2 AA violations and no sideways scrolling (${viewportName}, ${viewport.width} px)`, async () => {
      expect(await pageTypeFailures(server.url, viewport, pageTypes, contextAs)).toEqual({});
    }, 180_000);
  }
});

describe('without JavaScript', () => {
  it('a story is sent, confirmed, edited by a moderator, approved by its storyteller, published, then withdrawn', async () => {
    const db = app.atoz.database.db;
    const email = `storyteller-${Date.now()}@example.org`;
    const mailLink = async (kind: 'confirm' | 'review' | 'withdraw') => {
      const mails = await db.selectFrom('mail_outbox').select('text_body').where('to_address', '=', email).orderBy('id', 'desc').execute();
      for (const m of mails) {
        const found = new RegExp(`http://atoz\\.test(/stories/\\d+/${kind}/[A-Za-z0-9_-]{43})`).exec(m.text_body)?.[1];
        if (found) return server.url + found;
      }
      throw new Error(`no ${kind} link in the e-mails to ${email}`);
    };
    const tellerContext = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const teller: Page = await tellerContext.newPage();
    // The form must have been open a few seconds before it is sent: give it an opening time from a minute ago.
    const started = await openedAMinuteAgo(db);
    await teller.route('**/stories/new', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('_started', started);
      await route.continue({ postData: body.toString() });
    });
    await teller.goto(`${server.url}/stories`);
    await teller.getByRole('link', { name: 'Share your story' }).click();
    await teller.getByLabel('Title', { exact: true }).fill('Mornings in the cold');
    await teller.getByLabel('Your story', { exact: true }).fill('At the clinic on Elm Street they told me to wear two pairs of gloves.');
    await teller.getByLabel('Causes: Silica', { exact: true }).check();
    await teller.getByLabel('Name shown with your story').fill('Night heron');
    await teller.getByLabel('E-mail address').fill(email);
    await teller.getByLabel('Publish my story on this site (needed for it to appear here).').check();
    await teller.getByRole('button', { name: 'Send my story' }).click();
    await teller.getByText(`We sent an e-mail to ${email}`).waitFor();

    await teller.goto(await mailLink('confirm'));
    await teller.getByRole('button', { name: 'Confirm' }).click();
    await teller.getByText('Address confirmed').first().waitFor();

    const moderatorContext = await contextAs('moderator', VIEWPORTS.desktop, false);
    const mod = await moderatorContext.newPage();
    await mod.goto(`${server.url}/moderation`);
    await mod.getByRole('link', { name: 'Mornings in the cold, by Night heron' }).click();
    await mod.getByLabel('Your story', { exact: true }).fill('At the clinic they told me to wear two pairs of gloves.');
    await mod.getByLabel('Reason for the edit').fill('the street name removed');
    await mod.getByRole('button', { name: 'Approve', exact: true }).click();
    await mod.waitForURL(/\/moderation\?notice=approved/);

    await teller.goto(await mailLink('review'));
    await teller.getByText('the street name removed').waitFor();
    await teller.getByRole('button', { name: 'Approve and publish' }).click();
    await teller.getByRole('heading', { name: 'Your story is published' }).waitFor();
    await teller.getByRole('link', { name: 'Read your story' }).click();
    await teller.getByText('At the clinic they told me to wear two pairs of gloves.').waitFor();
    expect(await teller.getByText('Elm Street').count()).toBe(0);
    const storyUrl = teller.url();
    await teller.goto(`${server.url}/directory/causes-silica`);
    expect(await teller.getByRole('link', { name: 'Mornings in the cold' }).count()).toBe(1);

    await teller.goto(await mailLink('withdraw'));
    await teller.getByRole('button', { name: 'Withdraw my story' }).click();
    await teller.getByRole('heading', { name: 'Your story was withdrawn' }).waitFor();
    await teller.goto(storyUrl);
    await teller.getByRole('heading', { name: 'This story was withdrawn' }).waitFor();
    await teller.goto(`${server.url}/directory/causes-silica`);
    expect(await teller.getByRole('link', { name: 'Mornings in the cold' }).count()).toBe(0);
    await tellerContext.close();
    await moderatorContext.close();
  }, 120_000);
});
