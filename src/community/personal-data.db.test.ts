import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { createFollowStore } from '../mail/following/store.js';
import { createOutbox } from '../mail/outbox.js';
import { makeStory } from '../stories/test-support/stories.js';
import { makeMember } from './test-support/community.js';

const skip = await skipWithoutDatabase();
const TOPIC = 'causes-silica';

/** A member's data download and account deletion reach every domain's part: stories and e-mail updates besides posts. */
describe.skipIf(skip)('a member’s data across the site', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A member with a story sent while signed in, one sent from their address before they joined (in other letter case), and a topic followed by e-mail. */
  async function memberWithEverything(label: string) {
    const user = await seedUser(db(), 'member');
    await makeMember(db(), user.id, 10);
    const page = await db().selectFrom('pages').select('id').where('slug', '=', TOPIC).executeTakeFirstOrThrow();
    const signedIn = await makeStory(db(), { status: 'published', pageIds: [page.id], title: `${label}: the story I sent signed in` });
    await db().updateTable('stories').set({ author_id: user.id }).where('id', '=', signedIn).execute();
    const before = await makeStory(db(), { status: 'published', title: `${label}: the story I sent before joining` });
    await db().updateTable('stories').set({ email: user.email.toUpperCase() }).where('id', '=', before).execute();
    const someoneElse = await makeStory(db(), { status: 'published', title: `${label}: somebody else’s story` });
    const follow = createFollowStore(db());
    await db().transaction().execute(async (tx) => {
      const { subscriber } = await follow.request(tx, { address: user.email, lang: 'en', frequency: 'weekly', page: { id: page.id }, consentText: 'Send me news of this topic.' });
      await follow.confirm(tx, subscriber.id);
    });
    const client = await SessionClient.signedInAs(t, db(), user.id);
    return { user, client, stories: { signedIn, before, someoneElse } };
  }

  async function deleteAccount(client: SessionClient, posts: 'keep' | 'remove') {
    const token = csrfFrom(await (await client.get('/members/me')).text());
    return client.post('/members/me/delete', { posts, password: TEST_PASSWORD }, token);
  }
  const story = (id: number) => db().selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const subscribers = (address: string) => db().selectFrom('mail_subscribers').select('id').where('address', '=', address).execute();

  test('the download holds the member’s stories (with consents and topics) and e-mail updates, and nobody else’s', async () => {
    const { user, client, stories } = await memberWithEverything('Download');
    const page = await (await client.get('/members/me')).text();
    expect(page).toContain('the stories you sent us and the e-mail updates you follow');
    const json = JSON.parse(await (await client.get('/members/me/data')).text());
    expect(json.stories.map((s: { id: number }) => s.id)).toEqual([stories.signedIn, stories.before]);
    expect(json.stories[0]).toMatchObject({ title: 'Download: the story I sent signed in', status: 'published', topics: [TOPIC] });
    expect(json.stories[0].consents.map((c: { purpose: string; granted: boolean }) => [c.purpose, c.granted])).toEqual([['publish', true], ['translate', false], ['newsletter', false]]);
    expect(JSON.stringify(json)).not.toContain('somebody else’s story');
    expect(json.emailUpdates).toEqual([
      expect.objectContaining({ address: user.email, frequency: 'weekly', follows: [expect.objectContaining({ topic: TOPIC, consentText: 'Send me news of this topic.', confirmedAt: expect.any(String) })] }),
    ]);
  });

  test('"keep": stories stay published under their own names, e-mail updates stop, mail still waiting for them is not sent', async () => {
    const { user, client, stories } = await memberWithEverything('Keep');
    expect(await subscribers(user.email)).toHaveLength(1);
    const outbox = createOutbox({ db: db(), jobs: t.atoz.jobs.queue, delivering: false, messageIdDomain: 'atoz.test' });
    const mail = (to: string, subject: string) => outbox.enqueue(db(), { to, subject, text: 'A digest.', kind: 'digest' });
    await mail(user.email, 'Waiting for the member');
    await mail('someone-else@example.org', 'Waiting for somebody else');
    const deleted = await deleteAccount(client, 'keep');
    expect(deleted.status).toBe(200);
    expect(await subscribers(user.email)).toEqual([]);
    const waiting = await db().selectFrom('mail_outbox').select(['to_address', 'subject']).where('subject', 'like', 'Waiting for %').execute();
    expect(waiting).toEqual([{ to_address: 'someone-else@example.org', subject: 'Waiting for somebody else' }]);
    const kept = await story(stories.signedIn);
    expect(kept).toMatchObject({ status: 'published', title: 'Keep: the story I sent signed in', author_id: null, withdrawn_at: null });
    expect((await t.request(`/stories/${stories.signedIn}`)).status).toBe(200);
    expect((await story(stories.before)).status).toBe('published');
  });

  test('"remove": every story of theirs is withdrawn and erased at once, topic pages change, others’ stories stay', async () => {
    const { user, client, stories } = await memberWithEverything('Remove');
    const topicBefore = await (await t.request(`/directory/${TOPIC}`)).text();
    expect(topicBefore).toContain(`href="/stories/${stories.signedIn}"`);
    const deleted = await deleteAccount(client, 'remove');
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('Your account, your posts and your stories have been deleted.');
    for (const id of [stories.signedIn, stories.before]) {
      expect(await story(id)).toMatchObject({ status: 'withdrawn', title: '', body: '', withdrawn_at: expect.any(String), taken_down_at: expect.any(String) });
      expect((await t.request(`/stories/${id}`)).status).toBe(410);
    }
    // The topic page was cached with the story; the deletion changed it on this server at once.
    expect(await (await t.request(`/directory/${TOPIC}`)).text()).not.toContain(`href="/stories/${stories.signedIn}"`);
    expect((await story(stories.someoneElse)).status).toBe('published');
    expect(await subscribers(user.email)).toEqual([]);
    // Consent records say when they were withdrawn; nothing is kept under the account any more.
    const consents = await db().selectFrom('story_consents').select('withdrawn_at').where('story_id', '=', stories.signedIn).execute();
    expect(consents.every((c) => c.withdrawn_at !== null)).toBe(true);
  });
});
