import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../accounts/context.js';
import { createUserStore } from '../../accounts/users.js';
import { importContent } from '../../content/import.js';
import type { Database } from '../../db/schema.js';
import type { PageDocument } from '../../directory/document.js';
import { createDirectoryQueries } from '../../directory/queries.js';
import { createDirectoryStore } from '../../directory/store.js';
import { packageRoot } from '../../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../../test/support/database.js';
import { type Actor, WorkflowError, createEditingService } from './index.js';
import { loadPublishedDocument } from '../published-document.js';
import { declareInterests, declaredAuthorFor } from '../test-support/fixtures.js';
import { createI18n } from '../../i18n/localizer.js';
import { checklistDetail, editingTextOf } from '../views/text.js';

const i18n = createI18n().forLang('en');
/** A checklist item's finding as an English-speaking editor reads it. */
const inEnglish = (detail: Parameters<typeof checklistDetail>[2]) => checklistDetail(editingTextOf(i18n), i18n, detail);

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('editing service: revisions, conflicts, review and publishing', () => {
  let database: TestDatabase;
  let clockNow = new Date('2025-01-31T10:00:00Z');
  let service: ReturnType<typeof createEditingService>;
  let queries: ReturnType<typeof createDirectoryQueries>;
  let editor: Actor;
  let otherEditor: Actor;
  let reviewer: Actor;
  let changed = 0;

  const SLUG = 'causes-silica';

  async function makeUser(email: string, name: string, role: Role): Promise<Actor> {
    const row = await createUserStore(database.handle.db).create({ email, name, role, passwordHash: null });
    const user: CurrentUser = { id: row.id, email: row.email, name: row.name, role, authorKey: null };
    return { user, ip: '127.0.0.1' };
  }

  async function pageKey(slug = SLUG): Promise<string> {
    const located = await service.locate(slug);
    if (located.kind !== 'page' && located.kind !== 'draft') throw new Error(`no page ${slug}: ${located.kind}`);
    return located.pageKey;
  }

  async function head(slug = SLUG) {
    return (await service.read.head(await pageKey(slug)))!;
  }

  function edited(doc: PageDocument, change: Partial<PageDocument>): PageDocument {
    return { ...doc, ...change };
  }

  function withIntro(doc: PageDocument, text: string): PageDocument {
    const [first, ...rest] = doc.sections;
    return { ...doc, sections: [{ ...first!, entries: [{ kind: 'summary', body: text }, ...first!.entries.slice(1)] }, ...rest] };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.handle;
    const store = createDirectoryStore(db);
    await importContent(db, store, join(packageRoot(), 'content'));
    queries = createDirectoryQueries(db);
    service = createEditingService({ db, store, clock: () => clockNow, contentChanged: async () => void changed++ });
    editor = await makeUser('editor@example.org', 'Erin Editor', 'editor');
    otherEditor = await makeUser('second@example.org', 'Sam Second', 'editor');
    reviewer = await makeUser('reviewer@example.org', 'Dr Rita Reviewer', 'reviewer');
    // Everyone the pages name has a current declaration of interests (one test takes it away).
    for (const who of [editor, otherEditor, reviewer]) await declaredAuthorFor(db, who.user);
    await declareInterests(db);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('starts the history of an imported page with the page exactly as published', async () => {
    const key = await pageKey();
    const history = await service.read.history(key);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ number: 1, state: 'published', authorUserId: null });
    const page = await queries.page(SLUG);
    expect(history[0]!.document).toEqual(await loadPublishedDocument(database.handle.db, page!.id));
    // Opening it again does not add a second baseline.
    await service.locate(SLUG);
    expect(await service.read.history(key)).toHaveLength(1);
  });

  it('saves every edit as a new full revision while readers keep seeing the published page', async () => {
    const base = await head();
    const first = await service.save({
      pageKey: base.pageKey,
      document: withIntro(base.document, 'Breathing in silica dust can harm the lungs.'),
      summary: 'Plainer introduction',
      baseRevisionId: base.id,
      actor: editor,
    });
    expect(first.kind).toBe('saved');
    if (first.kind !== 'saved') return;
    expect(first.revision).toMatchObject({ number: 2, state: 'draft', authorName: 'Erin Editor', summary: 'Plainer introduction', baseRevisionId: base.id });
    expect(first.revision.document.updatedOn).toBe('2025-01-31');

    const second = await service.save({
      pageKey: base.pageKey,
      document: edited(first.revision.document, { summary: 'Silica dust and autoimmune disease.' }),
      summary: 'Shorter summary',
      baseRevisionId: first.revision.id,
      actor: editor,
    });
    expect(second.kind).toBe('saved');
    const history = await service.read.history(base.pageKey);
    expect(history.map((r) => [r.number, r.state])).toEqual([
      [3, 'draft'],
      [2, 'superseded'],
      [1, 'published'],
    ]);
    // Each revision is a whole page, not a patch.
    expect(history[0]!.document.sections[0]!.entries[0]).toEqual({ kind: 'summary', body: 'Breathing in silica dust can harm the lungs.' });
    expect(history[1]!.document.summary).toBe(base.document.summary);
    // Readers: unchanged until publish.
    expect((await queries.page(SLUG))!.summary).toBe(base.document.summary);
  });

  it('refuses to overwrite: the second editor from the same base gets the first one’s revision, and nothing is written', async () => {
    const base = await head();
    const mine = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Mine.'), summary: 'mine', baseRevisionId: base.id, actor: editor });
    expect(mine.kind).toBe('saved');
    const count = (await service.read.history(base.pageKey)).length;
    const theirs = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Theirs.'), summary: 'theirs', baseRevisionId: base.id, actor: otherEditor });
    expect(theirs.kind).toBe('conflict');
    if (theirs.kind !== 'conflict' || mine.kind !== 'saved') return;
    expect(theirs.head.id).toBe(mine.revision.id);
    expect(theirs.base?.id).toBe(base.id);
    expect(await service.read.history(base.pageKey)).toHaveLength(count);
    // Resolving: saving again on top of the newest revision works.
    const resolved = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Mine and theirs.'), summary: 'merged', baseRevisionId: theirs.head.id, actor: otherEditor });
    expect(resolved.kind).toBe('saved');
  });

  it('lets exactly one of two simultaneous saves from the same base through', async () => {
    const base = await head();
    const results = await Promise.all(
      [editor, otherEditor].map((actor, i) =>
        service.save({ pageKey: base.pageKey, document: withIntro(base.document, `Racer ${i}.`), summary: `race ${i}`, baseRevisionId: base.id, actor }),
      ),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['conflict', 'saved']);
  });

  it('restores an old revision as a new one, keeping everything in between', async () => {
    const key = await pageKey();
    const before = await service.read.history(key);
    const first = before.at(-1)!;
    const restored = await service.restore(first.id, editor);
    expect(restored.kind).toBe('saved');
    if (restored.kind !== 'saved') return;
    expect(restored.revision.number).toBe(before[0]!.number + 1);
    expect(restored.revision.document).toEqual(first.document);
    expect(restored.revision.summary).toBe('Restored revision 1');
    const after = await service.read.history(key);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1).map((r) => r.document)).toEqual(before.map((r) => r.document));
  });

  it('blocks publishing without a medical review and says what is missing', async () => {
    const base = await head();
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Silica is found in sand and stone.'), summary: 'x', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    const outcome = await service.publish(saved.revision.id, editor);
    expect(outcome.kind).toBe('blocked');
    if (outcome.kind !== 'blocked') return;
    expect(outcome.checklist.find((i) => i.id === 'review')).toMatchObject({ ok: false });
    expect(outcome.checklist.find((i) => i.id === 'author')).toMatchObject({ ok: true });
    expect((await queries.page(SLUG))!.sections[0]!.entries[0]!.body).not.toContain('sand and stone');
  });

  it('blocks publishing a page with no author', async () => {
    const base = await head();
    const saved = await service.save({ pageKey: base.pageKey, document: edited(base.document, { authorKeys: [] }), summary: 'no byline', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    const items = await service.checklist(saved.revision);
    expect(items.find((i) => i.id === 'author')).toMatchObject({ ok: false });
    expect(inEnglish(items.find((i) => i.id === 'author')!.detail)).toMatch(/add at least one author/i);
  });

  it('blocks publishing while someone named has no declaration of interests, or one older than the setting (12 months)', async () => {
    const { db } = database.handle;
    const base = await head();
    const saved = await service.save({ pageKey: base.pageKey, document: edited(withIntro(base.document, 'Declared words.'), { authorKeys: ['example-editor'] }), summary: 'declarations', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await service.submit(saved.revision.id, editor);
    await service.approve(saved.revision.id, reviewer);
    const declarations = async () => (await service.checklist((await service.read.byId(saved.revision.id))!)).find((i) => i.id === 'declarations')!;
    const kept = await db.selectFrom('authors').select(['key', 'declared_on']).execute();
    try {
      // The fixed clock says 2025-01-31: a declaration of 2024-01-30 is more than 12 months old, one of 2024-01-31 is not.
      await db.updateTable('authors').set({ declared_on: '2024-01-30' }).where('key', '=', 'example-editor').execute();
      await db.updateTable('authors').set({ declared_on: null }).where('name', '=', 'Dr Rita Reviewer').execute();
      const refused = await declarations();
      expect(refused).toMatchObject({ ok: false, detail: { kind: 'declarations-missing', missing: ['Dr Rita Reviewer'], outdated: ['Example Editor'] } });
      expect(inEnglish(refused.detail)).toBe(
        'No declaration recorded for Dr Rita Reviewer. The declaration of Example Editor is out of date. Each person makes their own on the “Your declaration” page (/declaration).',
      );
      expect((await service.publish(saved.revision.id, editor)).kind).toBe('blocked');
      expect((await queries.page(SLUG))!.sections[0]!.entries[0]!.body).not.toContain('Declared words.');

      await db.updateTable('authors').set({ declared_on: '2024-01-31' }).where('key', '=', 'example-editor').execute();
      await db.updateTable('authors').set({ declared_on: '2025-01-02' }).where('name', '=', 'Dr Rita Reviewer').execute();
      expect(await declarations()).toMatchObject({ ok: true, detail: { kind: 'declarations-ok', count: 2 } });
    } finally {
      for (const k of kept) await db.updateTable('authors').set({ declared_on: k.declared_on }).where('key', '=', k.key).execute();
    }
  });

  it('does not let the author approve their own revision, nor approve a draft not sent for review', async () => {
    const base = await head();
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Own work.'), summary: 'own', baseRevisionId: base.id, actor: reviewer });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await expect(service.approve(saved.revision.id, otherEditor)).rejects.toThrow(WorkflowError);
    await service.submit(saved.revision.id, reviewer);
    await expect(service.approve(saved.revision.id, reviewer)).rejects.toThrow(/another reviewer/);
  });

  it('records the review on approval and publishes it with the next review date after the page’s interval', async () => {
    const base = await head();
    const text = 'Silica is a mineral in sand, stone and some dusts at work.';
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(edited(base.document, { authorKeys: ['example-editor'] }), text), summary: 'ready', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    expect((await service.submit(saved.revision.id, editor)).state).toBe('in_review');
    const approved = await service.approve(saved.revision.id, reviewer);
    expect(approved).toMatchObject({ state: 'approved', reviewedByUserId: reviewer.user.id, reviewerName: 'Dr Rita Reviewer' });
    expect(approved.document).toMatchObject({ reviewedOn: '2025-01-31', reviewedByKey: 'dr-rita-reviewer', nextReviewOn: '2027-01-31' });
    // The reviewer now has a byline record of their own.
    const author = await database.handle.db.selectFrom('authors').selectAll().where('key', '=', 'dr-rita-reviewer').executeTakeFirst();
    expect(author).toMatchObject({ name: 'Dr Rita Reviewer', role: 'Medical reviewer' });
    const user = await database.handle.db.selectFrom('users').select('author_key').where('id', '=', reviewer.user.id).executeTakeFirstOrThrow();
    expect(user.author_key).toBe('dr-rita-reviewer');

    const changesBefore = changed;
    expect(await service.publish(saved.revision.id, editor)).toEqual({ kind: 'published', slug: SLUG, newsMoved: 0 });
    expect(changed).toBe(changesBefore + 1);
    const page = (await queries.page(SLUG))!;
    expect(page.sections[0]!.entries[0]!.body).toBe(text);
    expect(page).toMatchObject({ reviewedOn: '2025-01-31', nextReviewOn: '2027-01-31', updatedOn: '2025-01-31' });
    expect(page.reviewedBy?.name).toBe('Dr Rita Reviewer');
    const history = await service.read.history(base.pageKey);
    expect(history[0]).toMatchObject({ id: saved.revision.id, state: 'published' });
    expect(history.filter((r) => ['draft', 'in_review', 'approved'].includes(r.state))).toEqual([]);
  });

  it('turns news digests typed into a page into news items naming it when the page is published: one list of news', async () => {
    const base = await head('causes-stress');
    const { db } = database.handle;
    const before = await db.selectFrom('news_items').select('slug').execute();
    const [first, ...rest] = base.document.sections;
    const digest = { kind: 'news' as const, outlet: 'Example Weekly', date: '2024-03-05', headline: 'A headline as the outlet wrote it', url: 'https://news.example/genetics', body: 'A report in our own words. It says more in a second sentence.' };
    const document = { ...base.document, sections: [{ ...first!, entries: [...first!.entries, digest] }, ...rest] };
    const saved = await service.save({ pageKey: base.pageKey, document, summary: 'with news', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await service.submit(saved.revision.id, editor);
    await service.approve(saved.revision.id, reviewer);
    expect(await service.publish(saved.revision.id, editor)).toEqual({ kind: 'published', slug: 'causes-stress', newsMoved: 1 });

    // Readers, and the next editor, see the page without it…
    const page = (await queries.page('causes-stress'))!;
    expect(page.sections.flatMap((s) => s.entries).some((e) => e.kind === 'news')).toBe(false);
    const next = await head('causes-stress');
    expect(next.document.sections.flatMap((s) => s.entries).some((e) => e.kind === 'news')).toBe(false);
    // …and it is in the news list, published, naming the page.
    const added = await db
      .selectFrom('news_items')
      .innerJoin('news_topics', 'news_topics.news_id', 'news_items.id')
      .innerJoin('pages', 'pages.id', 'news_topics.page_id')
      .select(['news_items.slug', 'news_items.headline', 'news_items.source_outlet', 'news_items.source_url', 'news_items.state', 'pages.slug as topic'])
      .where('news_items.slug', 'not in', before.length ? before.map((r) => r.slug) : [''])
      .execute();
    expect(added).toEqual([
      { slug: expect.any(String), headline: 'A report in our own words', source_outlet: 'Example Weekly', source_url: 'https://news.example/genetics', state: 'published', topic: 'causes-stress' },
    ]);

    // Publishing again moves nothing twice.
    const again = await service.save({ pageKey: next.pageKey, document: withIntro(next.document, 'Stress is how the body reacts to pressure.'), summary: 'later', baseRevisionId: next.id, actor: editor });
    if (again.kind !== 'saved') throw new Error(again.kind);
    await service.submit(again.revision.id, editor);
    await service.approve(again.revision.id, reviewer);
    expect(await service.publish(again.revision.id, editor)).toMatchObject({ kind: 'published', newsMoved: 0 });
    expect(await db.selectFrom('news_items').select('id').execute()).toHaveLength(before.length + 1);
  });

  it('keeps an approved revision publishable while a newer draft is worked on', async () => {
    const base = await head('causes-cytokines');
    const approvedText = 'Cytokines are messengers between immune cells.';
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, approvedText), summary: 'to review', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await service.submit(saved.revision.id, editor);
    await service.approve(saved.revision.id, reviewer);
    const newer = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Work in progress.'), summary: 'later', baseRevisionId: saved.revision.id, actor: editor });
    if (newer.kind !== 'saved') throw new Error(newer.kind);
    expect((await service.read.byId(saved.revision.id))!.state).toBe('approved');
    expect((await service.publish(saved.revision.id, editor)).kind).toBe('published');
    expect((await queries.page('causes-cytokines'))!.sections[0]!.entries[0]!.body).toBe(approvedText);
    // The newer draft carries on untouched.
    expect((await service.read.byId(newer.revision.id))!.state).toBe('draft');
    expect((await service.read.head(base.pageKey))!.id).toBe(newer.revision.id);
  });

  it('clamps the next review date to the end of a shorter month', async () => {
    clockNow = new Date('2025-01-31T10:00:00Z');
    const base = await head();
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(edited(base.document, { reviewIntervalMonths: 1 }), 'Monthly check.'), summary: 'monthly', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await service.submit(saved.revision.id, editor);
    expect((await service.approve(saved.revision.id, reviewer)).document.nextReviewOn).toBe('2025-02-28');
  });

  it('moves and renames reviewed text without a new review, keeping the old address working', async () => {
    const base = await head();
    // The approved-but-unpublished revision above is published first, so the page has a review.
    await service.publish(base.id, editor);
    const published = await head();
    const saved = await service.save({
      pageKey: published.pageKey,
      document: edited(published.document, { slug: 'silica-exposure', position: 3 }),
      summary: 'Rename',
      baseRevisionId: published.id,
      actor: editor,
    });
    if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
    const items = await service.checklist(saved.revision);
    expect(inEnglish(items.find((i) => i.id === 'review')!.detail)).toMatch(/unchanged since the review/);
    expect(await service.publish(saved.revision.id, editor)).toEqual({ kind: 'published', slug: 'silica-exposure', newsMoved: 0 });
    expect(await queries.redirectFor(SLUG)).toBe('silica-exposure');
    expect((await queries.page('silica-exposure'))!.reviewedOn).toBe('2025-01-31');
    expect(await service.locate(SLUG)).toEqual({ kind: 'moved', slug: 'silica-exposure' });
  });

  it('creates a new page as a draft that only becomes a page when published', async () => {
    const parent = await queries.page('causes-of-scleroderma');
    const saved = await service.save({
      pageKey: null,
      document: {
        slug: 'causes-quartz-dust',
        title: 'Causes: Quartz Dust',
        parentSlug: 'causes-of-scleroderma',
        position: 99,
        summary: 'Quartz is one kind of silica.',
        authorKeys: ['example-editor'],
        createdOn: '2000-01-01',
        sections: [{ heading: 'Research', entries: [{ kind: 'research', citationKey: 'klareskog-2010', body: 'A review of prevention.' }], subArticles: [], alsoSee: [] }],
      },
      summary: 'New page',
      baseRevisionId: 0,
      actor: editor,
    });
    if (saved.kind !== 'saved') throw new Error(JSON.stringify(saved));
    expect(saved.revision.pageKey).toMatch(/^draft:/);
    expect(saved.revision.document.createdOn).toBe('2025-01-31');
    expect(await queries.page('causes-quartz-dust')).toBeNull();
    expect(await service.locate('causes-quartz-dust')).toEqual({ kind: 'draft', pageKey: saved.revision.pageKey, slug: 'causes-quartz-dust' });

    await service.submit(saved.revision.id, editor);
    await service.approve(saved.revision.id, reviewer);
    expect((await service.publish(saved.revision.id, otherEditor)).kind).toBe('published');
    const page = (await queries.page('causes-quartz-dust'))!;
    expect(page.title).toBe('Causes: Quartz Dust');
    expect((await queries.tree()).bySlug.get('causes-quartz-dust')!.parentId).toBe(parent!.id);
    const located = await service.locate('causes-quartz-dust');
    expect(located).toMatchObject({ kind: 'page', pageKey: `page:${page.id}` });
    expect((await service.read.history(`page:${page.id}`)).map((r) => r.number)).toEqual([1]);
  });

  it('refuses drafts with problems, says what they are, and writes nothing', async () => {
    const base = await head('causes-of-scleroderma');
    const count = (await service.read.history(base.pageKey)).length;
    const tryDoc = (change: Partial<PageDocument>) =>
      service.save({ pageKey: base.pageKey, document: edited(base.document, change), summary: 'bad', baseRevisionId: base.id, actor: editor });
    const problems = async (change: Partial<PageDocument>) => {
      const outcome = await tryDoc(change);
      if (outcome.kind !== 'invalid') throw new Error(`expected invalid, got ${outcome.kind}`);
      return outcome.problems;
    };
    expect(await problems({ title: 'x'.repeat(201) })).toEqual([{ path: 'title', message: 'must be at most 200 characters' }]);
    expect(await problems({ slug: 'causes-genetics' })).toEqual([{ path: 'slug', message: 'the address "causes-genetics" is already used by another page' }]);
    // Under its own child: causes-genetics sits below causes-of-scleroderma.
    expect(await problems({ parentSlug: 'causes-genetics' })).toEqual([{ path: 'parentSlug', message: 'a page cannot be moved under itself or one of its own sub-pages' }]);
    expect(await problems({ parentSlug: 'causes-of-scleroderma' })).toEqual([{ path: 'parentSlug', message: 'a page cannot be moved under itself or one of its own sub-pages' }]);
    expect(await problems({ authorKeys: ['nobody-here'] })).toEqual([{ path: 'authorKeys', message: 'no author with the key "nobody-here"' }]);
    const cites = await problems({ sections: [{ heading: 'A', entries: [{ kind: 'research', citationKey: 'no-such-study-1999', body: 'Text [@pmid:1].' }], subArticles: [], alsoSee: [] }] });
    expect(cites).toHaveLength(1);
    expect(cites[0]!.message).toMatch(/unknown citation keys \[@no-such-study-1999\], \[@pmid:1\]/);
    const dates = await problems({ sections: [{ heading: 'A', entries: [{ kind: 'news', outlet: 'Paper', date: '2024-02-30', body: 'Text.' }], subArticles: [], alsoSee: [] }] });
    expect(dates).toEqual([{ path: 'sections.0.entries.0.date', message: 'is not a real calendar date' }]);
    expect(await service.read.history(base.pageKey)).toHaveLength(count);
  });

  it('soft-deletes a page and brings it back', async () => {
    const located = await service.locate('causes-genetics');
    if (located.kind !== 'page') throw new Error(located.kind);
    await service.deletePage(located.pageId, editor);
    expect(await queries.page('causes-genetics')).toBeNull();
    expect(await service.locate('causes-genetics')).toMatchObject({ kind: 'page', deleted: true });
    await service.restorePage(located.pageId, editor);
    expect((await queries.page('causes-genetics'))!.title).toBe('Causes: Genetics');
    const actions = await database.handle.db.selectFrom('audit_log').select('action').where('subject_id', '=', 'causes-genetics').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['page.delete', 'page.undelete']);
  });

  it('audits every write with who did it', async () => {
    const rows = await database.handle.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('action', 'like', 'page.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['page.save', 'page.submit', 'page.review', 'page.publish', 'page.restore_revision', 'page.delete', 'page.undelete']) expect(actions).toContain(a);
    expect(rows.every((r) => r.actor_user_id !== null)).toBe(true);
  });

  it('has the revision on disk, visible to a separate connection, by the time save returns', async () => {
    const base = await head('causes-of-scleroderma');
    const saved = await service.save({ pageKey: base.pageKey, document: withIntro(base.document, 'Durable words.'), summary: 'durable', baseRevisionId: base.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    const other =
      database.handle.dialect === 'sqlite'
        ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(database.handle.location, { readonly: true }) }) })
        : new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.location, max: 1 }) }) });
    try {
      const row = await other.selectFrom('page_revisions').select('document').where('id', '=', saved.revision.id).executeTakeFirstOrThrow();
      expect(row.document).toContain('Durable words.');
    } finally {
      await other.destroy();
    }
  });
});
