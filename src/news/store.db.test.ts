import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCitation } from '../citations/store.js';
import type { PageDocumentInput } from '../directory/document.js';
import { type DirectoryQueries, createDirectoryQueries } from '../directory/queries.js';
import { createDirectoryStore } from '../directory/store.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { NewsStateError, NewsValidationError } from './errors.js';
import { type NewsQueries, createNewsQueries, subtreeIds } from './queries.js';
import { type NewsStore, createNewsStore } from './store.js';
import { newsDraft } from './test-support/seed.js';

const skip = await skipWithoutDatabase();

/** A placeholder page (no medical content). */
function page(slug: string, parentSlug: string | null = null): PageDocumentInput {
  return { slug, title: `Topic ${slug}`, parentSlug, position: 0, createdOn: '2024-01-15', sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Placeholder.' }] }] };
}

async function problemsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(NewsValidationError);
  return Object.fromEntries((error as NewsValidationError).problems.map((p) => [p.path, p.message]));
}

describe.skipIf(skip)('news store and queries', () => {
  let database: TestDatabase;
  let store: NewsStore;
  let news: NewsQueries;
  let directory: DirectoryQueries;
  let now = new Date('2025-03-01T10:00:00Z');
  const clock = () => now;

  /** Publishes a fresh item through the workflow on the given day. */
  async function published(day: string, overrides: Parameters<typeof newsDraft>[0] = {}): Promise<number> {
    now = new Date(`${day}T09:00:00Z`);
    const id = await store.save(newsDraft(overrides));
    await store.submit(id);
    await store.signOff(id, 'Dr Test Clinician');
    await store.publish(id);
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.handle;
    const pages = createDirectoryStore(db);
    for (const p of [page('parent-topic'), page('child-topic', 'parent-topic'), page('grandchild-topic', 'child-topic'), page('other-topic')]) await pages.savePage(p);
    await db.insertInto('authors').values({ key: 'test-editor', name: 'Test Editor', role: 'Volunteer editor', disclosure: 'None.' }).execute();
    await db.transaction().execute((tx) => upsertCitation(tx, { key: 'test-2021', csl: { title: 'A placeholder trial', issued: { 'date-parts': [[2021]] } }, pmid: '100002', pubTypes: ['Randomized Controlled Trial'] }));
    store = createNewsStore(db, clock);
    news = createNewsQueries(db);
    directory = createDirectoryQueries(db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports every problem of a bad item by field, and writes nothing', async () => {
    const before = await database.handle.db.selectFrom('news_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const problems = await problemsOf(
      store.save(newsDraft({ slug: 'Bad Slug', headline: '  ', sourceUrl: 'javascript:alert(1)', sourceDate: '2024-02-30' })),
    );
    expect(Object.keys(problems).sort()).toEqual(['headline', 'slug', 'sourceDate', 'sourceUrl']);
    expect(problems.sourceUrl).toMatch(/http/);
    const resolved = await problemsOf(store.save(newsDraft({ topicSlugs: ['no-such-topic'], citationKey: 'pmid:999999999', authorKey: 'nobody' })));
    expect(Object.keys(resolved).sort()).toEqual(['authorKey', 'citationKey', 'topicSlugs']);
    expect(resolved.topicSlugs).toContain('"no-such-topic"');
    const after = await database.handle.db.selectFrom('news_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('moves an item from draft to review to published, only with a clinician sign-off, and bumps the content version', async () => {
    const version = await directory.contentVersion();
    const id = await store.save(newsDraft({ topicSlugs: ['other-topic'], citationKey: 'pmid:100002', authorKey: 'test-editor' }));
    expect(await directory.contentVersion()).toBeGreaterThan(version);
    const draft = (await news.byId(id))!;
    expect(draft.state).toBe('draft');
    expect(draft.citation).toMatchObject({ key: 'test-2021', pubTypes: ['Randomized Controlled Trial'] });
    expect(draft.author?.name).toBe('Test Editor');
    await expect(store.publish(id)).rejects.toBeInstanceOf(NewsStateError);
    await store.submit(id);
    await expect(store.publish(id)).rejects.toThrow(/signed it off/);
    await store.signOff(id, 'Dr Test Clinician');
    // Changing the words after the sign-off asks for a new one.
    await store.save({ ...newsDraft({ slug: draft.slug, topicSlugs: ['other-topic'] }), summary: 'Other words.' }, { id });
    expect((await news.byId(id))!.signOff).toBeNull();
    await store.signOff(id, 'Dr Test Clinician');
    now = new Date('2025-03-02T12:00:00Z');
    await store.publish(id);
    const item = (await news.published(draft.slug))!;
    expect(item).toMatchObject({ state: 'published', publishedOn: '2025-03-02', signOff: { by: 'Dr Test Clinician' } });
    expect(item.topics).toEqual([{ slug: 'other-topic', title: 'Topic other-topic' }]);
  });

  it('records a correction with its note when a published item is edited, and moves its "updated"', async () => {
    const id = await published('2025-04-01');
    const item = (await news.byId(id))!;
    now = new Date('2025-05-10T08:30:00Z');
    const noNote = await problemsOf(store.save(newsDraft({ slug: item.slug, outlet: 'Other Times' }), { id }));
    expect(noNote.correction).toMatch(/what changed/);
    expect((await news.byId(id))!.source.outlet).toBe('Test Times');
    await store.save(newsDraft({ slug: item.slug, outlet: 'Other Times' }), { id, correction: 'The outlet was named wrongly.' });
    const corrected = (await news.byId(id))!;
    expect(corrected.state).toBe('published');
    expect(corrected.source.outlet).toBe('Other Times');
    expect(corrected.corrections).toEqual([{ at: '2025-05-10T08:30:00.000Z', note: 'The outlet was named wrongly.' }]);
    expect(corrected.updatedAt).toBe('2025-05-10T08:30:00.000Z');
    expect(corrected.publishedOn).toBe('2025-04-01');
  });

  it('lists published news newest first, by page, by topic with its sub-pages, and by year', async () => {
    const tag = 'list';
    const ids = {
      old: await published('2019-06-01', { topicSlugs: ['grandchild-topic'], headline: `${tag} old` }),
      mid: await published('2020-02-01', { topicSlugs: ['child-topic', 'other-topic'], headline: `${tag} mid` }),
      top: await published('2020-08-01', { topicSlugs: ['parent-topic'], headline: `${tag} top` }),
      other: await published('2021-01-01', { topicSlugs: ['other-topic'], headline: `${tag} other` }),
    };
    const draft = await store.save(newsDraft({ topicSlugs: ['parent-topic'] }));
    const tree = await directory.tree();
    const parent = subtreeIds(tree, 'parent-topic')!;
    expect(subtreeIds(tree, 'no-such-topic')).toBeNull();

    const underParent = await news.list({ pageIds: parent }, 1, 10);
    expect(underParent.items.map((i) => i.id)).toEqual([ids.top, ids.mid, ids.old]);
    expect(underParent.items.map((i) => i.id)).not.toContain(draft);
    const child = await news.list({ pageIds: subtreeIds(tree, 'child-topic')! }, 1, 10);
    expect(child.items.map((i) => i.id)).toEqual([ids.mid, ids.old]);

    const first = await news.list({ pageIds: parent }, 1, 2);
    const second = await news.list({ pageIds: parent }, 2, 2);
    expect([first.total, first.pageCount, second.page]).toEqual([3, 2, 2]);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([ids.top, ids.mid, ids.old]);

    expect((await news.list({ pageIds: parent, year: 2020 }, 1, 10)).items.map((i) => i.id)).toEqual([ids.top, ids.mid]);
    expect(await news.years({ pageIds: parent })).toEqual([2020, 2019]);
    expect(await news.lastUpdated({ pageIds: parent })).toBe('2020-08-01T09:00:00.000Z');
    expect(await news.lastUpdated({ pageIds: [] })).toBeNull();
    const all = await news.list({}, 1, 100);
    const days = all.items.map((i) => i.publishedOn!);
    expect(days).toEqual([...days].sort().reverse());
    expect(all.items.map((i) => i.id)).toContain(ids.other);
  });
});
