import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/cookies.js';
import { createSessionStore } from '../../src/accounts/sessions.js';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { loadSigningKey } from '../../src/accounts/signing-keys.js';
import { createFollowing } from '../../src/community/following.js';
import { createForums } from '../../src/community/forums.js';
import { openedAMinuteAgo, makeMember } from '../../src/community/test-support/community.js';
import type { TestApp } from '../support/app.js';
import { type BrowserTestBed, type RunningServer, VIEWPORTS, axeViolations, openBrowserTestBed, pageTypeFailures } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// Every new page type of the community is valid HTML (W3C Nu) and passes axe-core
// (WCAG 2.2 AA) at 375 and 1280 px, with JavaScript off; and the main path works
// without JavaScript: a member's first post is held, a moderator edits and approves it,
// the member sees it published with the moderator's note.

let bed: BrowserTestBed | undefined;
let app: TestApp;
let server: RunningServer;
let browser: Browser;
const tokens: Record<'member' | 'moderator', string> = { member: '', moderator: '' };
const pageTypes: Array<{ name: string; path: string; as: 'anonymous' | 'member' | 'moderator'; status: number }> = [];

beforeAll(async () => {
  bed = await openBrowserTestBed();
  ({ app, server, browser } = bed);
  const db = app.atoz.database.db;
  const member = await seedUser(db, 'member');
  await makeMember(db, member.id, 10, 'gentlefern');
  const moderator = await seedUser(db, 'moderator');
  tokens.member = (await createSessionStore(db).create(member.id)).token;
  tokens.moderator = (await createSessionStore(db).create(moderator.id)).token;
  const forums = createForums(db);
  const category = (await db.selectFrom('forum_categories').selectAll().where('slug', '=', 'living-with-scleroderma').executeTakeFirstOrThrow());
  const topic = await db.transaction().execute((tx) => forums.createTopic(tx, { categoryId: category.id, authorId: member.id, title: 'Keeping warm', body: 'What helps your hands in winter? See [[Raynaud phenomenon]].', held: false, reason: null, matches: [], urgent: false }));
  const reply = await db.transaction().execute((tx) => forums.createReply(tx, { topicId: topic.topicId, authorId: member.id, body: 'Silk liners under wool gloves help in winter.', held: false, reason: null, matches: [], urgent: false }));
  const held = await db.transaction().execute((tx) => forums.createReply(tx, { topicId: topic.topicId, authorId: member.id, body: 'A reply that waits', held: true, reason: 'crisis', matches: [{ check: 'crisis', detail: 'end my life' }], urgent: true }));
  // A "What the evidence says" note under the opening post, so the topic page shows one.
  const directoryPage = await db.selectFrom('pages').select('id').where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  await db.insertInto('forum_evidence_notes').values({ post_id: topic.postId, page_id: directoryPage.id, note: 'The directory page explains what is known.', moderator_id: moderator.id, created_at: new Date().toISOString() }).execute();
  pageTypes.push(
    { name: 'forums', path: '/forums', as: 'anonymous', status: 200 },
    { name: 'category', path: '/forums/living-with-scleroderma', as: 'anonymous', status: 200 },
    { name: 'empty category', path: '/forums/questions-about-the-directory', as: 'anonymous', status: 200 },
    { name: 'topic', path: `/forums/topics/${topic.topicId}`, as: 'anonymous', status: 200 },
    { name: 'join', path: '/join', as: 'anonymous', status: 200 },
    { name: 'topic with reply form, held post and crisis text', path: `/forums/topics/${topic.topicId}?notice=held&crisis=1`, as: 'member', status: 200 },
    { name: 'new topic', path: '/forums/living-with-scleroderma/new', as: 'member', status: 200 },
    { name: 'flag', path: `/forums/posts/${topic.postId}/flag`, as: 'member', status: 200 },
    { name: 'member profile', path: '/members/me', as: 'member', status: 200 },
    { name: 'members-only category', path: '/forums/members-lounge', as: 'member', status: 200 },
    { name: 'moderation queue', path: '/moderation', as: 'moderator', status: 200 },
    { name: 'moderation item', path: `/moderation/${held}`, as: 'moderator', status: 200 },
    { name: 'topic with moderator tools', path: `/forums/topics/${topic.topicId}`, as: 'moderator', status: 200 },
    { name: 'post tools', path: `/moderation/posts/${topic.postId}`, as: 'moderator', status: 200 },
    { name: 'reply tools, with splitting the topic', path: `/moderation/posts/${reply}`, as: 'moderator', status: 200 },
    { name: 'forum search', path: '/forums/search', as: 'anonymous', status: 200 },
    { name: 'forum search results', path: '/forums/search?q=winter', as: 'anonymous', status: 200 },
    { name: 'forum search in Arabic', path: '/ar/forums/search?q=winter', as: 'anonymous', status: 200 },
    { name: 'site search with forum posts', path: '/search?q=winter+gloves', as: 'member', status: 200 },
    { name: 'unfollow link', path: `/forums/unfollow/${createFollowing(db, await loadSigningKey(db, 'community-follows')).unfollowToken(member.id, topic.topicId)}`, as: 'anonymous', status: 200 },
  );
}, 60_000);

afterAll(() => bed?.close());

async function contextAs(who: 'anonymous' | 'member' | 'moderator', viewport: { width: number; height: number }, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  if (who !== 'anonymous') await context.addCookies([{ name: SESSION_COOKIE, value: tokens[who], url: server.url }]);
  return context;
}

function clientAs(who: 'anonymous' | 'member' | 'moderator'): SessionClient {
  const client = new SessionClient(app);
  if (who !== 'anonymous') client.cookies.set(SESSION_COOKIE, tokens[who]);
  return client;
}

describe('community pages', () => {
  it('every page type answers, and passes the W3C Nu HTML checker, forms with errors included', async () => {
    const documents: Record<string, string> = {};
    for (const type of pageTypes) {
      const res = await clientAs(type.as).get(type.path);
      expect({ page: type.name, status: res.status }).toEqual({ page: type.name, status: type.status });
      documents[type.name] = await res.text();
    }
    const visitor = clientAs('anonymous');
    const token = await visitor.csrfToken('/join');
    documents['join with errors'] = await (await visitor.post('/join', { displayName: 'Maria Lopez', email: 'nope', password: 'short' }, token)).text();
    const member = clientAs('member');
    const memberToken = await member.csrfToken('/members/me');
    const topicId = /topics\/(\d+)/.exec(pageTypes.find((p) => p.name === 'topic')!.path)![1];
    documents['reply with personal details'] = await (await member.post(`/forums/topics/${topicId}/reply`, { _started: await openedAMinuteAgo(app.atoz.database.db), website: '', body: 'Call me on 020 7946 0958' }, memberToken)).text();
    const moderator = clientAs('moderator');
    const moderatorToken = await moderator.csrfToken('/moderation');
    const postId = /posts\/(\d+)/.exec(pageTypes.find((p) => p.name === 'post tools')!.path)![1];
    documents['post tools with errors'] = await (await moderator.post(`/moderation/posts/${postId}/suspend`, { until: '2001-01-01', reason: '' }, moderatorToken)).text();
    documents['member profile with errors'] = await (await member.post('/members/me/delete', { password: 'wrong password here' }, memberToken)).text();
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
  it("a member's first topic waits, a moderator edits and approves it, and the member sees it published with the note", async () => {
    const db = app.atoz.database.db;
    const newcomer = await seedUser(db, 'member');
    await makeMember(db, newcomer.id, 0, 'shymoth');
    const memberToken = (await createSessionStore(db).create(newcomer.id)).token;
    const memberContext = await browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    await memberContext.addCookies([{ name: SESSION_COOKIE, value: memberToken, url: server.url }]);
    const page: Page = await memberContext.newPage();
    // The form must have been open a few seconds before it is sent: give it an opening time from a minute ago.
    const started = await openedAMinuteAgo(db);
    await page.route('**/forums/living-with-scleroderma/new', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = new URLSearchParams(route.request().postData() ?? '');
      body.set('_started', started);
      await route.continue({ postData: body.toString() });
    });
    await page.goto(`${server.url}/forums/living-with-scleroderma`);
    await page.getByRole('link', { name: 'Start a new topic' }).click();
    await page.getByLabel('Title').fill('My first question');
    await page.getByLabel('Your message').fill('Does anyone else find mornings hardest?');
    await page.getByRole('button', { name: 'Post topic' }).click();
    await page.getByText('Your post waits for a moderator').waitFor();
    expect(await page.getByText('Only you can see this post for now').count()).toBe(1);
    const topicUrl = page.url().split('?')[0]!;

    const moderatorContext = await contextAs('moderator', VIEWPORTS.desktop, false);
    const mod = await moderatorContext.newPage();
    await mod.goto(`${server.url}/moderation`);
    await mod.getByRole('link', { name: 'My first question' }).click();
    await mod.getByRole('button', { name: 'Claim this item' }).click();
    await mod.getByText('You have claimed this item.').waitFor();
    await mod.getByLabel('Text of the post').fill('Does anyone else find the mornings hardest?');
    await mod.getByLabel('Reason for the edit').fill('added a word');
    await mod.getByRole('button', { name: 'Approve and publish' }).click();
    await mod.getByText('The post is published.').waitFor();

    await page.goto(topicUrl);
    expect(await page.getByText('Does anyone else find the mornings hardest?').count()).toBe(1);
    expect(await page.getByText('Edited by a moderator: added a word').count()).toBe(1);
    expect(await page.getByText('Only you can see this post for now').count()).toBe(0);
    await memberContext.close();
    await moderatorContext.close();
  }, 120_000);

  it('a member follows a topic; a moderator locks it from the topic page; the member sees it locked, with no reply form', async () => {
    const topicPath = pageTypes.find((p) => p.name === 'topic')!.path;
    const memberContext = await contextAs('member', VIEWPORTS.phone, false);
    const page = await memberContext.newPage();
    await page.goto(server.url + topicPath);
    await page.getByRole('button', { name: 'Follow this topic' }).click();
    await page.getByText('You follow this topic. We e-mail you each new reply.').waitFor();
    expect(await page.getByRole('button', { name: 'Stop following' }).count()).toBe(1);

    const moderatorContext = await contextAs('moderator', VIEWPORTS.desktop, false);
    const mod = await moderatorContext.newPage();
    await mod.goto(server.url + topicPath);
    await mod.getByLabel('Reason for locking it (optional)').fill('the question has been answered');
    await mod.getByRole('button', { name: 'Lock the topic' }).click();
    await mod.getByText('The topic is locked: nobody can reply any more.').waitFor();

    await page.goto(server.url + topicPath);
    expect(await page.getByText('This topic is locked: no new replies can be posted. Reason: the question has been answered').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Post reply' }).count()).toBe(0);
    await memberContext.close();
    await moderatorContext.close();
  }, 60_000);
});
