import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAtoz } from '../app.js';
import { loadConfig } from '../config.js';
import { openSqliteFile } from '../db/database.js';
import type { Db } from '../db/database.js';
import { seedUser } from '../accounts/test-support/session-client.js';
import { createForumSearch } from '../community/search.js';
import { makeMember, makeTopic } from '../community/test-support/community.js';
import { createSearch } from '../search/search.js';
import { createStoryStore } from '../stories/store.js';
import { makeStory } from '../stories/test-support/stories.js';
import { packageRoot } from '../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutPostgres } from '../../test/support/database.js';
import { UsageError } from './command.js';
import { copyDatabaseCommand } from './copy-database.js';

const skip = await skipWithoutPostgres();

/** Slugs of pages the search finds for a word. */
async function found(db: Db, text: string): Promise<string[]> {
  return (await createSearch(db).search({ text })).pages.map((p) => p.slug);
}

/** Runs the command as `npm run atoz -- copy-database …` would, keeping what it printed. */
async function run(args: string[]) {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
  try {
    return { code: await copyDatabaseCommand.run(args), printed: printed.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe.skipIf(skip)('npm run atoz -- copy-database', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let backDir: string;

  beforeAll(async () => {
    source = await createTestDatabase({ dialect: 'sqlite' });
    await (await createAtoz(loadConfig({}, { dataDir: source.dataDir, contentDir: join(packageRoot(), 'content'), worker: false }), { database: source.handle })).close();
    // A forum post and a story, so their search (kept beside the pages') is copied too.
    const member = await seedUser(source.handle.db, 'member');
    await makeMember(source.handle.db, member.id);
    await makeTopic(source.handle.db, member.id, { title: 'Copied topic', body: 'A post about quillwort gloves.' });
    await makeStory(source.handle.db, { status: 'published', body: 'A story about quillwort walks.' });
    target = await createTestDatabase({ dialect: 'postgres', migrate: false });
    backDir = mkdtempSync(join(tmpdir(), 'atoz-cli-copy-'));
  });
  afterAll(async () => {
    await target?.drop();
    await source?.drop();
    if (backDir) rmSync(backDir, { recursive: true, force: true });
  });

  it('copies the demo to PostgreSQL, verifies it and leaves a working search index there', async () => {
    const before = await found(source.handle.db, 'silica');
    expect(before).toContain('causes-silica');

    const { code, printed } = await run(['--from', source.dataDir, '--to', target.location]);
    expect(code).toBe(0);
    expect(printed).toContain('Every table matches the source (row counts and sha256 content checksums).');
    expect(printed).toMatch(/Search index rebuilt: 35 pages, \d+ documents, 1 forum posts, 1 stories\./);
    // Not a TTY here: plain progress lines.
    expect(printed).toMatch(/ {2}pages: 35 rows copied/);
    expect(await found(target.handle.db, 'silica')).toEqual(before);
    expect((await createForumSearch(target.handle.db).search({ text: 'quillwort', lang: 'en', signedIn: false, page: 1 })).hits.map((h) => h.topicTitle)).toEqual(['Copied topic']);
    expect((await createStoryStore(target.handle.db).search('quillwort', 'en', 1)).total).toBe(1);
  });

  it('copies back to a new SQLite file whose full-text index works too', async () => {
    const { code } = await run(['--from', target.location, '--to', join(backDir, 'atoz.sqlite')]);
    expect(code).toBe(0);
    const back = openSqliteFile(join(backDir, 'atoz.sqlite'), { mustExist: true });
    try {
      expect(await found(back.db, 'silica')).toEqual(await found(source.handle.db, 'silica'));
      expect((await createForumSearch(back.db).search({ text: 'quillwort', lang: 'en', signedIn: false, page: 1 })).total).toBe(1);
      expect((await createStoryStore(back.db).search('quillwort', 'en', 1)).total).toBe(1);
    } finally {
      await back.close();
    }
  });

  it('explains a wrong command line', async () => {
    await expect(copyDatabaseCommand.run(['--from', 'x.sqlite'])).rejects.toThrow(new UsageError('both --from and --to are required'));
    await expect(copyDatabaseCommand.run(['--from', 'a', '--to', 'b', '--batch-size', 'lots'])).rejects.toThrow('--batch-size must be a whole number from 1 to 10000, not "lots"');
    await expect(copyDatabaseCommand.run(['--form', 'a'])).rejects.toBeInstanceOf(UsageError);
  });
});
