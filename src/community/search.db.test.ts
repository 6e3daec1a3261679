import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { createForums } from './forums.js';
import { createModeratorActions } from './moderation/actions.js';
import { createRecordIndex } from '../search/records.js';
import { FORUM_POST_SOURCE, createForumSearch } from './search.js';
import { makeHeldPost, makeMember, makeTopic } from './test-support/community.js';

const skip = await skipWithoutDatabase();

/** A made-up word no demo text holds, so each test finds only its own posts. */
let seq = 0;
const word = () => `quill${String.fromCharCode(97 + (seq % 26))}${String.fromCharCode(97 + (Math.floor(seq++ / 26) % 26))}${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 5)}wort`;

describe.skipIf(skip)('searching the forums', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const member = async () => {
    const user = await seedUser(db(), 'member');
    await makeMember(db(), user.id, 10);
    return user;
  };
  const forumSearch = async (q: string, client?: SessionClient, extra = '') => {
    const path = `/forums/search?q=${encodeURIComponent(q)}${extra}`;
    const res = client ? await client.get(path) : await t.request(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  /** Whether the index itself holds the post (searching also checks its state, so the page alone cannot tell). */
  const indexed = async (postId: number) => (await db().selectFrom('search_records').select('id').where('source', '=', FORUM_POST_SOURCE).where('ref_id', '=', postId).execute()).length === 1;
  const reply = (topicId: number, authorId: number, body: string, held = false) =>
    db().transaction().execute((tx) => createForums(db()).createReply(tx, { topicId, authorId, body, held, reason: held ? 'first-posts' : null, matches: [], urgent: false }));

  test('a published post is found by its words and its topic by its title, linked to the post, with the word marked', async () => {
    const [w, title] = [word(), word()];
    const author = await member();
    const { topicId, postId } = await makeTopic(db(), author.id, { title: `Gloves and ${title}`, body: `Silk liners and ${w} under wool gloves.` });
    const page = await forumSearch(w);
    expect(page).toContain('1 forum post found for “');
    expect(page).toContain(`href="/forums/topics/${topicId}#post-${postId}"`);
    expect(page).toContain(`<mark>${w}</mark>`);
    expect(page).toContain('Opening post in');
    expect(await forumSearch(title)).toContain(`#post-${postId}"`);
    // Every word must be there.
    expect(await forumSearch(`${w} ${word()}`)).toContain('No forum posts found for');
    // From a page in another language, the words are read as English too (the category has no language set).
    const arabic = await (await t.request(`/ar/forums/search?q=${encodeURIComponent(`gloves ${w}`)}`)).text();
    expect(arabic).toContain(`href="/ar/forums/topics/${topicId}#post-${postId}"`);
    // The last word as typed so far finds it too.
    expect(await forumSearch(w.slice(0, -2))).toContain(`#post-${postId}"`);
  });

  test('held, hidden and rejected posts are not found; approved, shown again and edited ones are, with their new words', async () => {
    const [heldWord, hiddenWord, editedWord] = [word(), word(), word()];
    const author = await member();
    const { topicId } = await makeTopic(db(), author.id);
    const heldId = await reply(topicId, author.id, `Waiting with ${heldWord}.`, true);
    expect(await forumSearch(heldWord)).toContain('No forum posts found');
    expect(await indexed(heldId)).toBe(false);
    await db().transaction().execute((tx) => createForums(db()).approve(tx, heldId, null));
    expect(await forumSearch(heldWord)).toContain(`#post-${heldId}"`);
    expect(await indexed(heldId)).toBe(true);

    const actions = createModeratorActions(db());
    const shownId = await reply(topicId, author.id, `Advertising ${hiddenWord} here.`);
    expect(await forumSearch(hiddenWord)).toContain(`#post-${shownId}"`);
    await db().transaction().execute((tx) => actions.hide(tx, shownId, 'advertising'));
    expect(await forumSearch(hiddenWord)).toContain('No forum posts found');
    expect(await indexed(shownId)).toBe(false);
    await db().transaction().execute((tx) => actions.unhide(tx, shownId));
    expect(await forumSearch(hiddenWord)).toContain(`#post-${shownId}"`);
    await db().transaction().execute((tx) => actions.edit(tx, shownId, `Now about ${editedWord}.`, 'removed an advertisement'));
    expect(await forumSearch(hiddenWord)).toContain('No forum posts found');
    expect(await forumSearch(editedWord)).toContain(`#post-${shownId}"`);

    const rejected = await makeHeldPost(db(), author.id);
    await db().updateTable('forum_posts').set({ body: `Rejected ${heldWord}` }).where('id', '=', rejected.heldPostId).execute();
    await db().transaction().execute((tx) => createForums(db()).reject(tx, rejected.heldPostId));
    expect(await forumSearch(heldWord)).not.toContain(`#post-${rejected.heldPostId}"`);
    expect(await indexed(rejected.heldPostId)).toBe(false);
    // Held again by members' flags: out of the index until a moderator decides.
    const flagged = await reply(topicId, author.id, 'Flag me.');
    expect(await indexed(flagged)).toBe(true);
    const flaggers = await Promise.all([member(), member()]);
    for (const f of flaggers) await createForums(db()).flag(flagged, f.id, 'spam', '', 2);
    expect(await indexed(flagged)).toBe(false);
  });

  test('members-only categories are found only by people signed in, never by the public or the site search for the public', async () => {
    const w = word();
    const author = await member();
    const open = await makeTopic(db(), author.id, { body: `In the open: ${w}.` });
    const closed = await makeTopic(db(), author.id, { visibility: 'members', body: `Among members: ${w}.` });
    const anonymous = await forumSearch(w);
    expect(anonymous).toContain(`#post-${open.postId}"`);
    expect(anonymous).not.toContain(`#post-${closed.postId}"`);
    expect(anonymous).not.toContain('Among members');
    const client = await SessionClient.signedInAs(t, db(), author.id);
    const signedIn = await forumSearch(w, client);
    expect(signedIn).toContain(`#post-${open.postId}"`);
    expect(signedIn).toContain(`#post-${closed.postId}"`);

    const site = await (await t.request(`/search?q=${w}`)).text();
    expect(site).toContain('From the forums');
    expect(site).toContain(`#post-${open.postId}"`);
    expect(site).not.toContain(`#post-${closed.postId}"`);
    expect(site).toContain(`href="/forums/search?q=${w}"`);
    expect(await (await client.get(`/search?q=${w}`)).text()).toContain(`#post-${closed.postId}"`);
    // Directory filters are the directory's own: a filtered search shows no forum posts.
    expect(await (await t.request(`/search?q=${w}&kind=research`)).text()).not.toContain('From the forums');
  });

  test('one category at a time; a category the person may not read is searched as all they may', async () => {
    const w = word();
    const author = await member();
    const one = await makeTopic(db(), author.id, { body: `First ${w}.` });
    const two = await makeTopic(db(), author.id, { body: `Second ${w}.` });
    const closed = await makeTopic(db(), author.id, { visibility: 'members', body: `Closed ${w}.` });
    const inOne = await forumSearch(w, undefined, `&category=${one.categoryId}`);
    expect(inOne).toContain(`#post-${one.postId}"`);
    expect(inOne).not.toContain(`#post-${two.postId}"`);
    expect(inOne).toMatch(new RegExp(`<option value="${one.categoryId}" selected="">`));
    const notAllowed = await forumSearch(w, undefined, `&category=${closed.categoryId}`);
    expect(notAllowed).toContain(`#post-${one.postId}"`);
    expect(notAllowed).not.toContain(`#post-${closed.postId}"`);
    // The category page has a box that searches it.
    expect(await (await t.request(`/forums/${one.slug}`)).text()).toContain(`<input type="hidden" name="category" value="${one.categoryId}"/>`);
  });

  test('a reply on a later page of its topic is linked to that page', async () => {
    const w = word();
    const author = await member();
    const { topicId } = await makeTopic(db(), author.id);
    for (let n = 1; n <= 20; n++) await reply(topicId, author.id, `Reply number ${n}.`);
    const late = await reply(topicId, author.id, `The late ${w}.`);
    expect(await forumSearch(w)).toContain(`href="/forums/topics/${topicId}?page=2#post-${late}"`);
    expect(await (await t.request(`/forums/topics/${topicId}?page=2`)).text()).toContain(`id="post-${late}"`);
  });

  test('a member who deletes their account with their posts takes them out of search', async () => {
    const w = word();
    const author = await member();
    const other = await member();
    const { topicId, postId } = await makeTopic(db(), author.id, { body: `My own ${w}.` });
    const otherReply = await reply(topicId, other.id, `A reply about ${w}.`);
    expect(await forumSearch(w)).toContain(`#post-${postId}"`);
    const client = await SessionClient.signedInAs(t, db(), author.id);
    const token = csrfFrom(await (await client.get('/members/me')).text());
    expect((await client.post('/members/me/delete', { posts: 'remove', password: TEST_PASSWORD }, token)).status).toBe(200);
    const after = await forumSearch(w);
    expect(after).not.toContain(`#post-${postId}"`);
    expect(after).toContain(`#post-${otherReply}"`);
    const left = await db().selectFrom('search_records').select('ref_id').where('source', '=', FORUM_POST_SOURCE).where('ref_id', '=', postId).execute();
    expect(left).toEqual([]);
  });

  test('posts the index lacks (written before search covered the forums) are indexed at start', async () => {
    const w = word();
    const author = await member();
    const { postId } = await makeTopic(db(), author.id, { body: `Before search: ${w}.` });
    await createRecordIndex(db()).remove(db(), FORUM_POST_SOURCE, [postId]);
    expect(await forumSearch(w)).toContain('No forum posts found');
    expect(await createForumSearch(db()).catchUp()).toBeGreaterThanOrEqual(1);
    expect(await forumSearch(w)).toContain(`#post-${postId}"`);
  });

  test('a query of only stop words, or none, finds nothing and says how to search', async () => {
    expect(await forumSearch('the and of')).toContain('No forum posts found');
    const empty = await (await t.request('/forums/search')).text();
    expect(empty).toContain('Type a few words to find posts in the forums.');
    expect((await t.request('/forums/search?page=0')).status).toBe(400);
  });
});
