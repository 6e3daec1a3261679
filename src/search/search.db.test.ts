import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageDocumentInput } from '../directory/document.js';
import { sql } from 'kysely';
import { TEST_DIALECT, skipWithoutDatabase } from '../../test/support/database.js';
import { idSpans } from './postgres-backend.js';
import { SynonymGroupError, createSynonymStore } from './synonym-store.js';
import { type SearchFixture, createSearchFixture, slugsFor } from './test-support/fixture-directory.js';

const skip = await skipWithoutDatabase();

/** A one-paragraph page for tests that add their own. */
function page(slug: string, text: string, extra: Partial<PageDocumentInput> = {}): PageDocumentInput {
  return {
    slug, title: `Test ${slug}`, parentSlug: null, position: 50, summary: '', authorKeys: [], createdOn: '2020-01-01',
    sections: [{ heading: null, entries: [{ kind: 'summary', body: text }] }], ...extra,
  };
}

describe.skipIf(skip)('search engine', () => {
  let f: SearchFixture;
  beforeAll(async () => {
    f = await createSearchFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  describe('ranking', () => {
    it('puts title matches above heading matches above text matches', async () => {
      expect(await slugsFor(f.search, 'zephyrine')).toEqual(['zephyrine-overview', 'heading-page', 'body-page']);
    });

    it('puts the words as typed above their synonyms', async () => {
      expect(await slugsFor(f.search, 'coeliac')).toEqual(['coeliac-words', 'celiac-words']);
      expect(await slugsFor(f.search, 'celiac')).toEqual(['celiac-words', 'coeliac-words']);
    });

    it('puts the words as typed above typo corrections, and offers the correction when it finds much more', async () => {
      const results = await f.search.search({ text: 'gravelin' });
      expect(results.pages.map((p) => p.slug)).toEqual(['gravelin-page', 'graveline-page']);
      expect(results.pages.map((p) => p.tier)).toEqual([0, 2]);
      expect(results.didYouMean).toBe('graveline');
    });

    it('orders equally ranked pages by the page, not by when they were last indexed (the same on both databases and after copy-database)', async () => {
      // The same words, the same length: nothing in the text tells these pages apart.
      for (const slug of ['tie-a', 'tie-b', 'tie-c']) await f.store.savePage(page(slug, 'Equiranked twin words.', { title: 'Equiranked' }));
      const before = await slugsFor(f.search, 'equiranked');
      expect(before).toEqual(['tie-c', 'tie-b', 'tie-a']);
      // Saving a page again gives its search documents new ids (as a rebuilt index does after copy-database).
      await f.store.savePage(page('tie-a', 'Equiranked twin words.', { title: 'Equiranked', position: 51 }));
      expect(await slugsFor(f.search, 'equiranked')).toEqual(before);
    });

    it('lets the newer study win a tie', async () => {
      expect(await slugsFor(f.search, 'counting lanternfish')).toEqual(['lanternfish-deep', 'lanternfish-shallow']);
    });
  });

  describe('what is indexed', () => {
    it('finds citation authors, titles and journals', async () => {
      expect((await slugsFor(f.search, 'Quendelby')).sort()).toEqual(['lanternfish-deep', 'lanternfish-shallow']);
      expect((await slugsFor(f.search, 'journal of fictional findings')).sort()).toEqual(['lanternfish-deep', 'lanternfish-shallow']);
      const hit = (await f.search.search({ text: 'deep water' })).pages[0]!.hits[0]!;
      expect(hit).toMatchObject({ kind: 'research', anchor: 'research', year: 2019 });
    });

    it('finds wanted-page titles as plain text of their section (never as a linked page title)', async () => {
      const results = await f.search.search({ text: 'marmalade' });
      expect(results.pages.map((p) => p.slug)).toEqual(['wanted-links']);
      expect(results.pages[0]!.hits[0]).toMatchObject({ kind: 'summary', anchor: 'further-reading', matchedIn: 'text' });
    });

    it('marks the matched words in title and snippet', async () => {
      const [hit] = (await f.search.search({ text: 'zephyrine' })).pages;
      expect(hit!.titleSegments).toEqual([{ text: 'Zephyrine', mark: true }, { text: ' Overview', mark: false }]);
    });
  });

  describe('reader vocabulary', () => {
    it('"dcSSc" finds "diffuse cutaneous" and back', async () => {
      expect(await slugsFor(f.search, 'dcSSc')).toEqual(['abbreviation-page', 'reader-vocabulary']);
      expect(await slugsFor(f.search, 'diffuse cutaneous')).toEqual(['reader-vocabulary', 'abbreviation-page']);
    });

    it('folds diacritics, apostrophes and Greek letters, and knows spelling variants', async () => {
      for (const q of ['Sjogren', 'Sjögren', 'Sjoegren', 'TGFβ', 'TGF beta', 'raynauds', "Reynaud's"]) {
        expect(await slugsFor(f.search, q), q).toEqual(['reader-vocabulary']);
      }
    });

    it('corrects typos from its own vocabulary', async () => {
      const results = await f.search.search({ text: 'zephyrinne' });
      expect(results.pages.map((p) => p.slug)).toEqual(['zephyrine-overview', 'heading-page', 'body-page']);
      expect(results.didYouMean).toBe('zephyrine');
    });

    it('says when no page has all the words, and which words each page lacks', async () => {
      const results = await f.search.search({ text: 'zephyrine lanternfish' });
      expect(results.relaxed).toBe(true);
      expect(results.pages.find((p) => p.slug === 'zephyrine-overview')?.missing).toEqual(['lanternfish']);
    });
  });

  describe('filters and pages', () => {
    it('filters by kind of entry', async () => {
      expect(await slugsFor(f.search, 'lanternfish', { kinds: ['news'] })).toEqual(['lanternfish-shallow']);
      expect((await f.search.search({ text: 'lanternfish', kinds: ['news'] })).pages[0]!.hits.map((h) => h.kind)).toEqual(['news']);
      expect((await slugsFor(f.search, 'lanternfish', { kinds: ['research'] })).sort()).toEqual(['lanternfish-deep', 'lanternfish-shallow']);
    });

    it('filters by publication year', async () => {
      expect(await slugsFor(f.search, 'lanternfish', { yearFrom: 2016 })).toEqual(['lanternfish-deep']);
      expect(await slugsFor(f.search, 'lanternfish', { yearTo: 2005 })).toEqual(['lanternfish-shallow']);
      const mid = await f.search.search({ text: 'lanternfish', yearFrom: 2010, yearTo: 2016 });
      expect(mid.pages.map((p) => [p.slug, p.hits.map((h) => `${h.kind} ${h.year}`)])).toEqual([['lanternfish-shallow', ['news 2015']]]);
    });

    it('pages through many results', async () => {
      for (let i = 1; i <= 13; i++) await f.store.savePage(page(`pager-${i}`, `Paginatus number ${i}.`));
      const first = await f.search.search({ text: 'paginatus' });
      expect([first.total, first.pageCount, first.pages.length]).toEqual([13, 2, 10]);
      const second = await f.search.search({ text: 'paginatus', page: 2 });
      expect(second.pages).toHaveLength(3);
      expect(new Set([...first.pages, ...second.pages].map((p) => p.slug)).size).toBe(13);
      expect((await f.search.search({ text: 'paginatus', page: 99 })).page).toBe(2);
    });
  });

  describe('the index follows the pages, in their transaction', () => {
    it('finds a page as soon as it is saved, and not if the save rolls back', async () => {
      await expect(
        f.db.transaction().execute(async (tx) => {
          await f.store.savePage(page('rolled-back', 'Unlikelyword appears here.'), { tx });
          throw new Error('abandon the save');
        }),
      ).rejects.toThrow('abandon the save');
      expect(await slugsFor(f.search, 'unlikelyword')).toEqual([]);
      expect(await f.db.selectFrom('search_terms').select('term').where('term', '=', 'unlikelyword').execute()).toEqual([]);
      await f.store.savePage(page('kept', 'Unlikelyword appears here.'));
      expect(await slugsFor(f.search, 'unlikelyword')).toEqual(['kept']);
    });

    it('forgets a deleted page, its words and its typo corrections, and finds it again when restored', async () => {
      await f.store.savePage(page('short-lived', 'The obliviate word lives here.'));
      expect(await slugsFor(f.search, 'obliviate')).toEqual(['short-lived']);
      await f.store.deletePage('short-lived');
      expect(await slugsFor(f.search, 'obliviate')).toEqual([]);
      const typo = await f.search.search({ text: 'obliviatte' });
      expect([typo.total, typo.didYouMean]).toEqual([0, null]);
      expect(await f.search.suggest('oblivia')).toEqual([]);
      await f.store.restorePage('short-lived');
      expect(await slugsFor(f.search, 'obliviate')).toEqual(['short-lived']);
    });

    it('counts the documents of each scope as every save and delete changes them', async () => {
      const documentCounts = async () => {
        const rows = await f.db.selectFrom('search_documents').select(['scope']).execute();
        return { page_docs: rows.filter((r) => r.scope === 'page').length, entry_docs: rows.filter((r) => r.scope === 'entry').length };
      };
      const counted = () => f.db.selectFrom('search_terms').select(['page_docs', 'entry_docs']).where('term', '=', '').executeTakeFirst();
      await f.store.savePage(page('counted', 'One summary to count.'));
      expect(await counted()).toEqual(await documentCounts());
      await f.store.deletePage('counted');
      expect(await counted()).toEqual(await documentCounts());
    });

    it('finds the same newest matches whether it reads newest first, collects every match, or looks among the newest ids', async () => {
      const requests = (scan: 'newest-first' | 'all-matches' | 'newest-span', span?: { above: number; newest: number }) =>
        (['page', 'entry'] as const).map((scope) => ({ expression: [[['zephyrine'], ['graveline']]], options: { scope, limit: 3, order: 'recent' as const, scan, span, langs: ['en'] } }));
      const newest = await f.search.backend.match(f.db, requests('newest-first'));
      expect(newest.rows.flat().length).toBeGreaterThan(0);
      expect((await f.search.backend.match(f.db, requests('all-matches'))).rows).toEqual(newest.rows);
      const ids = newest.rows.flat().map((r) => r.id);
      const last = Math.max(...ids);
      // A span holding every match, one holding only the newest (fewer than the limit: asked again), and one holding none.
      for (const span of [{ above: 0, newest: last }, { above: last - 1, newest: last }, { above: last + 10, newest: last + 20 }]) {
        const spanned = await f.search.backend.match(f.db, requests('newest-span', span));
        expect(spanned.rows).toEqual(newest.rows);
        expect(spanned.generation).toBe(newest.generation);
      }
    });

    // A span the word index does not hold would only be asked again over every match (the test above still passes): check the two agree.
    it.runIf(TEST_DIALECT === 'postgres')('names, for any id, a span the word index holds for it (migration 0027 and idSpans agree at every width)', async () => {
      for (const [id, newest] of [[1, 10], [4095, 4096], [4096, 300_000], [70_000, 1_400_000], [1_300_000, 6_000_000]] as const) {
        const row = await sql<{ inside: boolean; outside: boolean }>`
          select atoz_id_span(${id}::integer) @@ ${idSpans(id - 1, newest)}::tsquery as inside,
                 atoz_id_span(${id}::integer) @@ ${idSpans(newest + 2 ** 22, newest + 2 ** 23)}::tsquery as outside`.execute(f.db);
        expect(row.rows[0]).toEqual({ inside: true, outside: false });
      }
    });

    it('forgets words an edit removed', async () => {
      await f.store.savePage(page('edited', 'Before: wingardium.'));
      await f.store.savePage(page('edited', 'After: leviosa.'));
      expect(await slugsFor(f.search, 'wingardium')).toEqual([]);
      expect(await slugsFor(f.search, 'leviosa')).toEqual(['edited']);
    });

    it('rebuilds to the same index it keeps up incrementally', async () => {
      const queries = ['zephyrine', 'lanternfish', 'dcSSc', 'gravelin', 'marmalade', 'coeliac', 'paginatus'];
      const before = await Promise.all(queries.map((q) => slugsFor(f.search, q)));
      const terms = await f.db.selectFrom('search_terms').selectAll().orderBy('term').execute();
      expect(await f.search.rebuild()).toMatchObject({ pages: expect.any(Number), documents: expect.any(Number) });
      expect(await Promise.all(queries.map((q) => slugsFor(f.search, q)))).toEqual(before);
      expect(await f.db.selectFrom('search_terms').selectAll().orderBy('term').execute()).toEqual(terms);
    });

    it('loads many documents through the bulk path', async () => {
      const id = (await f.db.selectFrom('pages').select('id').where('slug', '=', 'body-page').executeTakeFirstOrThrow()).id;
      const docs = Array.from({ length: 1200 }, (_, i) => ({
        pageId: id, scope: 'entry' as const, kind: 'news' as const, anchor: 'introduction', title: '', heading: '', links: '',
        body: `Bulkword number ${i}.`, source: 'Fixture Gazette', year: 2000 + (i % 20),
      }));
      expect(await f.search.bulkLoad(docs, { chunk: 500 })).toEqual({ documents: 1200 });
      expect(await slugsFor(f.search, 'bulkword')).toEqual(['body-page']);
    });
  });

  describe('type-ahead', () => {
    it('completes the word being typed into page titles and headings', async () => {
      expect((await f.search.suggest('zeph'))[0]).toEqual({ label: 'Zephyrine Overview', url: '/directory/zephyrine-overview', context: null, lang: 'en' });
      expect(await f.search.suggest('about zeph')).toContainEqual({ label: 'Heading Page', url: '/directory/heading-page#about-zephyrine', context: 'About zephyrine', lang: 'en' });
    });

    it('suggests nothing for nothing', async () => {
      expect(await f.search.suggest('')).toEqual([]);
      expect(await f.search.suggest('   ')).toEqual([]);
      expect(await f.search.suggest('the')).toEqual([]);
    });
  });
});

describe.skipIf(skip)('synonyms added by editors', () => {
  let f: SearchFixture;
  beforeAll(async () => {
    f = await createSearchFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('take effect on the next search, and stop when removed', async () => {
    const synonyms = createSynonymStore(f.db);
    expect(await slugsFor(f.search, 'westwind')).toEqual([]);
    const id = await synonyms.add(['westwind', 'zephyrine']);
    expect(await slugsFor(f.search, 'westwind')).toEqual(['zephyrine-overview', 'heading-page', 'body-page']);
    expect((await synonyms.list()).find((g) => g.id === id)?.terms).toEqual(['westwind', 'zephyrine']);
    await synonyms.remove(id);
    expect(await slugsFor(f.search, 'westwind')).toEqual([]);
  });

  it('refuses a group that cannot work', async () => {
    const synonyms = createSynonymStore(f.db);
    await expect(synonyms.add(['alone'])).rejects.toThrow(new SynonymGroupError('A synonym group needs at least two different terms.'));
    await expect(synonyms.add(['fine', 'the'])).rejects.toThrow('These terms have no searchable words or are too long: the');
  });
});
