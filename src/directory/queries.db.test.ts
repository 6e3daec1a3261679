import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCitation } from '../citations/store.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import type { PageDocumentInput } from './document.js';
import { type DirectoryQueries, createDirectoryQueries } from './queries.js';
import { type DirectoryStore, createDirectoryStore } from './store.js';

const skip = await skipWithoutDatabase();

/** Placeholder pages: the tests are about the directory's structure, not medical content. */
function page(slug: string, title: string, overrides: Partial<PageDocumentInput> = {}): PageDocumentInput {
  return { slug, title, parentSlug: null, position: 0, createdOn: '2024-01-15', sections: [{ heading: null, entries: [{ kind: 'summary', body: `About ${title}.` }] }], ...overrides };
}

const linksTo = (...targets: string[]) => [{ heading: null, entries: [{ kind: 'summary' as const, body: targets.map((t) => `See [[${t}]].`).join(' ') }] }];

describe.skipIf(skip)('directory queries (read side)', () => {
  let database: TestDatabase;
  let store: DirectoryStore;
  let queries: DirectoryQueries;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.handle;
    store = createDirectoryStore(db);
    queries = createDirectoryQueries(db);
    await db
      .insertInto('authors')
      .values([
        { key: 'writer-b', name: 'Bee Writer', role: 'Volunteer editor', disclosure: '' },
        { key: 'writer-a', name: 'Ay Writer', role: 'Volunteer editor', disclosure: '' },
        { key: 'reviewer', name: 'Rev Iewer', role: 'Medical reviewer', disclosure: 'None.' },
      ])
      .execute();
    await db.transaction().execute(async (tx) => {
      await upsertCitation(tx, { key: 'undated', csl: { title: 'zeta: a study without a year' } });
      await upsertCitation(tx, { key: 'old', csl: { title: 'Older study', issued: { 'date-parts': [[2001]] } } });
      await upsertCitation(tx, { key: 'new-b', csl: { title: 'beta newer study', issued: { 'date-parts': [[2019]] } } });
      await upsertCitation(tx, { key: 'new-a', csl: { title: 'Alpha newer study', issued: { 'date-parts': [[2019]] } } });
    });

    await store.savePage(page('q-root', 'Root', { position: 0 }));
    await store.savePage(page('q-second', 'Second root', { position: 1 }));
    await store.savePage(page('q-child-b', 'Child B', { parentSlug: 'q-root', position: 2 }));
    await store.savePage(page('q-child-a', 'Child A', { parentSlug: 'q-root', position: 1 }));
    await store.savePage(page('q-grandchild', 'Grandchild', { parentSlug: 'q-child-b', position: 0 }));
    await store.savePage(
      page('cited-page', 'Cited page', {
        authorKeys: ['writer-b', 'writer-a'],
        reviewedOn: '2024-01-31',
        reviewedByKey: 'reviewer',
        reviewIntervalMonths: 1,
        sections: [
          { heading: null, entries: [{ kind: 'summary', body: 'Cites [@old], [@undated], [@new-b] and [@new-a].' }] },
        ],
      }),
    );
    // Backlinks from pages whose titles sort differently byte-wise ("Zebra" < "apple") and by language ("apple" < "Zebra").
    await store.savePage(page('q-linker-zebra', 'Zebra linker', { sections: linksTo('Cited page', 'Missing One', 'Missing Two') }));
    await store.savePage(page('q-linker-apple', 'apple linker', { sections: linksTo('Cited page', 'Missing Two') }));
    await store.savePage(page('q-linker-eclair', 'Éclair linker', { sections: linksTo('Cited page', 'Missing Two', 'Cited page') }));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('builds the tree in position order with depths and a depth-first reading order', async () => {
    const tree = await queries.tree();
    const order = tree.order.filter((n) => n.slug.startsWith('q-') && !n.slug.startsWith('q-linker') && n.slug !== 'cited-page');
    expect(order.map((n) => [n.slug, n.depth])).toEqual([
      ['q-root', 0],
      ['q-child-a', 1],
      ['q-child-b', 1],
      ['q-grandchild', 2],
      ['q-second', 0],
    ]);
  });

  it('shows bylines in the order written, the reviewer, and the next review date from the interval', async () => {
    const view = (await queries.page('cited-page'))!;
    expect(view.authors.map((a) => a.key)).toEqual(['writer-b', 'writer-a']);
    expect(view.reviewedBy).toMatchObject({ key: 'reviewer', name: 'Rev Iewer' });
    // One month after 31 January is the last day of February (leap year).
    expect(view.nextReviewOn).toBe('2024-02-29');
  });

  it('lists a page\'s citations newest first, undated last, then by title, on both databases', async () => {
    const view = (await queries.page('cited-page'))!;
    expect(view.citations.map((c) => c.key)).toEqual(['new-a', 'new-b', 'old', 'undated']);
    expect(view.citations[0]).toMatchObject({ issuedYear: 2019, pubTypes: [] });
  });

  it('lists backlinks once per page, sorted by title as readers sort (not byte order), on both databases', async () => {
    const view = (await queries.page('cited-page'))!;
    expect(view.backlinks.map((b) => b.title)).toEqual(['apple linker', 'Éclair linker', 'Zebra linker']);
  });

  it('lists wanted pages most-linked first, each linking page once', async () => {
    const wanted = (await queries.wantedPages()).filter((w) => w.slug.startsWith('missing-'));
    expect(wanted.map((w) => [w.slug, w.linkCount])).toEqual([
      ['missing-two', 3],
      ['missing-one', 1],
    ]);
    expect(wanted[0]!.linkedFrom.map((f) => f.slug).sort()).toEqual(['q-linker-apple', 'q-linker-eclair', 'q-linker-zebra']);
  });

  it('orders the bibliography by title as readers sort, with the pages citing each', async () => {
    const bibliography = await queries.bibliography();
    expect(bibliography.map((c) => c.title)).toEqual(['Alpha newer study', 'beta newer study', 'Older study', 'zeta: a study without a year']);
    expect(bibliography.every((c) => c.citedBy.length === 1 && c.citedBy[0]!.slug === 'cited-page')).toBe(true);
  });

  it('hides a deleted page from backlinks, bibliography uses, sitemap dates and redirects', async () => {
    const temporary = page('q-temp', 'Temporary', { sections: [{ heading: null, entries: [{ kind: 'summary', body: '[[Cited page]] [@old]' }] }] });
    await store.savePage(temporary);
    await store.savePage({ ...temporary, slug: 'q-temp-renamed' }, { previousSlug: 'q-temp' });
    expect((await queries.page('cited-page'))!.backlinks.map((b) => b.title)).toContain('Temporary');
    expect(await queries.redirectFor('q-temp')).toBe('q-temp-renamed');

    await store.deletePage('q-temp-renamed');
    expect((await queries.page('cited-page'))!.backlinks.map((b) => b.title)).not.toContain('Temporary');
    expect((await queries.bibliography()).find((c) => c.key === 'old')!.citedBy.map((p) => p.slug)).toEqual(['cited-page']);
    expect((await queries.pageDates()).map((d) => d.slug)).not.toContain('q-temp-renamed');
    expect(await queries.redirectFor('q-temp')).toBeNull();
  });

  it('keeps the name a page is listed under (sort title) and derives one when it is blank', async () => {
    await store.savePage(page('q-sort-a', 'Kind: Alpha', { position: 9 }));
    await store.savePage(page('q-sort-b', 'Kind: Beta', { position: 9 }));
    await store.savePage(page('q-sort-c', 'Kind: Gamma', { position: 9, sortTitle: 'Aardvark' }));
    const listed = (slug: string) => tree.then((t) => t.bySlug.get(slug)!.sortTitle);
    let tree = queries.tree();
    expect([await listed('q-sort-a'), await listed('q-sort-b'), await listed('q-sort-c')]).toEqual(['Alpha', 'Beta', 'Aardvark']);
    const row = await database.handle.db.selectFrom('pages').select(['slug', 'sort_title']).where('slug', 'in', ['q-sort-a', 'q-sort-c']).orderBy('slug').execute();
    expect(row).toEqual([{ slug: 'q-sort-a', sort_title: null }, { slug: 'q-sort-c', sort_title: 'Aardvark' }]);
    // Cleared: back to the default.
    await store.savePage(page('q-sort-c', 'Kind: Gamma', { position: 9, sortTitle: '' }));
    tree = queries.tree();
    expect(await listed('q-sort-c')).toBe('Gamma');
  });

  it('counts pages as a number and moves the content version on every write', async () => {
    const count = await queries.pageCount();
    expect(typeof count).toBe('number');
    const version = await queries.contentVersion();
    await store.savePage(page('q-count', 'Counted'));
    expect(await queries.pageCount()).toBe(count + 1);
    expect(await queries.contentVersion()).toBe(version + 1);
  });
});
