import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../accounts/context.js';
import { createUserStore } from '../../accounts/users.js';
import { importContent } from '../../content/import.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { PageDocumentInput } from '../../directory/document.js';
import { createDirectoryStore } from '../../directory/store.js';
import { packageRoot } from '../../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../../test/support/database.js';
import { type Actor, createEditingService } from './index.js';

const skip = await skipWithoutDatabase();

// Editors creating a new page at the same address at the same moment, on
// servers of their own where the backend allows several (PostgreSQL): one
// draft is stored, every other editor is told the address is taken, and no
// second draft is left behind under that address.
describe.skipIf(skip)('editing service: two new pages at one address', () => {
  let database: TestDatabase;
  const extra: DatabaseHandle[] = [];
  let services: Array<ReturnType<typeof createEditingService>>;
  let actors: Actor[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database.handle;
    await importContent(db, createDirectoryStore(db), join(packageRoot(), 'content'));
    // SQLite has one server per file; PostgreSQL gets two, each with its own pool.
    const handles = database.handle.dialect === 'postgres' ? [database.handle, database.reopen()] : [database.handle];
    extra.push(...handles.slice(1));
    services = handles.map((h) => createEditingService({ db: h.db, store: createDirectoryStore(h.db) }));
    actors = [];
    for (let i = 0; i < 4; i++) {
      const row = await createUserStore(db).create({ email: `racer${i}@example.org`, name: `Racer ${i}`, role: 'editor', passwordHash: null });
      const user: CurrentUser = { id: row.id, email: row.email, name: row.name, role: 'editor', authorKey: null };
      actors.push({ user, ip: '127.0.0.1' });
    }
  });

  afterAll(async () => {
    for (const h of extra) await h.close();
    await database?.drop();
  });

  const draft = (slug: string, words: string): PageDocumentInput => ({
    slug,
    title: `Causes: ${words}`,
    parentSlug: 'causes-of-scleroderma',
    position: 99,
    summary: `${words} in our own words.`,
    authorKeys: ['example-editor'],
    createdOn: '2000-01-01',
    sections: [{ heading: 'Notes', entries: [{ kind: 'summary', body: `Text by ${words}.` }], subArticles: [], alsoSee: [] }],
  });

  it('stores one draft; every other editor gets the address-taken answer and nothing is written for them', async () => {
    for (let round = 0; round < 5; round++) {
      const slug = `causes-race-${round}`;
      const outcomes = await Promise.all(
        actors.map((actor, i) => services[i % services.length]!.save({ pageKey: null, document: draft(slug, `racer ${i}`), summary: 'new page', baseRevisionId: 0, actor })),
      );
      const kinds = outcomes.map((o) => o.kind).sort();
      expect(kinds, `round ${round}`).toEqual(['invalid', 'invalid', 'invalid', 'saved']);
      for (const o of outcomes) {
        if (o.kind === 'invalid') expect(o.problems).toEqual([{ path: 'slug', message: `the address "${slug}" is already taken by another new page that is still a draft` }]);
      }
      const rows = await database.handle.db.selectFrom('page_revisions').select(['page_key']).where('slug', '=', slug).execute();
      expect(rows, `round ${round}: drafts stored at ${slug}`).toHaveLength(1);
      // The address opens the draft that was stored, with its author's text.
      const saved = outcomes.find((o) => o.kind === 'saved')!;
      if (saved.kind !== 'saved') throw new Error('unreachable');
      expect(await services[0]!.locate(slug)).toEqual({ kind: 'draft', pageKey: saved.revision.pageKey, slug });
    }
  });

  it('does not let a new page take an address a draft renaming another page has claimed (it would be stranded once that is published)', async () => {
    const service = services[0]!;
    const located = await service.locate('causes-silica');
    if (located.kind !== 'page') throw new Error(located.kind);
    const head = (await service.read.head(located.pageKey))!;
    const renamed = await service.save({ pageKey: located.pageKey, document: { ...head.document, slug: 'causes-silica-renamed' }, summary: 'rename', baseRevisionId: head.id, actor: actors[0]! });
    expect(renamed.kind).toBe('saved');
    const newcomer = await service.save({ pageKey: null, document: draft('causes-silica-renamed', 'newcomer'), summary: 'new page', baseRevisionId: 0, actor: actors[1]! });
    expect(newcomer).toEqual({ kind: 'invalid', problems: [{ path: 'slug', message: 'the address "causes-silica-renamed" is already taken by a draft that renames another page to it' }] });
    // The renaming page itself may go on saving at its new address.
    if (renamed.kind !== 'saved') throw new Error('unreachable');
    const again = await service.save({ pageKey: located.pageKey, document: { ...renamed.revision.document, summary: 'Still renamed.' }, summary: 'more', baseRevisionId: renamed.revision.id, actor: actors[0]! });
    expect(again.kind).toBe('saved');
  });
});
