import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { createForums } from './forums.js';
import { guardFields, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('following a topic', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const asMember = async (approvedPosts = 10) => {
    const user = await seedUser(db(), 'member');
    const name = await makeMember(db(), user.id, approvedPosts);
    return { user, name, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const replyMails = (to: string) => db().selectFrom('mail_outbox').selectAll().where('to_address', '=', to).where('kind', '=', 'community-reply').orderBy('id').execute();
  const follow = async (client: SessionClient, topicId: number) => {
    const page = await (await client.get(`/forums/topics/${topicId}`)).text();
    expect(page).toContain(`action="/forums/topics/${topicId}/follow"`);
    return client.post(`/forums/topics/${topicId}/follow`, {}, csrfFrom(page));
  };
  const reply = async (client: SessionClient, topicId: number, body: string) =>
    client.post(`/forums/topics/${topicId}/reply`, { ...(await guardFields(db())), body }, csrfFrom(await (await client.get(`/forums/topics/${topicId}`)).text()));

  test('a new reply is e-mailed to each follower once, never to its writer; a held reply only when approved; unfollowing stops it', async () => {
    const opener = await asMember();
    const follower = await asMember();
    const { topicId } = await makeTopic(db(), opener.user.id, { title: 'Cold hands at work' });
    const followed = await follow(follower.client, topicId);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(`/forums/topics/${topicId}?notice=followed#follow`);
    const page = await (await follower.client.get(`/forums/topics/${topicId}?notice=followed`)).text();
    expect(page).toContain('You follow this topic. We e-mail you each new reply.');
    expect(page).toContain(`action="/forums/topics/${topicId}/unfollow"`);
    expect((await follow(opener.client, topicId)).status).toBe(303);

    // The opener replies: the follower is told, the opener (who follows too) is not told of their own reply.
    expect((await reply(opener.client, topicId, 'Heated gloves helped me')).status).toBe(303);
    const [mail] = await replyMails(follower.user.email);
    expect(mail?.subject).toBe('New reply in “Cold hands at work”');
    expect(mail!.text_body).toContain(`${opener.name} replied in “Cold hands at work”`);
    expect(mail!.text_body).toContain('Heated gloves helped me');
    expect(mail!.text_body).toMatch(/\/forums\/unfollow\/\d+\.\d+\.[A-Za-z0-9_-]{43}/);
    expect(JSON.parse(mail!.headers)).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(await replyMails(opener.user.email)).toEqual([]);

    // A new member's reply is held: nobody hears of it until a moderator approves it, then once.
    const newcomer = await asMember(0);
    const held = await reply(newcomer.client, topicId, 'My first post here');
    expect(held.headers.get('location')).toContain('notice=held');
    expect(await replyMails(follower.user.email)).toHaveLength(1);
    const postId = Number(/#post-(\d+)/.exec(held.headers.get('location')!)![1]);
    const moderator = await seedUser(db(), 'moderator');
    const mod = await SessionClient.signedInAs(t, db(), moderator.id);
    const token = csrfFrom(await (await mod.get(`/moderation/${postId}`)).text());
    expect((await mod.post(`/moderation/${postId}/approve`, { body: 'My first post here', reason: '' }, token)).status).toBe(303);
    expect((await replyMails(follower.user.email)).map((m) => m.text_body.includes('My first post here'))).toEqual([false, true]);
    expect(await replyMails(opener.user.email)).toHaveLength(1);
    // Hidden and shown again, then flagged and approved again: still one e-mail each.
    await mod.post(`/moderation/posts/${postId}/hide`, { reason: 'checking' }, token);
    await mod.post(`/moderation/posts/${postId}/unhide`, {}, token);
    await db().insertInto('forum_flags').values({ post_id: postId, user_id: follower.user.id, reason: 'spam', note: '', created_at: new Date().toISOString(), resolved_at: null }).execute();
    expect((await mod.post(`/moderation/${postId}/approve`, { body: 'My first post here', reason: '' }, token)).status).toBe(303);
    expect(await replyMails(follower.user.email)).toHaveLength(2);

    const unfollowed = await follower.client.post(`/forums/topics/${topicId}/unfollow`, {}, csrfFrom(await (await follower.client.get(`/forums/topics/${topicId}`)).text()));
    expect(unfollowed.headers.get('location')).toBe(`/forums/topics/${topicId}?notice=unfollowed#follow`);
    await reply(opener.client, topicId, 'Anyone else?');
    expect(await replyMails(follower.user.email)).toHaveLength(2);
  });

  test("the e-mail's unfollow link asks, then unfollows without a session or form token; a forged link does nothing", async () => {
    const opener = await asMember();
    const follower = await asMember();
    const { topicId } = await makeTopic(db(), opener.user.id, { title: 'Shoes for sore feet' });
    await follow(follower.client, topicId);
    await reply(opener.client, topicId, 'Soft soles are kind');
    const link = /http:\/\/atoz\.test(\/forums\/unfollow\/[^\s]+)/.exec((await replyMails(follower.user.email))[0]!.text_body)![1]!;
    const anonymous = new SessionClient(t);
    const ask = await anonymous.get(link);
    expect(ask.status).toBe(200);
    expect(ask.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await ask.text()).toContain('Stop the e-mails about new replies in “Shoes for sore feet”?');
    const forged = link.replace(/\.(\d+)\./, (_, id) => `.${Number(id) + 1}.`);
    expect((await anonymous.request(forged, { method: 'POST' })).status).toBe(404);
    expect(await db().selectFrom('forum_follows').select('user_id').where('topic_id', '=', topicId).where('user_id', '=', follower.user.id).executeTakeFirst()).toBeDefined();
    const done = await anonymous.request(link, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You no longer follow “Shoes for sore feet”');
    expect(await db().selectFrom('forum_follows').select('user_id').where('topic_id', '=', topicId).where('user_id', '=', follower.user.id).executeTakeFirst()).toBeUndefined();
  });

  test('the member’s page lists the topics they follow, marked new since their last visit; their data download includes them', async () => {
    const opener = await asMember();
    const follower = await asMember();
    const { topicId } = await makeTopic(db(), opener.user.id, { title: 'Sleeping with sore joints' });
    await follow(follower.client, topicId);
    await follower.client.get(`/forums/topics/${topicId}`);
    const before = await (await follower.client.get('/members/me')).text();
    expect(before).toContain('Sleeping with sore joints');
    expect(before).not.toContain('badge-new');
    await new Promise((r) => setTimeout(r, 5));
    await db().transaction().execute((tx) => createForums(db()).createReply(tx, { topicId, authorId: opener.user.id, body: 'A pillow between the knees', held: false, reason: null, matches: [], urgent: false }));
    expect(await (await follower.client.get('/members/me')).text()).toMatch(/Sleeping with sore joints<\/a><span class="badge badge-new">New<\/span>/);
    const data = JSON.parse(await (await follower.client.get('/members/me/data')).text());
    expect(data.topicsFollowed).toEqual([{ topicId, since: expect.any(String) }]);
  });
});
