import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import type { PageDocumentInput } from '../directory/document.js';
import { ContentValidationError } from '../directory/errors.js';
import { createDirectoryQueries } from '../directory/queries.js';
import { type DirectoryStore, createDirectoryStore } from '../directory/store.js';
import type { TranslationDocumentInput } from './document.js';
import { createTranslationQueries } from './queries.js';
import { readTranslation } from './reading.js';
import { publishTranslation, translationSourceIndexer } from './store.js';

const skip = await skipWithoutDatabase();

/** Placeholder pages and translations: no medical content. */
function english(intro: string, second: string): PageDocumentInput {
  return {
    slug: 'tr-page',
    title: 'Translation Test',
    parentSlug: null,
    position: 0,
    createdOn: '2024-01-15',
    sections: [
      { heading: null, entries: [{ kind: 'summary', body: intro }] },
      { heading: 'Second part', entries: [{ kind: 'summary', body: second }] },
      { heading: 'Third part', entries: [{ kind: 'summary', body: 'Third placeholder.' }] },
    ],
  };
}

const spanish: TranslationDocumentInput = {
  lang: 'es',
  title: 'Prueba de traducción',
  translators: [{ name: 'Ana Traductora', credentials: 'Traductora médica' }],
  sections: [
    { sourceAnchor: 'introduction', heading: null, entries: ['Texto de prueba uno.'] },
    { sourceAnchor: 'second-part', heading: 'Segunda parte', entries: ['Texto de prueba dos.'] },
  ],
};

describe.skipIf(skip)('translation store', () => {
  let database: TestDatabase;
  let store: DirectoryStore;
  let pageId: number;
  const at = '2026-11-01T10:00:00.000Z';
  let now = new Date('2026-11-20T09:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    store = createDirectoryStore(database.handle.db, [translationSourceIndexer(() => now)]);
    pageId = await store.savePage(english('First placeholder text.', 'Second placeholder text.'));
  });
  afterAll(async () => database?.drop());

  const db = () => database.handle.db;
  const published = () => createTranslationQueries(db()).published(pageId, 'es');
  const readerPage = async () => readTranslation((await createDirectoryQueries(db()).page('tr-page'))!, (await published())!);

  it('publishes a translation tied to the English sections it translates', async () => {
    await db().transaction().execute((tx) => publishTranslation(tx, pageId, spanish, { reviewerName: null, reviewedAt: null, revisionId: null, at }));
    const reading = await readerPage();
    expect(reading.page.title).toBe('Prueba de traducción');
    expect(reading.page.sections.map((s) => s.heading)).toEqual([null, 'Segunda parte', 'Third part']);
    expect(reading.page.sections[1]!.entries[0]!.body).toBe('Texto de prueba dos.');
    expect([...reading.sections.values()].map((s) => s.kind)).toEqual(['translated', 'translated', 'untranslated']);
    expect([reading.translatedCount, reading.total]).toEqual([2, 3]);
    expect(await createTranslationQueries(db()).languagesOf(pageId)).toEqual(['en', 'es']);
  });

  it('refuses a section the English page does not have, or with a different number of entries', async () => {
    const bad = { ...spanish, sections: [{ sourceAnchor: 'nowhere', heading: 'X', entries: ['x'] }, { sourceAnchor: 'second-part', heading: 'Y', entries: ['a', 'b'] }] };
    const error = await db()
      .transaction()
      .execute((tx) => publishTranslation(tx, pageId, bad, { reviewerName: null, reviewedAt: null, revisionId: null, at }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentValidationError);
    expect((error as ContentValidationError).problems.map((p) => p.path)).toEqual(['sections.0.sourceAnchor', 'sections.1.entries']);
    expect((await published())!.title).toBe('Prueba de traducción');
  });

  it('marks only the changed section outdated when the English changes, and shows what changed', async () => {
    now = new Date('2026-11-20T09:00:00.000Z');
    await store.savePage(english('First placeholder text.', 'Second placeholder text, reworded.'));
    const reading = await readerPage();
    const [intro, second] = [...reading.sections.values()];
    expect(intro!.kind).toBe('translated');
    expect(second).toMatchObject({ kind: 'outdated', since: '2026-11-20T09:00:00.000Z' });
    const changes = second!.kind === 'outdated' ? second!.changes : [];
    expect(changes.filter((p) => p.type === 'ins').map((p) => p.text).join('')).toContain('reworded');
    // The translation is still shown, in its language.
    expect(reading.page.sections[1]!.entries[0]!.body).toBe('Texto de prueba dos.');
  });

  it('keeps a section current through a minor English change', async () => {
    await db().transaction().execute((tx) => publishTranslation(tx, pageId, spanish, { reviewerName: 'Rita Revisora', reviewedAt: at, revisionId: null, at }));
    const revisionId = await minorRevision('minor');
    await store.savePage(english('First placeholder text!', 'Second placeholder text, reworded.'), { change: { revisionId } });
    const reading = await readerPage();
    expect([...reading.sections.values()].map((s) => s.kind)).toEqual(['translated', 'translated', 'untranslated']);
  });

  it('shows readers the current English of a section outdated by a safety-relevant change', async () => {
    const revisionId = await minorRevision('safety');
    await store.savePage(english('First placeholder text!', 'Second text, changed for safety.'), { change: { revisionId } });
    const reading = await readerPage();
    expect(reading.sections.get(reading.page.sections[1]!.id)!.kind).toBe('safety');
    expect(reading.page.sections[1]!.entries[0]!.body).toBe('Second text, changed for safety.');
    expect(reading.page.sections[1]!.heading).toBe('Second part');
    expect(reading.sections.get(reading.page.sections[0]!.id)!.kind).toBe('translated');
  });

  it('a section becomes current again when the translator republishes it', async () => {
    await db().transaction().execute((tx) => publishTranslation(tx, pageId, spanish, { reviewerName: 'Rita Revisora', reviewedAt: at, revisionId: null, at }));
    const reading = await readerPage();
    expect([...reading.sections.values()].map((s) => s.kind)).toEqual(['translated', 'translated', 'untranslated']);
  });

  /** A page revision carrying how its publication affects translations (as the editor stores it). */
  async function minorRevision(impact: 'minor' | 'safety'): Promise<number> {
    const { id } = await db()
      .insertInto('page_revisions')
      .values({ page_key: `page:${pageId}`, number: Math.floor(Math.random() * 1e6) + 10, slug: 'tr-page', title: 'Translation Test', document: '{}', author_user_id: null, summary: '', created_at: at, base_revision_id: null, state: 'draft', submitted_at: null, reviewed_by_user_id: null, reviewed_at: null, published_at: null, save_key: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('source_change_impacts').values({ revision_id: id, impact }).execute();
    return id;
  }
});
