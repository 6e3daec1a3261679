import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { type SearchFixture, createSearchFixture, slugsFor } from '../search/test-support/fixture-directory.js';
import { searchCommand, runSearchRebuild } from './search.js';
import { UsageError } from './command.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('npm run atoz -- search rebuild', () => {
  let f: SearchFixture;
  beforeAll(async () => {
    f = await createSearchFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('fills an index that lost its documents, and reports what it did', async () => {
    // Pages written behind the store's back (a raw bulk import) are not in the index…
    await f.db.transaction().execute(async (tx) => {
      await f.search.backend.removeAll(tx);
      await tx.deleteFrom('search_terms').execute();
    });
    expect(await slugsFor(f.search, 'zephyrine')).toEqual([]);
    const lines: string[] = [];
    expect(await runSearchRebuild(f.db, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^Search index rebuilt: 12 pages, \d+ documents, in \d+\.\d s\.$/);
    // …until the rebuild.
    expect(await slugsFor(f.search, 'zephyrine')).toEqual(['zephyrine-overview', 'heading-page', 'body-page']);
  });

  it('explains a wrong action', async () => {
    await expect(searchCommand.run(['reindex'])).rejects.toThrow(new UsageError('unknown search action "reindex"'));
    await expect(searchCommand.run([])).rejects.toThrow(UsageError);
  });
});
