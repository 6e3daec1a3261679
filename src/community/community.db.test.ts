import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { XSS_PAYLOADS } from '../editing/test-support/xss-payloads.js';
import { createForums } from './forums.js';
import { loadCommunitySettings, saveCommunitySettings } from './settings.js';
import { unescape } from '../editing/test-support/form-html.js';
import { guardFields, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();
const PASSWORD = 'lantern otter quarry 31';

describe.skipIf(skip)('the community', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const form = async (client: SessionClient, path: string, fields: Record<string, string>, csrfPage: string) => {
    const token = csrfFrom(await (await client.get(csrfPage)).text());
    return client.post(path, { ...(await guardFields(db())), ...fields }, token);
  };
  const lastMail = (to: string) => db().selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirst();
  const asMember = async (approvedPosts = 10) => {
    const user = await seedUser(db(), 'member');
    const name = await makeMember(db(), user.id, approvedPosts);
    return { user, name, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const asModerator = async () => {
    const user = await seedUser(db(), 'moderator');
    return { user, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const firstCategory = async () => (await db().selectFrom('forum_categories').selectAll().where('visibility', '=', 'public').orderBy('position').executeTakeFirstOrThrow()).slug;

  test('the demo ships categories with descriptions and no posts, and the header links to the forums', async () => {
    const categories = await db().selectFrom('forum_categories').selectAll().orderBy('position').execute();
    expect(categories.map((c) => [c.slug, c.visibility])).toEqual([
      ['living-with-scleroderma', 'public'],
      ['questions-about-the-directory', 'public'],
      ['members-lounge', 'members'],
    ]);
    expect(categories.every((c) => c.description.length > 20)).toBe(true);
    const page = await (await t.request('/forums')).text();
    expect(page).toContain('href="/forums"');
    expect(page).toContain('Living with scleroderma');
    expect(page).not.toContain("Members' lounge"); // members-only: not listed to anonymous readers
    const empty = await (await t.request('/forums/living-with-scleroderma')).text();
    expect(empty).toContain('Nobody has started a topic here yet');
  });

  test('sign up, confirm the address by e-mail, and arrive signed in as a member', async () => {
    const client = new SessionClient(t);
    const email = `river-${Date.now()}@example.org`;
    const sent = await form(client, '/join', { displayName: 'quietheron', email, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Check your e-mail');
    const mail = await lastMail(email);
    expect(mail?.kind).toBe('community-signup');
    const link = /http:\/\/atoz\.test(\/join\/verify\/[A-Za-z0-9_-]{43})/.exec(mail!.text_body)![1]!;
    // No account until the link is used.
    expect(await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    const confirm = await client.get(link);
    expect(confirm.status).toBe(200);
    const done = await client.post(link, {}, csrfFrom(await confirm.text()));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/forums?notice=welcome');
    const user = await db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(user.role).toBe('member');
    const welcome = await (await client.get('/forums?notice=welcome')).text();
    expect(welcome).toContain('Welcome! You are now a member.');
    expect(welcome).toContain('quietheron');
    // The link works once.
    expect((await client.get(link)).status).toBe(410);
    // Signing in again later lands on the forums, not on the editors' dashboard.
    const again = new SessionClient(t);
    const signedIn = await again.login(email, PASSWORD);
    expect(signedIn.headers.get('location')).toBe('/forums');
  });

  test('sign-up refuses weak passwords, bots and taken names, warns about real names, and keeps what was typed', async () => {
    const client = new SessionClient(t);
    const email = `wren-${Date.now()}@example.org`;
    const weak = await form(client, '/join', { displayName: 'smallwren', email, password: 'password123', 'password-confirm': 'password123' }, '/join');
    expect(weak.status).toBe(400);
    const weakPage = await weak.text();
    expect(weakPage).toContain('value="smallwren"');
    expect(weakPage).toContain(`value="${email}"`);

    const real = await form(client, '/join', { displayName: 'Maria Lopez', email, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(real.status).toBe(400);
    expect(await real.text()).toContain('looks like a person’s real name');
    const kept = await form(client, '/join', { displayName: 'Maria Lopez', keepName: '1', email, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(kept.status).toBe(200);

    const token = csrfFrom(await (await client.get('/join')).text());
    const bot = await client.post('/join', { ...(await guardFields(db())), website: 'http://spam.test', displayName: 'botname', email: `bot-${Date.now()}@example.org`, password: PASSWORD, 'password-confirm': PASSWORD }, token);
    expect(bot.status).toBe(400);
    const hurried = await client.post('/join', { displayName: 'hurried', email: `fast-${Date.now()}@example.org`, password: PASSWORD, 'password-confirm': PASSWORD }, token);
    expect(hurried.status).toBe(400);
    expect(await hurried.text()).toContain('faster than anyone can type');

    const { name } = await asMember();
    const taken = await form(client, '/join', { displayName: name.toUpperCase(), keepName: '1', email: `taken-${Date.now()}@example.org`, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Another member already uses this display name');
  });

  test('signing up with an address that has an account says the same, and e-mails its owner instead', async () => {
    const existing = await seedUser(db(), 'editor');
    const client = new SessionClient(t);
    const res = await form(client, '/join', { displayName: 'latecomer', email: existing.email, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your e-mail');
    expect((await lastMail(existing.email))?.kind).toBe('community-signup-existing');
  });

  test("a member's first post is held; the moderator edits and approves it; then everyone sees it, marked as edited", async () => {
    const { client, user } = await asMember(0);
    const slug = await firstCategory();
    const res = await form(client, `/forums/${slug}/new`, { title: 'Warm hands in winter', body: 'My fingers go white in the cold. What helps you?' }, `/forums/${slug}/new`);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/forums\/topics\/\d+\?notice=held#post-\d+$/);
    const topicPath = location.split('?')[0]!;
    const postId = Number(/#post-(\d+)/.exec(location)![1]);
    const own = await (await client.get(location.split('#')[0]!)).text();
    expect(own).toContain('Your post waits for a moderator');
    expect(own).toContain('Only you can see this post for now');
    expect((await t.request(topicPath)).status).toBe(404);

    const moderator = await asModerator();
    const queue = await (await moderator.client.get('/moderation')).text();
    expect(queue).toContain('Warm hands in winter');
    expect(queue).toContain('Held because: one of a new member’s first posts');
    const itemPage = await moderator.client.get(`/moderation/${postId}`);
    const token = csrfFrom(await itemPage.text());
    expect((await moderator.client.post(`/moderation/${postId}/claim`, {}, token)).status).toBe(303);
    // Another moderator cannot act while the claim is fresh.
    const other = await asModerator();
    const refused = await other.client.post(`/moderation/${postId}/approve`, { body: 'x', reason: 'y' }, csrfFrom(await (await other.client.get(`/moderation/${postId}`)).text()));
    expect(refused.status).toBe(409);
    // Editing needs a reason.
    const noReason = await moderator.client.post(`/moderation/${postId}/approve`, { body: 'My fingers go white in the cold. What helps?', reason: '' }, token);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('value=""');
    const approved = await moderator.client.post(`/moderation/${postId}/approve`, { body: 'My fingers go white in the cold. What helps?', reason: 'shortened the question' }, token);
    expect(approved.status).toBe(303);
    const published = await (await t.request(topicPath)).text();
    expect(published).toContain('My fingers go white in the cold. What helps?');
    expect(published).toContain('Edited by a moderator: shortened the question');
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_user_id']).where('subject_type', '=', 'forum_post').where('subject_id', '=', String(postId)).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'community.post_claimed', actor_user_id: moderator.user.id },
      { action: 'community.post_edited_approved', actor_user_id: moderator.user.id },
    ]);
    expect((await db().selectFrom('community_members').select('approved_posts').where('user_id', '=', user.id).executeTakeFirstOrThrow()).approved_posts).toBe(1);
    expect(await (await moderator.client.get('/moderation')).text()).not.toContain('Warm hands in winter');
  });

  test('a post with crisis words shows the writer the crisis text and helplines at once, and is urgent at the top of the queue', async () => {
    const early = await asMember(10);
    const slug = await firstCategory();
    await form(early.client, `/forums/${slug}/new`, { title: 'A question about shoes', body: 'Which shoes are kind to sore feet? https://example.org' }, `/forums/${slug}/new`);
    const { client } = await asMember(10);
    const res = await form(client, `/forums/${slug}/new`, { title: 'A bad week', body: 'Some nights I want to end my life.' }, `/forums/${slug}/new`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('notice=held&crisis=1');
    const page = await (await client.get(res.headers.get('location')!.split('#')[0]!)).text();
    expect(page).toContain('You do not have to face this alone');
    expect(page).toContain('call your local emergency');
    expect(page).toContain('+1 555 0100'); // the site's helpline, from the settings
    const moderator = await asModerator();
    const queue = await (await moderator.client.get('/moderation')).text();
    const items = [...queue.matchAll(/<li class="(queue-item[^"]*)">[\s\S]*?<a [^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(items[0]).toEqual(['queue-item urgent', 'A bad week']);
  });

  test('an urgent post alerts the moderators on call at once, with a link to the queue item and without the post’s words', async () => {
    const moderator = await asModerator();
    const slug = await firstCategory();
    const { client } = await asMember(10);
    const res = await form(client, `/forums/${slug}/new`, { title: 'Too much tonight', body: 'I want to die, I cannot go on.' }, `/forums/${slug}/new`);
    expect(res.status).toBe(303);
    const post = await db().selectFrom('forum_posts').innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id').select('forum_posts.id').where('forum_topics.title', '=', 'Too much tonight').executeTakeFirstOrThrow();
    const alert = await lastMail(moderator.user.email);
    expect(alert).toMatchObject({ kind: 'community-urgent', dedupe_key: `community-urgent:${post.id}:${moderator.user.email}` });
    expect(alert!.subject).toContain('Urgent');
    expect(alert!.text_body).toContain(`http://atoz.test/moderation/${post.id}`);
    expect(alert!.text_body).toContain('“Too much tonight”');
    expect(alert!.text_body).not.toContain('cannot go on');
    // Members are not told.
    const member = await db().selectFrom('users').select('email').where('role', '=', 'member').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((await db().selectFrom('mail_outbox').select('id').where('kind', '=', 'community-urgent').where('to_address', '=', member.email).execute())).toEqual([]);

    // With on-call addresses set, only they are alerted.
    const before = await loadCommunitySettings(db());
    await saveCommunitySettings(db(), { ...before, crisisNotify: ['on-call@example.org'] });
    try {
      const again = await form(client, `/forums/${slug}/new`, { title: 'Still too much', body: 'I still want to die.' }, `/forums/${slug}/new`);
      expect(again.status).toBe(303);
      const second = await db().selectFrom('forum_posts').innerJoin('forum_topics', 'forum_topics.id', 'forum_posts.topic_id').select('forum_posts.id').where('forum_topics.title', '=', 'Still too much').executeTakeFirstOrThrow();
      const alerts = await db().selectFrom('mail_outbox').select(['to_address']).where('dedupe_key', 'like', `community-urgent:${second.id}:%`).execute();
      expect(alerts).toEqual([{ to_address: 'on-call@example.org' }]);
    } finally {
      await saveCommunitySettings(db(), before);
    }
  });

  test('the settings form as a browser sends it keeps every field: crisis phrases, watched words, on-call addresses', async () => {
    const admin = await seedUser(db(), 'admin');
    const client = await SessionClient.signedInAs(t, db(), admin.id);
    const before = await loadCommunitySettings(db());
    try {
      const html = await (await client.get('/admin/community')).text();
      // Every field under the name the form gives it, with what the page shows in it.
      const fields: Record<string, string> = {};
      for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]!] = unescape(m[2]!);
      for (const m of html.matchAll(/<input([^>]*)>/g)) {
        const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
        const type = /type="([^"]+)"/.exec(m[1]!)?.[1] ?? 'text';
        if (!name || name === 'q' || ((type === 'radio' || type === 'checkbox') && !/checked/.test(m[1]!))) continue;
        fields[name] = unescape(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '');
      }
      expect(fields.crisisPhrases).toContain('end my life');
      fields.crisisNotify = 'Rota@Example.org\nnot an address';
      const bad = await client.post('/admin/community', fields, fields._csrf);
      expect(bad.status).toBe(400);
      const badPage = await bad.text();
      expect(badPage).toContain('This is not an e-mail address: not an address');
      expect(badPage).toContain('Rota@Example.org');
      fields.crisisNotify = 'Rota@Example.org';
      expect((await client.post('/admin/community', fields, fields._csrf)).status).toBe(303);
      const saved = await loadCommunitySettings(db());
      expect(saved.crisisPhrases).toEqual(before.crisisPhrases);
      expect(saved.crisisText).toBe(before.crisisText.trim());
      expect(saved.watchedWords).toEqual(before.watchedWords);
      expect(saved.crisisNotify).toEqual(['Rota@example.org']);
    } finally {
      await saveCommunitySettings(db(), before);
    }
  });

  test('personal details: the member is asked to remove them, keeps the text, and may post anyway (then it is held)', async () => {
    const { client } = await asMember(10);
    const author = await asMember(10);
    const { topicId } = await makeTopic(db(), author.user.id);
    const body = 'Ring me on 020 7946 0958 or write to me at jo@example.org';
    const asked = await form(client, `/forums/topics/${topicId}/reply`, { body }, `/forums/topics/${topicId}`);
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('Personal details in your post');
    expect(page).toContain('020 7946 0958');
    expect(page).toContain(body);
    const posted = await form(client, `/forums/topics/${topicId}/reply`, { body, privacyConfirmed: '1' }, `/forums/topics/${topicId}`);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toContain('notice=held');
    const held = await db().selectFrom('forum_posts').select(['status', 'hold_reason']).where('topic_id', '=', topicId).where('is_opening', '=', 0).executeTakeFirstOrThrow();
    expect(held).toEqual({ status: 'held', hold_reason: 'personal-data' });
  });

  test('watched words block, and a rejected post e-mails the writer a canned reply with their text', async () => {
    await saveCommunitySettings(db(), { watchedWords: [{ word: 'cheap pills', action: 'block' }], crisisPhrases: ['end my life', 'want to die', 'kill myself'], crisisText: 'Call your local emergency number.' });
    const { client, user } = await asMember(10);
    const author = await asMember(10);
    const { topicId } = await makeTopic(db(), author.user.id);
    const blocked = await form(client, `/forums/topics/${topicId}/reply`, { body: 'Buy cheap pills here' }, `/forums/topics/${topicId}`);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('Buy cheap pills here');
    await saveCommunitySettings(db(), { watchedWords: [{ word: 'miracle', action: 'hold' }], crisisPhrases: ['end my life', 'want to die', 'kill myself'], crisisText: 'Call your local emergency number.' });
    const held = await form(client, `/forums/topics/${topicId}/reply`, { body: 'This miracle diet cured me' }, `/forums/topics/${topicId}`);
    const postId = Number(/#post-(\d+)/.exec(held.headers.get('location')!)![1]);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/${postId}`)).text());
    const noReply = await moderator.client.post(`/moderation/${postId}/reject`, {}, token);
    expect(noReply.status).toBe(400);
    expect((await moderator.client.post(`/moderation/${postId}/reject`, { reply: 'medical-claim' }, token)).status).toBe(303);
    const mail = await lastMail(user.email);
    expect(mail?.kind).toBe('community-rejected');
    expect(mail!.text_body).toContain('claims that a treatment cures');
    expect(mail!.text_body).toContain('This miracle diet cured me');
  });

  test('flags from several members make one queue item, which holds the post at the threshold', async () => {
    const author = await asMember(10);
    const { topicId } = await makeTopic(db(), author.user.id);
    const reply = await form(author.client, `/forums/topics/${topicId}/reply`, { body: 'Reply that others report' }, `/forums/topics/${topicId}`);
    const postId = Number(/#post-(\d+)/.exec(reply.headers.get('location')!)![1]);
    for (let i = 0; i < 3; i++) {
      const { client } = await asMember(10);
      const flagPage = await client.get(`/forums/posts/${postId}/flag`);
      expect(flagPage.status).toBe(200);
      const res = await client.post(`/forums/posts/${postId}/flag`, { reason: i === 0 ? 'misinformation' : 'spam', note: i === 0 ? 'says stop medicine' : '' }, csrfFrom(await flagPage.text()));
      expect(res.status).toBe(303);
    }
    const post = await db().selectFrom('forum_posts').select(['status', 'hold_reason']).where('id', '=', postId).executeTakeFirstOrThrow();
    expect(post).toEqual({ status: 'held', hold_reason: 'flagged' });
    const moderator = await asModerator();
    const queue = await (await moderator.client.get('/moderation')).text();
    expect(queue.match(/Reply that others report|3 reports/g)?.filter((m) => m === '3 reports').length).toBe(1);
    const item = await (await moderator.client.get(`/moderation/${postId}`)).text();
    expect(item).toContain('Health misinformation');
    expect(item).toContain('says stop medicine');
  });

  test('members-only categories: never in the sitemap, sign-in needed, noindex for those who read them', async () => {
    const sitemap = await (await t.request('/sitemap.xml')).text();
    expect(sitemap).toContain('/forums/living-with-scleroderma');
    expect(sitemap).not.toContain('members-lounge');
    const members = await makeTopic(db(), (await seedUser(db(), 'member')).id, { visibility: 'members', title: 'Private chat' });
    expect(await (await t.request('/sitemap.xml')).text()).not.toContain(`/forums/topics/${members.topicId}<`);
    expect((await t.request('/forums/members-lounge')).status).toBe(303);
    expect((await t.request(`/forums/topics/${members.topicId}`)).status).toBe(303);
    const { client } = await asMember();
    const res = await client.get(`/forums/topics/${members.topicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(await res.text()).toContain('<meta name="robots" content="noindex"/>');
  });

  test('new since your last visit, quoting, pagination and [[Page Title]] links', async () => {
    const author = await asMember(10);
    const reader = await asMember(10);
    const { topicId, slug } = await makeTopic(db(), author.user.id, { body: 'See [[Raynaud phenomenon]] and [[No Such Page Here]].' });
    const first = await (await reader.client.get(`/forums/topics/${topicId}`)).text();
    expect(first).toMatch(/<a href="\/directory\/[a-z-]+"[^>]*>Raynaud phenomenon<\/a>|class="wanted"/);
    expect(first).toContain('No Such Page Here<span class="wanted-note">');
    expect(await (await reader.client.get(`/forums/${slug}`)).text()).not.toContain('badge-new');
    for (let i = 1; i <= 21; i++) {
      await db().transaction().execute((tx) => createForums(db()).createReply(tx, { topicId, authorId: author.user.id, body: `Reply number ${i}`, held: false, reason: null, matches: [], urgent: false }));
    }
    expect(await (await reader.client.get(`/forums/${slug}`)).text()).toContain('badge-new');
    const page2 = await (await reader.client.get(`/forums/topics/${topicId}?page=2`)).text();
    expect(page2).toContain('Reply number 21');
    expect(page2).not.toContain('Reply number 19<');
    expect((await reader.client.get(`/forums/topics/${topicId}?page=3`)).status).toBe(404);
    const quoteId = (await db().selectFrom('forum_posts').select('id').where('topic_id', '=', topicId).where('body', '=', 'Reply number 21').executeTakeFirstOrThrow()).id;
    const quoted = await (await reader.client.get(`/forums/topics/${topicId}?page=2&quote=${quoteId}`)).text();
    expect(quoted).toContain(`&gt; **${author.name}**:\n&gt; Reply number 21`);
  });

  test('hostile text in topic titles, posts and display names renders harmless', async () => {
    const author = await asMember(10);
    const hostileName = '<img src=x onerror=alert(1)>';
    await db().updateTable('community_members').set({ display_name: hostileName }).where('user_id', '=', author.user.id).execute();
    const slug = await firstCategory();
    const res = await form(author.client, `/forums/${slug}/new`, { title: '<script>alert(1)</script> "><svg onload=alert(1)>', body: XSS_PAYLOADS.map((p) => p.markdown).join('\n\n') }, `/forums/${slug}/new`);
    expect(res.status).toBe(303);
    const topicPath = res.headers.get('location')!.split('?')[0]!;
    for (const html of [await (await t.request(topicPath)).text(), await (await t.request(`/forums/${slug}`)).text()]) {
      expect(unsafeMarkup(html)).toEqual([]);
    }
    // The check itself finds what it looks for.
    expect(unsafeMarkup('<p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a><script>alert(1)</script></p>')).toEqual(['<img>', 'img onerror', 'a href=javascript:alert(1)', '<script>']);
    expect(await (await t.request(topicPath)).text()).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // And sign-up never accepts markup as a display name.
    const client = new SessionClient(t);
    const refused = await form(client, '/join', { displayName: hostileName, email: `x-${Date.now()}@example.org`, password: PASSWORD, 'password-confirm': PASSWORD }, '/join');
    expect(refused.status).toBe(400);
  });

  test('a member changes their display name, downloads their data, and deletes the account keeping posts as "a former member"', async () => {
    const { client, user } = await asMember(10);
    const author = await asMember(10);
    const { topicId } = await makeTopic(db(), author.user.id);
    await form(client, `/forums/topics/${topicId}/reply`, { body: 'A reply I may keep' }, `/forums/topics/${topicId}`);
    const page = await client.get('/members/me');
    const token = csrfFrom(await page.text());
    const renamed = await client.post('/members/me/name', { displayName: 'bluefinch' }, token);
    expect(renamed.status).toBe(303);
    expect(await (await client.get(`/forums/topics/${topicId}`)).text()).toContain('bluefinch');
    const data = await client.get('/members/me/data');
    expect(data.headers.get('content-disposition')).toContain('attachment');
    const json = JSON.parse(await data.text());
    expect(json.account).toMatchObject({ email: user.email, displayName: 'bluefinch' });
    expect(json.posts.map((p: { body: string }) => p.body)).toEqual(['A reply I may keep']);
    const wrong = await client.post('/members/me/delete', { posts: 'keep', password: 'not my password at all' }, token);
    expect(wrong.status).toBe(400);
    const deleted = await client.post('/members/me/delete', { posts: 'keep', password: TEST_PASSWORD }, token);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('Your posts stay, signed “a former member”');
    expect(await db().selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst()).toBeUndefined();
    const topic = await (await t.request(`/forums/topics/${topicId}`)).text();
    expect(topic).toContain('A reply I may keep');
    expect(topic).toContain('a former member');
    expect(topic).not.toContain('bluefinch');
  });

  test('deleting with "remove" deletes the replies and the topics nobody else answered', async () => {
    const { client, user } = await asMember(10);
    const slug = await firstCategory();
    const alone = await form(client, `/forums/${slug}/new`, { title: 'Nobody answered this', body: 'Lonely opening post' }, `/forums/${slug}/new`);
    const aloneId = Number(/topics\/(\d+)/.exec(alone.headers.get('location')!)![1]);
    const other = await asMember(10);
    const { topicId } = await makeTopic(db(), other.user.id);
    await form(client, `/forums/topics/${topicId}/reply`, { body: 'A reply I will remove' }, `/forums/topics/${topicId}`);
    const token = csrfFrom(await (await client.get('/members/me')).text());
    expect((await client.post('/members/me/delete', { password: TEST_PASSWORD }, token)).status).toBe(400);
    expect((await client.post('/members/me/delete', { posts: 'remove', password: TEST_PASSWORD }, token)).status).toBe(200);
    expect(await db().selectFrom('forum_topics').select('id').where('id', '=', aloneId).executeTakeFirst()).toBeUndefined();
    expect(await (await t.request(`/forums/topics/${topicId}`)).text()).not.toContain('A reply I will remove');
    expect(await db().selectFrom('forum_posts').select('id').where('author_id', '=', user.id).executeTakeFirst()).toBeUndefined();
  });

  test('an admin sets the watched words and numbers at /admin/community; a bad value comes back with everything typed', async () => {
    const admin = await seedUser(db(), 'admin');
    const client = await SessionClient.signedInAs(t, db(), admin.id);
    const page = await client.get('/admin/community');
    expect(page.status).toBe(200);
    const token = csrfFrom(await page.text());
    const fields = { firstPostsHeld: '2', newMemberDays: '3', flagThreshold: '4', crisisAction: 'post', crisisPhrases: 'end my life\nkill myself', crisisText: 'Call your local emergency number.', blockWords: 'casino bonus', holdWords: 'wonder cure', replaceWords: 'darn = ***', guidelines: 'Be kind.' };
    const bad = await client.post('/admin/community', { ...fields, flagThreshold: 'lots', replaceWords: 'no equals sign' }, token);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('Enter a whole number from 1 to 100');
    expect(badPage).toContain('This line has no equals sign');
    expect(badPage).toContain('wonder cure');
    expect((await client.post('/admin/community', fields, token)).status).toBe(303);
    const saved = await db().selectFrom('settings').select('value').where('key', '=', 'community').executeTakeFirstOrThrow();
    expect(JSON.parse(saved.value)).toMatchObject({ firstPostsHeld: 2, flagThreshold: 4, crisisAction: 'post', watchedWords: [{ word: 'casino bonus', action: 'block' }, { word: 'wonder cure', action: 'hold' }, { word: 'darn', action: 'replace', replacement: '***' }] });
    const { client: member } = await asMember(10);
    const other = await asMember(10);
    const { topicId } = await makeTopic(db(), other.user.id);
    const held = await form(member, `/forums/topics/${topicId}/reply`, { body: 'Is this a wonder cure?' }, `/forums/topics/${topicId}`);
    expect(held.headers.get('location')).toContain('notice=held');
    expect((await db().selectFrom('audit_log').select('action').where('action', '=', 'community.settings_changed').where('actor_user_id', '=', admin.id).execute()).length).toBe(1);
  });

  test('a person may hold several roles: an editor who also moderates opens the queue and keeps the dashboard', async () => {
    const editor = await seedUser(db(), 'editor');
    const client = await SessionClient.signedInAs(t, db(), editor.id);
    expect((await client.get('/moderation')).status).toBe(403);
    await db().insertInto('user_roles').values({ user_id: editor.id, role: 'moderator', granted_at: new Date().toISOString() }).execute();
    expect((await client.get('/moderation')).status).toBe(200);
    expect((await client.get('/dashboard')).status).toBe(200);
  });
});

/** Every tag or attribute of a page that could run script or load from elsewhere, besides the page's own scripts and JSON-LD. */
function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const tag = m[1]!.toLowerCase();
    const attributes = [...m[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as const);
    const own = tag === 'script' && attributes.some(([n, v]) => (n === 'src' && v.startsWith('/assets/')) || (n === 'type' && v === 'application/ld+json'));
    if (['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'base', 'form'].includes(tag) && !own && tag !== 'form') found.push(`<${tag}>`);
    if (tag === 'form' && attributes.some(([n, v]) => n === 'action' && !v.startsWith('/'))) found.push(`<form action=${attributes.find(([n]) => n === 'action')?.[1]}>`);
    for (const [name, value] of attributes) {
      if (name.startsWith('on')) found.push(`${tag} ${name}`);
      if ((name === 'href' || name === 'src' || name === 'action') && /^\s*(javascript|data|vbscript):|^\/\//i.test(value.replace(/&#x?[0-9a-f]+;/gi, ''))) found.push(`${tag} ${name}=${value}`);
    }
  }
  return found;
}
