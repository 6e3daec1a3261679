import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { createForums } from './forums.js';
import { guardFields, makeHeldPost, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)("moderators' tools on published posts and topics", () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const asMember = async () => {
    const user = await seedUser(db(), 'member');
    const name = await makeMember(db(), user.id, 10);
    return { user, name, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const asModerator = async () => {
    const user = await seedUser(db(), 'moderator');
    return { user, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const auditOf = (type: string, id: number) => db().selectFrom('audit_log').select(['action', 'actor_user_id', 'details']).where('subject_type', '=', type).where('subject_id', '=', String(id)).orderBy('id').execute();

  test('a moderator hides a published post from the topic page (a reason is required and shown in its place), then shows it again', async () => {
    const author = await asMember();
    const { topicId, postId } = await makeTopic(db(), author.user.id, { body: 'Buy my supplements at a discount' });
    const moderator = await asModerator();
    const topicPage = await (await moderator.client.get(`/forums/topics/${topicId}`)).text();
    expect(topicPage).toContain(`href="/moderation/posts/${postId}"`);
    // Members see no moderator tools.
    expect(await (await author.client.get(`/forums/topics/${topicId}`)).text()).not.toContain('/moderation/');
    const tools = await moderator.client.get(`/moderation/posts/${postId}`);
    expect(tools.status).toBe(200);
    const token = csrfFrom(await tools.text());
    const noReason = await moderator.client.post(`/moderation/posts/${postId}/hide`, { reason: '  ' }, token);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Say why the post is hidden');
    const hidden = await moderator.client.post(`/moderation/posts/${postId}/hide`, { reason: 'advertising', back: 'topic' }, token);
    expect(hidden.status).toBe(303);
    expect(hidden.headers.get('location')).toBe(`/forums/topics/${topicId}?notice=hidden`);
    const reader = await (await t.request(`/forums/topics/${topicId}`)).text();
    expect(reader).toContain('This post was hidden by a moderator: advertising');
    expect(reader).not.toContain('Buy my supplements');
    // Hiding twice changes nothing and says so.
    expect((await moderator.client.post(`/moderation/posts/${postId}/hide`, { reason: 'again' }, token)).status).toBe(409);
    const shown = await moderator.client.post(`/moderation/posts/${postId}/unhide`, {}, token);
    expect(shown.headers.get('location')).toBe(`/moderation/posts/${postId}?notice=unhidden`);
    expect(await (await t.request(`/forums/topics/${topicId}`)).text()).toContain('Buy my supplements');
    expect((await auditOf('forum_post', postId)).map((a) => [a.action, a.actor_user_id])).toEqual([
      ['community.post_hidden', moderator.user.id],
      ['community.post_unhidden', moderator.user.id],
    ]);
    const history = await (await moderator.client.get(`/moderation/posts/${postId}`)).text();
    expect(history).toMatch(/hid it — <bdi>advertising<\/bdi>/);
    expect(history).toContain('showed it again');
  });

  test('a moderator edits a published post; the reason is required, and the post says it was edited', async () => {
    const author = await asMember();
    const { topicId, postId } = await makeTopic(db(), author.user.id, { body: 'Call me on my mobile any time' });
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/posts/${postId}`)).text());
    const noReason = await moderator.client.post(`/moderation/posts/${postId}/edit`, { body: 'Write to me here any time', reason: '' }, token);
    expect(noReason.status).toBe(400);
    const kept = await noReason.text();
    expect(kept).toContain('Write to me here any time');
    expect(kept).toContain('say why, for the writer and the readers');
    const edited = await moderator.client.post(`/moderation/posts/${postId}/edit`, { body: 'Write to me here any time', reason: 'removed a phone number' }, token);
    expect(edited.status).toBe(303);
    const page = await (await t.request(`/forums/topics/${topicId}`)).text();
    expect(page).toContain('Write to me here any time');
    expect(page).toContain('Edited by a moderator: removed a phone number');
    expect((await auditOf('forum_post', postId)).map((a) => [a.action, JSON.parse(a.details).editReason])).toEqual([['community.post_edited', 'removed a phone number']]);
  });

  test('a locked topic takes no replies and says so; a reply sent anyway comes back with its text; unlocking opens it again', async () => {
    const author = await asMember();
    const { topicId, postId } = await makeTopic(db(), author.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/forums/topics/${topicId}`)).text());
    const replyToken = csrfFrom(await (await author.client.get(`/forums/topics/${topicId}`)).text());
    const locked = await moderator.client.post(`/moderation/topics/${topicId}/lock`, { reason: 'the question has been answered', back: 'topic' }, token);
    expect(locked.headers.get('location')).toBe(`/forums/topics/${topicId}?notice=locked`);
    const page = await (await author.client.get(`/forums/topics/${topicId}`)).text();
    expect(page).toContain('This topic is locked: no new replies can be posted. Reason: the question has been answered');
    expect(page).not.toContain(`action="/forums/topics/${topicId}/reply"`);
    const refused = await author.client.post(`/forums/topics/${topicId}/reply`, { ...(await guardFields(db())), body: 'One more thing to add' }, replyToken);
    expect(refused.status).toBe(409);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('A moderator locked this topic');
    expect(refusedPage).toContain('One more thing to add');
    expect(await db().selectFrom('forum_posts').select('id').where('topic_id', '=', topicId).where('body', '=', 'One more thing to add').executeTakeFirst()).toBeUndefined();
    expect((await moderator.client.post(`/moderation/topics/${topicId}/unlock`, { post: String(postId) }, token)).headers.get('location')).toBe(`/moderation/posts/${postId}?notice=unlocked`);
    const again = await author.client.post(`/forums/topics/${topicId}/reply`, { ...(await guardFields(db())), body: 'One more thing to add' }, replyToken);
    expect(again.status).toBe(303);
    expect((await auditOf('forum_topic', topicId)).map((a) => a.action)).toEqual(['community.topic_locked', 'community.topic_unlocked']);
    // The topic's history shows on the tools page of each of its posts.
    expect(await (await moderator.client.get(`/moderation/posts/${postId}`)).text()).toMatch(/locked the topic — <bdi>the question has been answered<\/bdi>/);
  });

  test('a moderator splits a topic at a reply: it and every later post open a new topic; a missing title or reason keeps the form', async () => {
    const author = await asMember();
    const other = await asMember();
    const { topicId, postId: openingId } = await makeTopic(db(), author.user.id, { title: 'Cold fingers in winter', body: 'What helps your fingers in the cold?' });
    const forums = createForums(db());
    const reply = (authorId: number, body: string) => db().transaction().execute((tx) => forums.createReply(tx, { topicId, authorId, body, held: false, reason: null, matches: [], urgent: false }));
    const stays = await reply(other.user.id, 'Silk liners under wool gloves.');
    const splitAt = await reply(other.user.id, 'Has anyone tried a new cream for their skin?');
    const follows = await reply(author.user.id, 'I use an unscented one twice a day.');
    const moderator = await asModerator();
    const tools = await (await moderator.client.get(`/moderation/posts/${splitAt}`)).text();
    expect(tools).toContain(`action="/moderation/posts/${splitAt}/split"`);
    // The opening post cannot be split off: it is the topic.
    expect(await (await moderator.client.get(`/moderation/posts/${openingId}`)).text()).not.toContain('/split"');
    const token = csrfFrom(tools);

    const missing = await moderator.client.post(`/moderation/posts/${splitAt}/split`, { title: '  ', reason: 'another subject' }, token);
    expect(missing.status).toBe(400);
    const kept = await missing.text();
    expect(kept).toContain('Enter a title');
    expect(kept).toContain('value="another subject"');
    expect((await moderator.client.post(`/moderation/posts/${splitAt}/split`, { title: 'Creams for dry skin', reason: '' }, token)).status).toBe(400);

    const split = await moderator.client.post(`/moderation/posts/${splitAt}/split`, { title: 'Creams for dry skin', reason: 'a new question about skin care' }, token);
    expect(split.status).toBe(303);
    expect(split.headers.get('location')).toBe(`/moderation/posts/${splitAt}?notice=split`);
    const posts = await db().selectFrom('forum_posts').select(['id', 'topic_id', 'is_opening']).where('id', 'in', [openingId, stays, splitAt, follows]).orderBy('id').execute();
    const newTopicId = posts.find((p) => p.id === splitAt)!.topic_id;
    expect(newTopicId).not.toBe(topicId);
    expect(posts.map((p) => [p.id, p.topic_id === topicId ? 'old' : 'new', p.is_opening])).toEqual([
      [openingId, 'old', 1],
      [stays, 'old', 0],
      [splitAt, 'new', 1],
      [follows, 'new', 0],
    ]);
    const topics = await db().selectFrom('forum_topics').select(['id', 'title', 'reply_count', 'author_id', 'category_id']).where('id', 'in', [topicId, newTopicId]).orderBy('id').execute();
    expect(topics.map((t) => [t.title, t.reply_count])).toEqual([
      ['Cold fingers in winter', 1],
      ['Creams for dry skin', 1],
    ]);
    expect(topics[1]!.author_id).toBe(other.user.id);
    expect(topics[1]!.category_id).toBe(topics[0]!.category_id);

    const oldPage = await (await t.request(`/forums/topics/${topicId}`)).text();
    expect(oldPage).toContain('Silk liners under wool gloves.');
    expect(oldPage).not.toContain('a new cream');
    const newPage = await (await t.request(`/forums/topics/${newTopicId}`)).text();
    expect(newPage).toContain('Creams for dry skin');
    expect(newPage).toContain('Has anyone tried a new cream for their skin?');
    expect(newPage).toContain('I use an unscented one twice a day.');
    for (const id of [topicId, newTopicId]) {
      expect((await auditOf('forum_topic', id)).map((a) => [a.action, JSON.parse(a.details).splitReason])).toEqual([['community.topic_split', 'a new question about skin care']]);
    }
    expect(await (await moderator.client.get(`/moderation/posts/${splitAt}?notice=split`)).text()).toMatch(/split the topic — <bdi>a new question about skin care<\/bdi>/);
    // The reply now opens its topic: splitting there again is refused and changes nothing.
    expect((await moderator.client.post(`/moderation/posts/${splitAt}/split`, { title: 'Again', reason: 'again' }, token)).status).toBe(409);
  });

  test('a moderator moves a topic to another category; an unknown category is refused with the form kept', async () => {
    const author = await asMember();
    const from = await makeTopic(db(), author.user.id, { title: 'Moving house with a stiff back' });
    const to = await makeTopic(db(), author.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/forums/topics/${from.topicId}`)).text());
    const bad = await moderator.client.post(`/moderation/topics/${from.topicId}/move`, { category: '999999999' }, token);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Choose one of the categories in the list');
    const moved = await moderator.client.post(`/moderation/topics/${from.topicId}/move`, { category: String(to.categoryId), back: 'topic' }, token);
    expect(moved.status).toBe(303);
    expect(await (await t.request(`/forums/${to.slug}`)).text()).toContain('Moving house with a stiff back');
    expect(await (await t.request(`/forums/${from.slug}`)).text()).not.toContain('Moving house with a stiff back');
    const [entry] = await auditOf('forum_topic', from.topicId);
    expect(entry!.action).toBe('community.topic_moved');
    expect(JSON.parse(entry!.details)).toEqual({ from: from.categoryId, to: to.categoryId });
  });

  test('the queue item offers hiding a reported post, locking and moving its topic, and shows what was done', async () => {
    const author = await asMember();
    const held = await makeHeldPost(db(), author.user.id);
    const moderator = await asModerator();
    const item = await (await moderator.client.get(`/moderation/${held.heldPostId}`)).text();
    expect(item).toContain(`action="/moderation/topics/${held.topicId}/lock"`);
    expect(item).toContain(`action="/moderation/topics/${held.topicId}/move"`);
    expect(item).toContain(`href="/moderation/posts/${held.heldPostId}"`);
    // A held post is approved or rejected, not hidden.
    expect(item).not.toContain(`action="/moderation/posts/${held.heldPostId}/hide"`);
    const token = csrfFrom(item);
    await moderator.client.post(`/moderation/topics/${held.topicId}/lock`, { reason: '', post: String(held.heldPostId) }, token);
    expect(await (await moderator.client.get(`/moderation/${held.heldPostId}`)).text()).toContain('locked the topic');

    // A published post with reports is in the queue too, and can be hidden from there.
    const reported = await makeTopic(db(), author.user.id, { body: 'Reported opening post' });
    await db().insertInto('forum_flags').values({ post_id: reported.postId, user_id: moderator.user.id, reason: 'spam', note: '', created_at: new Date().toISOString(), resolved_at: null }).execute();
    const reportedItem = await (await moderator.client.get(`/moderation/${reported.postId}`)).text();
    expect(reportedItem).toContain(`action="/moderation/posts/${reported.postId}/hide"`);
    expect((await moderator.client.post(`/moderation/posts/${reported.postId}/hide`, { reason: 'spam' }, token)).status).toBe(303);
    // Its reports are resolved: it leaves the queue.
    expect((await moderator.client.get(`/moderation/${reported.postId}`)).status).toBe(404);
  });

  test('hostile text in moderators’ reasons, notes and evidence notes renders harmless', async () => {
    const author = await asMember();
    const { topicId, postId } = await makeTopic(db(), author.user.id);
    const second = await makeTopic(db(), author.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/posts/${postId}`)).text());
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const page = await db().selectFrom('pages').select('slug').where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    expect((await moderator.client.post(`/moderation/posts/${postId}/evidence`, { page: page.slug, note: hostile }, token)).status).toBe(303);
    expect((await moderator.client.post(`/moderation/topics/${topicId}/lock`, { reason: hostile }, token)).status).toBe(303);
    expect((await moderator.client.post(`/moderation/posts/${postId}/note`, { note: hostile }, token)).status).toBe(303);
    expect((await moderator.client.post(`/moderation/posts/${postId}/warn`, { reason: hostile }, token)).status).toBe(303);
    expect((await moderator.client.post(`/moderation/posts/${second.postId}/hide`, { reason: hostile }, token)).status).toBe(303);
    for (const html of [await (await t.request(`/forums/topics/${topicId}`)).text(), await (await t.request(`/forums/topics/${second.topicId}`)).text(), await (await moderator.client.get(`/moderation/posts/${postId}`)).text()]) {
      expect(html).not.toContain('<script>alert(1)');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
