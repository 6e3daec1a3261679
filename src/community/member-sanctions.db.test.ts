import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { guardFields, makeHeldPost, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(skip)('warning and suspending members, and moderators’ notes', () => {
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
  const mailTo = (to: string) => db().selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id').execute();

  test('a warning from the queue is e-mailed to the writer through the outbox, recorded beside their items, and in the history', async () => {
    const writer = await asMember();
    const held = await makeHeldPost(db(), writer.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/${held.heldPostId}`)).text());
    const empty = await moderator.client.post(`/moderation/posts/${held.heldPostId}/warn`, { reason: '', back: 'queue' }, token);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write what the member is warned about');
    expect(await mailTo(writer.user.email)).toEqual([]);
    const warned = await moderator.client.post(`/moderation/posts/${held.heldPostId}/warn`, { reason: 'Please do not post the same link in every topic.', back: 'queue' }, token);
    expect(warned.status).toBe(303);
    expect(warned.headers.get('location')).toBe(`/moderation/${held.heldPostId}?notice=warned`);
    const [mail] = await mailTo(writer.user.email);
    expect(mail?.kind).toBe('community-warning');
    expect(mail!.text_body).toContain('Please do not post the same link in every topic.');
    expect(mail!.text_body).toContain(`“Topic`);
    const item = await (await moderator.client.get(warned.headers.get('location')!)).text();
    expect(item).toContain('The warning is recorded and e-mailed to the member.');
    expect(item).toMatch(/Warned on [^<]+ — <bdi>Please do not post the same link in every topic.<\/bdi>/);
    expect(item).toMatch(/warned the writer — <bdi>Please do not post/);
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_user_id', 'details']).where('action', '=', 'community.member_warned').where('subject_id', '=', String(held.heldPostId)).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(moderator.user.id);
    expect(JSON.parse(audit.details)).toMatchObject({ memberId: writer.user.id });
    // The queue list says the writer has a warning.
    expect(await (await moderator.client.get('/moderation')).text()).toContain('no notes, 1 warning');
  });

  test('a suspended member is told plainly why and until when they try to post, keeps their text, and posts again once it is lifted', async () => {
    const writer = await asMember();
    const other = await asMember();
    const { topicId, postId, slug } = await makeTopic(db(), writer.user.id);
    const target = await makeTopic(db(), other.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/posts/${postId}`)).text());
    const past = await moderator.client.post(`/moderation/posts/${postId}/suspend`, { until: day(0), reason: 'Advertising' }, token);
    expect(past.status).toBe(400);
    const pastPage = await past.text();
    expect(pastPage).toContain('Choose a date after today');
    expect(pastPage).toContain('Advertising');
    expect((await moderator.client.post(`/moderation/posts/${postId}/suspend`, { until: '2027-02-30', reason: 'Advertising' }, token)).status).toBe(400);
    expect((await moderator.client.post(`/moderation/posts/${postId}/suspend`, { until: day(400), reason: 'Advertising' }, token)).status).toBe(400);
    const until = day(7);
    const suspended = await moderator.client.post(`/moderation/posts/${postId}/suspend`, { until, reason: 'Repeated advertising after a warning' }, token);
    expect(suspended.status).toBe(303);
    const [mail] = await mailTo(writer.user.email);
    expect(mail?.kind).toBe('community-suspension');
    expect(mail!.text_body).toContain('Repeated advertising after a warning');

    const replyToken = csrfFrom(await (await writer.client.get(`/forums/topics/${target.topicId}`)).text());
    const refused = await writer.client.post(`/forums/topics/${target.topicId}/reply`, { ...(await guardFields(db())), body: 'My reply while suspended' }, replyToken);
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('A moderator has suspended you from posting until');
    expect(page).toContain('Repeated advertising after a warning');
    expect(page).toContain('My reply while suspended');
    const newTopic = await writer.client.post(`/forums/${slug}/new`, { ...(await guardFields(db())), title: 'A new topic', body: 'While suspended' }, replyToken);
    expect(newTopic.status).toBe(403);
    expect(await newTopic.text()).toContain('Repeated advertising after a warning');
    expect(await db().selectFrom('forum_posts').select('id').where('author_id', '=', writer.user.id).where('body', 'in', ['My reply while suspended', 'While suspended']).executeTakeFirst()).toBeUndefined();
    // Others still post.
    expect((await other.client.post(`/forums/topics/${topicId}/reply`, { ...(await guardFields(db())), body: 'Not suspended' }, csrfFrom(await (await other.client.get(`/forums/topics/${topicId}`)).text()))).status).toBe(303);

    const tools = await (await moderator.client.get(`/moderation/posts/${postId}`)).text();
    expect(tools).toContain('Suspended from posting until');
    expect((await moderator.client.post(`/moderation/posts/${postId}/lift`, {}, token)).status).toBe(303);
    expect((await writer.client.post(`/forums/topics/${target.topicId}/reply`, { ...(await guardFields(db())), body: 'My reply after the suspension' }, replyToken)).status).toBe(303);
    expect((await db().selectFrom('audit_log').select('action').where('subject_type', '=', 'forum_post').where('subject_id', '=', String(postId)).orderBy('id').execute()).map((a) => a.action)).toEqual(['community.member_suspended', 'community.member_unsuspended']);
  });

  test('private notes on a member are shown to moderators beside each of the member’s queue items, never to the member', async () => {
    const writer = await asMember();
    const first = await makeHeldPost(db(), writer.user.id);
    const second = await makeHeldPost(db(), writer.user.id);
    const moderator = await asModerator();
    const token = csrfFrom(await (await moderator.client.get(`/moderation/${first.heldPostId}`)).text());
    expect((await moderator.client.post(`/moderation/posts/${first.heldPostId}/note`, { note: '' }, token)).status).toBe(400);
    const noted = await moderator.client.post(`/moderation/posts/${first.heldPostId}/note`, { note: 'Means well; often shares links to shops.', back: 'queue' }, token);
    expect(noted.status).toBe(303);
    // Shown beside the writer's other queue item too, with who wrote it.
    const otherItem = await (await moderator.client.get(`/moderation/${second.heldPostId}`)).text();
    expect(otherItem).toContain('Means well; often shares links to shops.');
    expect(await (await moderator.client.get('/moderation')).text()).toContain('1 note, no warnings');
    // The note's words are not copied into the audit log, only that one was written.
    const audit = await db().selectFrom('audit_log').select('details').where('action', '=', 'community.member_noted').where('subject_id', '=', String(first.heldPostId)).executeTakeFirstOrThrow();
    expect(audit.details).not.toContain('Means well');
    // The member never sees it: not on their topic pages, not in their data download.
    expect(await (await writer.client.get(`/forums/topics/${first.topicId}`)).text()).not.toContain('Means well');
    expect(await (await writer.client.get('/members/me/data')).text()).not.toContain('Means well');
  });
});
