import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCitation } from '../citations/store.js';
import { importContent } from '../content/import.js';
import { packageRoot } from '../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import type { PageDocumentInput } from './document.js';
import { ContentValidationError } from './errors.js';
import { type DirectoryQueries, createDirectoryQueries } from './queries.js';
import { type DirectoryStore, createDirectoryStore } from './store.js';

const skip = await skipWithoutDatabase();

/** A minimal valid page; tests override what they exercise. Placeholder text, no medical content. */
function page(slug: string, overrides: Partial<PageDocumentInput> = {}): PageDocumentInput {
  return {
    slug,
    title: slug.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '),
    parentSlug: null,
    position: 0,
    createdOn: '2024-01-15',
    sections: [{ heading: null, entries: [{ kind: 'summary', body: `Placeholder text of ${slug}.` }] }],
    ...overrides,
  };
}

/** The problems a rejected save reports, as path → message. */
async function problemsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentValidationError);
  return Object.fromEntries((error as ContentValidationError).problems.map((p) => [p.path, p.message]));
}

describe.skipIf(skip)('directory store (write side)', () => {
  let database: TestDatabase;
  let store: DirectoryStore;
  let queries: DirectoryQueries;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.handle;
    store = createDirectoryStore(db);
    queries = createDirectoryQueries(db);
    await db.insertInto('authors').values({ key: 'test-editor', name: 'Test Editor', role: 'Volunteer editor', disclosure: 'None.' }).execute();
    await db.transaction().execute((tx) =>
      upsertCitation(tx, { key: 'test-2020', csl: { title: 'A placeholder study', 'container-title': 'Journal of Tests', issued: { 'date-parts': [[2020]] } }, pmid: '100001', doi: '10.5555/TEST.1' }),
    );
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('saves a whole page (sections, entries, citations, footnotes, byline) and bumps the content version', async () => {
    const before = await queries.contentVersion();
    const id = await store.savePage(
      page('store-full', {
        authorKeys: ['test-editor'],
        footnotes: ['A footnote citing [@pmid:100001].'],
        sections: [
          { heading: null, entries: [{ kind: 'summary', body: 'Introduction.' }] },
          {
            heading: 'Research',
            entries: [
              { kind: 'research', citationKey: 'test-2020', body: 'What the placeholder study did.' },
              { kind: 'news', outlet: 'Test Times', date: '2024-02-01', headline: 'A headline', url: 'https://news.example/a', body: 'What was reported.' },
            ],
          },
          { heading: 'Research', entries: [{ kind: 'summary', body: 'Same heading twice gets its own anchor, cited as [@doi:10.5555/test.1].' }] },
        ],
      }),
    );
    expect(id).toBeGreaterThan(0);
    expect(await queries.contentVersion()).toBe(before + 1);

    const view = (await queries.page('store-full'))!;
    expect(view.authors.map((a) => a.name)).toEqual(['Test Editor']);
    expect(view.sections.map((s) => [s.heading, s.anchor])).toEqual([
      [null, 'introduction'],
      ['Research', 'research'],
      ['Research', 'research-2'],
    ]);
    expect(view.sections[1]!.entries.map((e) => e.kind)).toEqual(['research', 'news']);
    expect(view.sections[1]!.entries[0]!.citation).toMatchObject({ key: 'test-2020', pmid: '100001', doi: '10.5555/test.1', issuedYear: 2020 });
    expect(view.sections[1]!.entries[1]).toMatchObject({ outlet: 'Test Times', publishedOn: '2024-02-01', headline: 'A headline' });
    // Cited three ways (key, pmid:, doi:), listed once.
    expect(view.citations.map((c) => c.key)).toEqual(['test-2020']);
    expect(view.footnotes).toEqual(['A footnote citing [@pmid:100001].']);
  });

  it('replaces the parts of a page on save instead of adding to them', async () => {
    await store.savePage(page('store-replace', { sections: [{ heading: 'One', entries: [{ kind: 'summary', body: 'See [[Store Target]].' }] }] }));
    await store.savePage(page('store-replace', { sections: [{ heading: 'Two', entries: [{ kind: 'summary', body: 'No links now.' }] }] }));
    const view = (await queries.page('store-replace'))!;
    expect(view.sections.map((s) => s.heading)).toEqual(['Two']);
    expect(view.inlineLinks).toEqual([]);
    expect((await queries.wantedPages()).map((w) => w.slug)).not.toContain('store-target');
  });

  it('fills the references table on save: missing targets are wanted pages, existing ones get backlinks', async () => {
    await store.savePage(
      page('links-from', {
        sections: [{ heading: null, entries: [{ kind: 'summary', body: 'See [[Links To]] and [[Not Written Yet|a page to come]].' }], subArticles: [{ target: 'Links Sub', label: 'Links Sub' }] }],
        alsoSee: [{ target: 'Not Written Yet', label: 'Not Written Yet' }],
      }),
    );
    let wanted = await queries.wantedPages();
    expect(wanted.find((w) => w.slug === 'not-written-yet')).toEqual({ slug: 'not-written-yet', title: 'Not Written Yet', linkCount: 1, linkedFrom: [{ slug: 'links-from', title: 'Links From' }] });
    expect(wanted.map((w) => w.slug)).toEqual(expect.arrayContaining(['links-to', 'links-sub']));

    await store.savePage(page('links-to'));
    wanted = await queries.wantedPages();
    expect(wanted.map((w) => w.slug)).not.toContain('links-to');
    expect((await queries.page('links-to'))!.backlinks).toEqual([{ slug: 'links-from', title: 'Links From' }]);
    const from = (await queries.page('links-from'))!;
    expect(from.inlineLinks.map((l) => [l.targetSlug, l.resolvedSlug])).toEqual([
      ['links-to', 'links-to'],
      ['not-written-yet', null],
    ]);
    expect(from.sections[0]!.subArticles.map((l) => l.resolvedSlug)).toEqual([null]);
  });

  it('renaming keeps the old address as a redirect; links to the old name still resolve and still count as backlinks', async () => {
    await store.savePage(page('rename-me'));
    await store.savePage(page('rename-linker', { sections: [{ heading: null, entries: [{ kind: 'summary', body: 'See [[Rename Me]].' }] }] }));
    await store.savePage(page('renamed-page', { title: 'Renamed Page' }), { previousSlug: 'rename-me' });

    expect(await queries.page('rename-me')).toBeNull();
    expect(await queries.redirectFor('rename-me')).toBe('renamed-page');
    expect((await queries.page('renamed-page'))!.backlinks).toEqual([{ slug: 'rename-linker', title: 'Rename Linker' }]);
    expect((await queries.page('rename-linker'))!.inlineLinks[0]).toMatchObject({ targetSlug: 'rename-me', resolvedSlug: 'renamed-page' });
    expect((await queries.wantedPages()).map((w) => w.slug)).not.toContain('rename-me');

    // A new page taking the old address ends the redirect.
    await store.savePage(page('rename-me', { title: 'A New Rename Me' }));
    expect(await queries.redirectFor('rename-me')).toBeNull();
    expect((await queries.page('rename-linker'))!.inlineLinks[0]!.resolvedSlug).toBe('rename-me');
  });

  it('refuses to rename a page onto an address another page uses', async () => {
    await store.savePage(page('taken-a'));
    await store.savePage(page('taken-b'));
    expect(await problemsOf(store.savePage(page('taken-b'), { previousSlug: 'taken-a' }))).toEqual({ slug: 'the address "taken-b" is already used by another page' });
    expect(await queries.page('taken-a')).not.toBeNull();
  });

  it('soft-deletes a page (hidden, links to it become wanted) and restores it', async () => {
    await store.savePage(page('delete-me'));
    await store.savePage(page('delete-linker', { sections: [{ heading: null, entries: [{ kind: 'summary', body: 'See [[Delete Me]].' }] }] }));
    const count = await queries.pageCount();

    await store.deletePage('delete-me');
    expect(await queries.page('delete-me')).toBeNull();
    expect(await queries.pageCount()).toBe(count - 1);
    expect((await queries.tree()).bySlug.has('delete-me')).toBe(false);
    expect((await queries.wantedPages()).map((w) => w.slug)).toContain('delete-me');
    expect(await problemsOf(store.deletePage('delete-me'))).toEqual({ slug: 'no page "delete-me"' });

    await store.restorePage('delete-me');
    expect((await queries.page('delete-me'))!.backlinks).toEqual([{ slug: 'delete-linker', title: 'Delete Linker' }]);
    expect(await queries.pageCount()).toBe(count);
    expect(await problemsOf(store.restorePage('delete-me'))).toEqual({ slug: 'no deleted page "delete-me"' });
  });

  it('refuses to move a page under itself or under one of its own sub-pages', async () => {
    await store.savePage(page('cycle-top'));
    await store.savePage(page('cycle-middle', { parentSlug: 'cycle-top' }));
    await store.savePage(page('cycle-bottom', { parentSlug: 'cycle-middle' }));

    const message = 'a page cannot be moved under itself or one of its own sub-pages';
    expect(await problemsOf(store.savePage(page('cycle-top', { parentSlug: 'cycle-bottom' })))).toEqual({ parentSlug: message });
    expect(await problemsOf(store.savePage(page('cycle-top', { parentSlug: 'cycle-top' })))).toEqual({ parentSlug: message });
    const tree = await queries.tree();
    expect(tree.bySlug.get('cycle-top')!.parentId).toBeNull();
    expect(tree.bySlug.get('cycle-bottom')!.depth).toBe(2);

    // Moving the other way round is fine.
    await store.savePage(page('cycle-bottom', { parentSlug: 'cycle-top' }));
    expect((await queries.tree()).bySlug.get('cycle-bottom')!.depth).toBe(1);
  });

  it('reports an unknown citation key, author and parent as field problems and writes nothing', async () => {
    const version = await queries.contentVersion();
    const count = await queries.pageCount();
    const problems = await problemsOf(
      store.savePage(
        page('bad-references', {
          parentSlug: 'no-such-parent',
          authorKeys: ['test-editor', 'nobody'],
          reviewedByKey: 'no-reviewer',
          sections: [{ heading: null, entries: [{ kind: 'research', citationKey: 'unknown-1999', body: 'Cites [@pmid:999999].' }] }],
        }),
      ),
    );
    expect(problems).toEqual({
      parentSlug: 'there is no page "no-such-parent" to put this page under',
      authorKeys: 'unknown author: nobody',
      reviewedByKey: 'unknown reviewer: no-reviewer',
      citations: 'unknown citation keys: unknown-1999, pmid:999999',
    });
    expect(await queries.page('bad-references')).toBeNull();
    expect(await queries.pageCount()).toBe(count);
    expect(await queries.contentVersion()).toBe(version);
  });

  it('reports document problems by field path, keeping nothing', async () => {
    const problems = await problemsOf(store.savePage(page('Bad Slug', { title: '  ', createdOn: '2024-02-30' })));
    expect(Object.keys(problems).sort()).toEqual(['createdOn', 'slug', 'title']);
    expect(problems.createdOn).toBe('is not a real calendar date');
  });

  it('imports the demo content: 35 pages, every link and citation resolved', async () => {
    const demo = await createTestDatabase();
    try {
      const demoStore = createDirectoryStore(demo.handle.db);
      const result = await importContent(demo.handle.db, demoStore, join(packageRoot(), 'content'));
      const demoQueries = createDirectoryQueries(demo.handle.db);
      expect(result.pages).toBe(35);
      expect(await demoQueries.pageCount()).toBe(35);
      const tree = await demoQueries.tree();
      expect(tree.order).toHaveLength(35);
      expect(tree.bySlug.get('causes-of-scleroderma')!.parentId).toBe(tree.bySlug.get('scleroderma-symptoms')!.id);
      expect((await demoQueries.bibliography()).length).toBe(result.citations);
    } finally {
      await demo.drop();
    }
  });
});
