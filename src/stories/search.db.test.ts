import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { createRecordIndex } from '../search/records.js';
import { STORY_SOURCE, createStoryStore } from './store.js';
import { makeStory } from './test-support/stories.js';

const skip = await skipWithoutDatabase();

let seq = 0;
/** A made-up word no demo text holds, so each test finds only its own stories. */
const word = () => `fernbrake${String.fromCharCode(97 + (seq++ % 26))}${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 5)}`;

describe.skipIf(skip)('searching the stories', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const find = async (q: string, path = '/stories/search') => {
    const res = await t.request(`${path}?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const indexed = async (id: number) => (await db().selectFrom('search_records').select('id').where('source', '=', STORY_SOURCE).where('ref_id', '=', id).execute()).length === 1;

  test('a published story is found by its words, linked, with the word marked; one waiting for a moderator is not', async () => {
    const [w, title] = [word(), word()];
    const published = await makeStory(db(), { status: 'published', title: `Learning to rest, ${title}`, body: `I found that ${w} helped on the worst days.` });
    const waiting = await makeStory(db(), { status: 'pending', body: `Still waiting: ${w}.` });
    const page = await find(w);
    expect(page).toContain('1 story found for “');
    expect(page).toContain(`href="/stories/${published}"`);
    expect(page).toContain(`<mark>${w}</mark>`);
    expect(page).not.toContain(`href="/stories/${waiting}"`);
    expect(await find(title)).toContain(`href="/stories/${published}"`);
    expect(await indexed(waiting)).toBe(false);
    // The storyteller's approval of a moderator's edit publishes the edited words.
    const edited = await makeStory(db(), { status: 'awaiting-storyteller', proposed: { title: 'Edited', body: `Edited for privacy: ${w}.`, reason: 'a town removed' } });
    expect(await indexed(edited)).toBe(false);
    await db().transaction().execute((tx) => createStoryStore(db()).approveEdit(tx, edited));
    expect(await find(w)).toContain(`href="/stories/${edited}"`);
  });

  test('a withdrawn story leaves search at once, before the take-down job erases it', async () => {
    const w = word();
    const id = await makeStory(db(), { status: 'published', body: `Mine to take back: ${w}.` });
    expect(await find(w)).toContain(`href="/stories/${id}"`);
    const store = createStoryStore(db());
    await db().transaction().execute((tx) => store.withdraw(tx, id));
    expect(await indexed(id)).toBe(false);
    expect(await find(w)).toContain('No stories found');
    expect(await (await t.request(`/search?q=${w}`)).text()).not.toContain(`href="/stories/${id}"`);
  });

  test('a story whose publish consent has run out is not found, even before the expiry job runs', async () => {
    const w = word();
    const id = await makeStory(db(), { status: 'published', body: `Only until yesterday: ${w}.` });
    await db().updateTable('story_consents').set({ expires_on: '2000-01-01' }).where('story_id', '=', id).where('purpose', '=', 'publish').execute();
    expect(await find(w)).toContain('No stories found');
  });

  test('the site search shows stories below the directory and the forums, with a link to all of them', async () => {
    const w = word();
    const ids = [];
    for (let n = 0; n < 4; n++) ids.push(await makeStory(db(), { status: 'published', body: `Story ${n} about ${w}.` }));
    const site = await (await t.request(`/search?q=${w}`)).text();
    expect(site).toContain('Patient stories');
    expect(site.match(/href="\/stories\/\d+"/g)).toHaveLength(3);
    expect(site).toContain(`href="/stories/search?q=${w}"`);
    expect(site).toContain('See all 4 stories for “');
    expect(site.indexOf('Patient stories')).toBeGreaterThan(site.indexOf('No pages found for'));
  });

  test('public stories the index lacks are indexed at start; the list page has a search box', async () => {
    const w = word();
    const id = await makeStory(db(), { status: 'published', body: `From before search: ${w}.` });
    await createRecordIndex(db()).remove(db(), STORY_SOURCE, [id]);
    expect(await find(w)).toContain('No stories found');
    expect(await createStoryStore(db()).indexMissing()).toBeGreaterThanOrEqual(1);
    expect(await find(w)).toContain(`href="/stories/${id}"`);
    expect(await (await t.request('/stories')).text()).toContain('action="/stories/search"');
    expect(await (await t.request('/stories/search')).text()).toContain('Type a few words to find stories');
  });
});
