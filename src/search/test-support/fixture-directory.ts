import { join } from 'node:path';
import { importContent } from '../../content/import.js';
import type { Db } from '../../db/database.js';
import { type DirectoryStore, createDirectoryStore } from '../../directory/store.js';
import { packageRoot } from '../../web/package-root.js';
import { type TestDatabase, createTestDatabase } from '../../../test/support/database.js';
import { type Search, type SearchSettings, createSearch } from '../search.js';

/** The search fixture directory (test/fixtures/search/content). */
export const FIXTURE_CONTENT = join(packageRoot(), 'test', 'fixtures', 'search', 'content');

export interface SearchFixture {
  database: TestDatabase;
  db: Db;
  search: Search;
  store: DirectoryStore;
  /** A second search over the same index with features switched off. */
  searchWith(settings: Partial<SearchSettings>): Search;
  close(): Promise<void>;
}

/** A fresh database of the run's dialect with the fixture directory imported through the page store (so through the indexer). */
export async function createSearchFixture(contentDir = FIXTURE_CONTENT): Promise<SearchFixture> {
  const database = await createTestDatabase();
  const db = database.handle.db;
  const search = createSearch(db);
  const store = createDirectoryStore(db, [search.indexer]);
  await importContent(db, store, contentDir);
  return {
    database,
    db,
    search,
    store,
    searchWith: (settings) => createSearch(db, settings),
    close: () => database.drop(),
  };
}

/** Slugs of the result pages, best first. */
export async function slugsFor(search: Search, text: string, extra: Omit<Parameters<Search['search']>[0], 'text'> = {}): Promise<string[]> {
  const results = await search.search({ text, perPage: 50, ...extra });
  return results.pages.map((p) => p.slug);
}
