import { join } from 'node:path';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAtoz } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createDirectoryQueries } from '../../directory/queries.js';
import { createDirectoryStore } from '../../directory/store.js';
import { packageRoot } from '../../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutPostgres } from '../../../test/support/database.js';
import { type Db, openSqliteFile } from '../database.js';
import { type CopyProgress, copyDatabase } from './copy-database.js';
import { tableNames } from './introspect.js';

const skip = await skipWithoutPostgres();

/** Everything a reader can see, page by page, so two databases can be compared as readers would. */
async function readerView(db: Db) {
  const queries = createDirectoryQueries(db);
  const tree = await queries.tree();
  // Sorted here, not by ORDER BY: the two databases sort text differently (see queries.ts).
  const slugs = (await db.selectFrom('pages').select('slug').execute()).map((r) => r.slug).sort();
  return {
    tree,
    pages: await Promise.all(slugs.map((s) => queries.page(s))),
    wanted: await queries.wantedPages(),
    bibliography: await queries.bibliography(),
    settings: (await db.selectFrom('settings').selectAll().execute()).sort((a, b) => (a.key < b.key ? -1 : 1)),
    version: await queries.contentVersion(),
  };
}

describe.skipIf(skip)('copy-database between SQLite and PostgreSQL', () => {
  let source: TestDatabase;
  let postgres: TestDatabase;
  let back: { dir: string; file: string };
  const events: CopyProgress[] = [];

  beforeAll(async () => {
    source = await createTestDatabase({ dialect: 'sqlite' });
    const config = loadConfig({}, { dataDir: source.dataDir, contentDir: join(packageRoot(), 'content'), worker: false });
    const atoz = await createAtoz(config, { database: source.handle });
    await atoz.close();
    const store = createDirectoryStore(source.handle.db);
    // A parent created after its child: the child row has the smaller id, so a naive copy in id order breaks the foreign key.
    await store.savePage({ slug: 'late-parent', title: 'Late parent', parentSlug: null, position: 99, createdOn: '2024-05-01', sections: [] });
    const early = await source.handle.db.selectFrom('pages').select(['slug', 'title']).orderBy('id').executeTakeFirstOrThrow();
    await store.savePage({ slug: `${early.slug}-moved`, title: early.title, parentSlug: 'late-parent', position: 0, createdOn: '2024-05-01', sections: [] }, { previousSlug: early.slug });
    // Text keys whose order differs between byte order and a language collation.
    await source.handle.db
      .insertInto('settings')
      .values([{ key: 'Zeta', value: '"z"' }, { key: 'alpha', value: '"a"' }, { key: 'Ärger', value: '"ä"' }, { key: 'émigré', value: '"é — ✓"' }])
      .execute();
    postgres = await createTestDatabase({ dialect: 'postgres', migrate: false });
    const dir = mkdtempSync(join(tmpdir(), 'atoz-copy-back-'));
    back = { dir, file: join(dir, 'atoz.sqlite') };
  });

  afterAll(async () => {
    await postgres?.drop();
    await source?.drop();
    if (back) rmSync(back.dir, { recursive: true, force: true });
  });

  it('copies a SQLite directory into an empty PostgreSQL database that readers cannot tell apart', async () => {
    const report = await copyDatabase({ from: join(source.dataDir, 'atoz.sqlite'), to: postgres.location, batchSize: 7, onProgress: (e) => events.push(e) });

    const pageCount = await source.handle.db.selectFrom('pages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(report.tables.find((t) => t.name === 'pages')?.rows).toBe(Number(pageCount.n));
    expect(report.tables.find((t) => t.name === 'links')?.rows).toBeGreaterThan(7);
    expect(report.totalRows).toBe(report.tables.reduce((sum, t) => sum + t.rows, 0));
    // Parents before children: links and sections point at pages, so pages go first.
    const order = report.tables.map((t) => t.name);
    expect(order.indexOf('pages')).toBeLessThan(order.indexOf('sections'));
    expect(order.indexOf('sections')).toBeLessThan(order.indexOf('links'));

    expect(await readerView(postgres.handle.db)).toEqual(await readerView(source.handle.db));
    expect(await createDirectoryQueries(postgres.handle.db).redirectFor((await source.handle.db.selectFrom('slug_redirects').select('old_slug').executeTakeFirstOrThrow()).old_slug)).toMatch(/-moved$/);

    const plan = events.find((e) => e.kind === 'plan');
    expect(plan).toMatchObject({ totalRows: report.totalRows });
    expect(events.filter((e) => e.kind === 'rows' && e.table === 'links').length).toBeGreaterThan(1);
  });

  it('resets PostgreSQL sequences, so the copy takes new pages without id clashes', async () => {
    const store = createDirectoryStore(postgres.handle.db);
    const id = await store.savePage({ slug: 'written-after-the-move', title: 'Written after the move', parentSlug: null, position: 100, createdOn: '2024-06-01', sections: [{ heading: null, entries: [{ kind: 'summary', body: 'New.' }] }] });
    const max = await postgres.handle.db.selectFrom('pages').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    expect(id).toBe(Number(max.m));
    expect(id).toBeGreaterThan(30);
  });

  it('copies back from PostgreSQL into a new SQLite file, identical again', async () => {
    await copyDatabase({ from: postgres.location, to: back.dir });
    const copy = openSqliteFile(back.file, { mustExist: true });
    try {
      expect(await readerView(copy.db)).toEqual(await readerView(postgres.handle.db));
      // SQLite continues ids after the copied ones too.
      const id = await createDirectoryStore(copy.db).savePage({ slug: 'back-on-sqlite', title: 'Back on SQLite', parentSlug: null, position: 101, createdOn: '2024-06-02', sections: [] });
      expect(id).toBeGreaterThan(Number((await copy.db.selectFrom('pages').select((eb) => eb.fn.max('id').as('m')).where('slug', '!=', 'back-on-sqlite').executeTakeFirstOrThrow()).m));
    } finally {
      await copy.close();
    }
  });

  it('refuses a target that is not empty, and leaves it untouched', async () => {
    const before = await readerView(postgres.handle.db);
    await expect(copyDatabase({ from: join(source.dataDir, 'atoz.sqlite'), to: postgres.location })).rejects.toThrow(/is not empty \(it has tables: \w+, \w+/);
    expect(await readerView(postgres.handle.db)).toEqual(before);
  });

  it('refuses to copy a database onto itself, and a source that is not an atoz database', async () => {
    await expect(copyDatabase({ from: source.dataDir, to: join(source.dataDir, 'atoz.sqlite') })).rejects.toThrow('--from and --to are the same database');
    const emptyDir = mkdtempSync(join(tmpdir(), 'atoz-copy-empty-'));
    try {
      await openSqliteFile(join(emptyDir, 'empty.sqlite')).close();
      await expect(copyDatabase({ from: join(emptyDir, 'empty.sqlite'), to: join(emptyDir, 'out.sqlite') })).rejects.toThrow('is not an atoz database');
      expect(existsSync(join(emptyDir, 'out.sqlite'))).toBe(false);
      await expect(copyDatabase({ from: join(emptyDir, 'missing.sqlite'), to: join(emptyDir, 'out.sqlite') })).rejects.toThrow('There is no SQLite database at');
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('leaves the target empty when the copy fails half-way, so it can simply be run again', async () => {
    const bad = await createTestDatabase({ dialect: 'sqlite' });
    const target = await createTestDatabase({ dialect: 'postgres', migrate: false });
    try {
      await bad.handle.db.insertInto('authors').values({ key: 'a', name: 'A', role: '', disclosure: '' }).execute();
      // SQLite stores text in an integer column; PostgreSQL refuses it at insert time.
      await bad.handle.db.insertInto('pages').values({ slug: 'p', title: 'P', parent_id: null, position: 'first' as never, summary: '', created_on: '2024-01-01', changed_at: '2024-01-01T00:00:00.000Z' }).execute();
      await expect(copyDatabase({ from: join(bad.dataDir, 'atoz.sqlite'), to: target.location })).rejects.toThrow(/integer/);
      expect(await tableNames(target.handle.db, 'postgres')).toEqual([]);

      await bad.handle.db.updateTable('pages').set({ position: 1 }).execute();
      const report = await copyDatabase({ from: join(bad.dataDir, 'atoz.sqlite'), to: target.location });
      expect(report.tables.find((t) => t.name === 'pages')?.rows).toBe(1);
    } finally {
      await target.drop();
      await bad.drop();
    }
  });
});
