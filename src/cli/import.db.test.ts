import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryQueries } from '../directory/queries.js';
import { packageRoot } from '../web/package-root.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { runImport } from './import.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('import command', () => {
  let database: TestDatabase;
  let folder: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    folder = mkdtempSync(join(tmpdir(), 'atoz-content-'));
    cpSync(join(packageRoot(), 'content'), folder, { recursive: true });
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports the demo, then re-imports an edited page in place', async () => {
    const first = await runImport(database.handle.db, folder);
    expect(first.pages).toBe(35);
    const queries = createDirectoryQueries(database.handle.db);
    const file = join(folder, 'pages', 'causes-silica.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Causes: Silica dust"'));
    await runImport(database.handle.db, folder);
    expect(await queries.pageCount()).toBe(35);
    expect((await queries.page('causes-silica'))?.title).toBe('Causes: Silica dust');
  });

  it('imports nothing when one file is broken', async () => {
    const queries = createDirectoryQueries(database.handle.db);
    const before = await queries.contentVersion();
    writeFileSync(join(folder, 'pages', 'causes-stress.md'), '---\ntitle: Stress\ncreated: 2013-06-20\n---\n::: research\nno citation\n:::\n');
    const file = join(folder, 'pages', 'causes-silica.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Causes: Silica again"'));
    await expect(runImport(database.handle.db, folder)).rejects.toThrow(/causes-stress\.md:\d+: .*needs its citation/);
    expect((await queries.page('causes-silica'))?.title).toBe('Causes: Silica dust');
    expect(await queries.contentVersion()).toBe(before);
  });
});
