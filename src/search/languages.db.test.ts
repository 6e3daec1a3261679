import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageDocumentInput } from '../directory/document.js';
import type { Lang } from '../i18n/languages.js';
import { publishTranslation, removeTranslation } from '../translations/store.js';
import type { TranslationDocumentInput } from '../translations/document.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { createSynonymStore } from './synonym-store.js';
import { type SearchFixture, createSearchFixture } from './test-support/fixture-directory.js';

const skip = await skipWithoutDatabase();

function page(slug: string, title: string, text: string, heading: string | null = null): PageDocumentInput {
  return {
    slug, title, parentSlug: null, position: 60, summary: '', authorKeys: [], createdOn: '2020-01-01',
    sections: [{ heading, entries: [{ kind: 'summary', body: text }] }],
  };
}

describe.skipIf(skip)('search in every language', () => {
  let f: SearchFixture;

  /** Publishes a one-section translation of a test page and tells the indexer, as the translation workflow does. */
  async function translate(slug: string, lang: Lang, title: string, text: string, heading: string | null = null): Promise<void> {
    await f.db.transaction().execute(async (tx) => {
      const { id } = await tx.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      const { anchor } = await tx.selectFrom('sections').select('anchor').where('page_id', '=', id).executeTakeFirstOrThrow();
      const doc: TranslationDocumentInput = { lang, title, sections: [{ sourceAnchor: anchor, heading, entries: [text] }] };
      await publishTranslation(tx, id, doc, { reviewerName: null, reviewedAt: null, revisionId: null, at: '2026-01-01T00:00:00.000Z' });
      await f.store.pagesChanged(tx, [id]);
    });
  }

  const found = async (text: string, lang: Lang = 'en') => (await f.search.search({ text, lang })).pages.map((p) => `${p.slug}:${p.titleLang}`);

  beforeAll(async () => {
    f = await createSearchFixture();
    await f.store.savePage(page('quillon-page', 'Quillon overview', 'Quillon plain words in English.', 'Quillon basics'));
    await translate('quillon-page', 'es', 'Quillón: resumen', 'Las palabras de las glándulas quillón en español.', 'Lo básico del quillón');
    await translate('quillon-page', 'ar', 'نظرة عامة على الكويلون', 'تَصَلُّبُ الجِلْدِ في المدرسة.', 'أساسيات');
    await f.store.savePage(page('quillon-english', 'Another quillon page', 'Only English about quillon here.'));
    await f.store.savePage(page('unspaced', 'Unspaced scripts', '強皮症の原因は何ですか。硬皮病的原因。โรคหนังแข็งคืออะไร'));
  });
  afterAll(async () => {
    await f?.close();
  });

  it('finds a translation from its own language’s pages, and only there', async () => {
    expect(await found('glándulas', 'es')).toEqual(['quillon-page:es']);
    // Accents folded, the Spanish plural folded (glándulas → glandula).
    expect(await found('glandula', 'es')).toEqual(['quillon-page:es']);
    expect(await found('glándulas', 'en')).toEqual([]);
    expect(await found('glándulas', 'fr')).toEqual([]);
  });

  it('shows the translation’s title, heading and text to its readers, marked in their language', async () => {
    const [hit] = (await f.search.search({ text: 'básico', lang: 'es' })).pages;
    expect(hit).toMatchObject({ slug: 'quillon-page', title: 'Quillón: resumen', titleLang: 'es' });
    expect(hit!.hits[0]).toMatchObject({ kind: 'section', heading: 'Lo básico del quillón', lang: 'es' });
  });

  it('ranks the reader’s language first: a page matched in its translation before a page matched only in English', async () => {
    expect(await found('quillon', 'es')).toEqual(['quillon-page:es', 'quillon-english:en']);
    // English readers get the English ranking, untouched.
    expect(await found('quillon', 'en')).toEqual(['quillon-page:en', 'quillon-english:en']);
  });

  it('normalises Arabic: tashkeel, alef forms and taa marbuta fold, the article comes off', async () => {
    expect(await found('تصلب', 'ar')).toEqual(['quillon-page:ar']);
    expect(await found('الجلد', 'ar')).toEqual(['quillon-page:ar']);
    expect(await found('مدرسه', 'ar')).toEqual(['quillon-page:ar']);
  });

  it('finds words inside Chinese, Japanese and Thai text written without spaces', async () => {
    for (const q of ['原因', '強皮症', 'หนัง', 'แข็ง']) expect(await found(q), q).toEqual(['unspaced:en']);
  });

  it('keeps synonyms per language: a Spanish group helps Spanish readers', async () => {
    const synonyms = createSynonymStore(f.db);
    const id = await synonyms.add(['GQ', 'glándulas quillón'], 'es');
    try {
      expect((await synonyms.list()).find((g) => g.id === id)).toEqual({ id, terms: ['GQ', 'glándulas quillón'], lang: 'es' });
      expect(await found('GQ', 'es')).toEqual(['quillon-page:es']);
      expect(await found('GQ', 'fr')).toEqual([]);
    } finally {
      await synonyms.remove(id);
    }
  });

  it('leaves out a section outdated by a safety-relevant change (its readers get the English) and a removed translation', async () => {
    const { id } = await f.db.selectFrom('pages').select('id').where('slug', '=', 'quillon-page').executeTakeFirstOrThrow();
    await f.db.transaction().execute(async (tx) => {
      const translation = await tx.selectFrom('page_translations').select('id').where('page_id', '=', id).where('lang', '=', 'es').executeTakeFirstOrThrow();
      await tx.updateTable('translation_sections').set({ safety: 1, outdated_since: '2026-02-01T00:00:00.000Z' }).where('translation_id', '=', translation.id).execute();
      await f.store.pagesChanged(tx, [id]);
    });
    expect(await found('glándulas', 'es')).toEqual([]);
    // The title is still the translation's.
    expect(await found('resumen', 'es')).toEqual(['quillon-page:es']);
    await f.db.transaction().execute(async (tx) => {
      await removeTranslation(tx, id, 'es');
      await f.store.pagesChanged(tx, [id]);
    });
    expect(await found('resumen', 'es')).toEqual([]);
    expect(await found('quillon', 'es')).toEqual(['quillon-page:en', 'quillon-english:en']);
  });
});
