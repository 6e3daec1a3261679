import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { makeHeldPost, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('what the evidence says', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const setUp = async () => {
    const writer = await seedUser(db(), 'member');
    await makeMember(db(), writer.id, 10);
    const moderator = await seedUser(db(), 'moderator');
    return { writer, client: await SessionClient.signedInAs(t, db(), moderator.id) };
  };

  test('a moderator attaches a note linking a directory page to a post instead of deleting it; readers see it with the page’s review date', async () => {
    const { writer, client } = await setUp();
    const page = await db().selectFrom('pages').select(['id', 'slug', 'title']).where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    // The demo's pages carry no review yet: give this one a review date of the test's own.
    await db().updateTable('pages').set({ reviewed_on: '2026-06-01' }).where('id', '=', page.id).execute();
    const { topicId, postId } = await makeTopic(db(), writer.id, { body: 'A post that gets the facts wrong' });
    const tools = await client.get(`/moderation/posts/${postId}`);
    const token = csrfFrom(await tools.text());
    const unknown = await client.post(`/moderation/posts/${postId}/evidence`, { page: '[[No Such Page Anywhere]]', note: 'The page explains what is known.' }, token);
    expect(unknown.status).toBe(400);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain('No directory page has this title or address');
    expect(unknownPage).toContain('The page explains what is known.');
    expect((await client.post(`/moderation/posts/${postId}/evidence`, { page: page.slug, note: '' }, token)).status).toBe(400);
    const added = await client.post(`/moderation/posts/${postId}/evidence`, { page: `[[${page.title}]]`, note: 'The page explains what is known.', back: 'topic' }, token);
    expect(added.status).toBe(303);
    const reader = await (await t.request(`/forums/topics/${topicId}`)).text();
    expect(reader).toContain('A post that gets the facts wrong');
    expect(reader).toContain('What the evidence says');
    expect(reader).toContain('The page explains what is known.');
    expect(reader).toContain(`href="/directory/${page.slug}"`);
    expect(reader).toContain('medically reviewed on 1 June 2026');
    const audit = await db().selectFrom('audit_log').select(['action', 'details']).where('subject_type', '=', 'forum_post').where('subject_id', '=', String(postId)).execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.details).pageId])).toEqual([['community.evidence_added', page.id]]);
    expect(await (await client.get(`/moderation/posts/${postId}`)).text()).toContain('added what the evidence says');
  });

  test('a page never reviewed says so; the address form of a page works; held posts get no evidence form', async () => {
    const { writer, client } = await setUp();
    const page = await db().selectFrom('pages').select(['id', 'slug']).where('deleted_at', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await db().updateTable('pages').set({ reviewed_on: null }).where('id', '=', page.id).execute();
    const { topicId, postId } = await makeTopic(db(), writer.id);
    const token = csrfFrom(await (await client.get(`/moderation/posts/${postId}`)).text());
    expect((await client.post(`/moderation/posts/${postId}/evidence`, { page: `https://atoz.test/directory/${page.slug}`, note: 'See the page.' }, token)).status).toBe(303);
    expect(await (await t.request(`/forums/topics/${topicId}`)).text()).toContain('not yet medically reviewed');
    const held = await makeHeldPost(db(), writer.id);
    expect(await (await client.get(`/moderation/posts/${held.heldPostId}`)).text()).not.toContain(`/moderation/posts/${held.heldPostId}/evidence`);
    expect((await client.post(`/moderation/posts/${held.heldPostId}/evidence`, { page: page.slug, note: 'See the page.' }, token)).status).toBe(409);
  });
});
