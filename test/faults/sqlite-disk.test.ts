import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { isDiskFull } from '../../src/db/connection-errors.js';
import { openSqlite } from '../../src/db/database.js';
import { packageRoot } from '../../src/web/package-root.js';
import { runServerToExit } from '../multi-server/server-process.js';
import { makeUnwritable, makeWritable } from '../support/unwritable.js';
import { AtozUnderTest, ConcurrentEditors, fillDisk, missingMarkers, report, runCli, saveOnce, signedIn, smallDisk, within } from './support.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('SQLite on a full disk', () => {
  it('refuses the save with the real reason in the log, keeps every acknowledged one, and saves again once there is room', async () => {
    const dir = scratch('atoz-fault-full-');
    const disk = smallDisk(dir, 24, cleanups);
    const atoz = await createAtoz(loadConfig({}, { dataDir: dir, contentDir: join(packageRoot(), 'content'), worker: false, publicUrl: 'http://atoz.test' }));
    cleanups.push(() => atoz.close());
    const { db } = atoz.database;
    const user = await seedUser(db, 'editor', { name: 'Fay Full' });
    const editor = await SessionClient.signedInAs(atoz.app, db, user.id);
    expect(await saveOnce(editor, 'causes-silica', 'before-full')).toBe(303);
    expect((await atoz.app.request('/directory/causes-silica')).status).toBe(200);

    // Empty the write-ahead log, so the next save must grow a file.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    let freeSpace: () => void;
    if (disk) {
      freeSpace = fillDisk(disk);
    } else {
      // No root: SQLite's own page limit gives the same SQLITE_FULL.
      const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count);
      await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
      freeSpace = () => void sql.raw('pragma max_page_count = 1073741823').execute(db);
    }

    const logged: unknown[][] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    let refused: number;
    try {
      refused = await saveOnce(editor, 'causes-silica', 'while-full', `\n${'Long words that need room on the disk. '.repeat(400)}\n`);
    } finally {
      errors.mockRestore();
    }
    // Readers are not affected: pages are read, not written.
    const readerStatus = [(await atoz.app.request('/directory/causes-silica')).status, (await atoz.app.request('/directory/causes-stress')).status];

    await freeSpace();
    const after = await saveOnce(editor, 'causes-silica', 'after-full');
    const missing = await missingMarkers(db, ['before-full', 'after-full']);
    const kept = await missingMarkers(db, ['while-full']);
    const loggedErrors = logged.flat().filter((a): a is Error => a instanceof Error);
    report('disk full (sqlite)', {
      disk: disk ? 'tmpfs 24 MB, filled to ENOSPC' : 'max_page_count (no root)',
      'refused save status': refused,
      'logged error': loggedErrors.map((e) => `${(e as { code?: string }).code}: ${e.message}`).join(' | ') || '(none)',
      'reader statuses while full': readerStatus.join('/'),
      'save after freeing space': after,
      'acknowledged lost': missing.length,
    });
    expect(refused).toBeGreaterThanOrEqual(500);
    expect(loggedErrors.some((e) => isDiskFull(e))).toBe(true);
    expect(loggedErrors.some((e) => e.message.includes('cannot rollback'))).toBe(false);
    expect(readerStatus).toEqual([200, 200]);
    expect(after).toBe(303);
    expect(missing).toEqual([]);
    expect(kept).toEqual(['while-full']);
  });
});

describe('SQLite whose database file becomes unwritable while atoz runs', () => {
  it('keeps acknowledged saves (in the write-ahead log), says so in the log, backs up, and refuses to start until fixed', async () => {
    const dataDir = scratch('atoz-fault-immutable-');
    const file = join(dataDir, 'atoz.sqlite');
    const atoz = new AtozUnderTest({ ATOZ_DATA_DIR: dataDir, ATOZ_SQLITE_CHECKPOINT_MS: '200' });
    cleanups.push(() => atoz.kill());
    await atoz.start();
    const handle = openSqlite(dataDir, { checkpointEveryMs: 0 });
    cleanups.push(() => handle.close());
    const editors = new ConcurrentEditors('immutable', await Promise.all(['causes-silica', 'causes-stress', 'causes-radiation'].map(async (slug, i) => ({ slug, client: await signedIn(atoz, handle.db, 'editor', `Ivy ${i + 1}`) }))));
    editors.start();
    await editors.untilAcknowledged(10);

    const how = makeUnwritable(file);
    cleanups.push(() => makeWritable(file));
    if (how !== 'immutable') {
      await editors.stop();
      return void console.log('skipped: needs chattr +i (root on a file system with immutable files)');
    }
    const madeImmutable = Date.now();
    const beforeImmutable = editors.acknowledged().length;
    const warned = await within(15_000, async () => atoz.output().includes(`SQLite cannot copy its write-ahead log into ${file}`));
    await editors.untilAcknowledged(beforeImmutable + 20);
    const whileImmutable = editors.acknowledged().length - beforeImmutable;

    // The safe way out: a backup reads the log too.
    const backupFile = join(scratch('atoz-fault-immutable-backup-'), 'rescue.sqlite');
    const backup = await runCli(['backup', backupFile], { ATOZ_DATA_DIR: dataDir });
    await editors.stop();
    await atoz.kill();
    const acknowledged = editors.acknowledged();

    const refusedStart = await runServerToExit({ ATOZ_DATA_DIR: dataDir });
    makeWritable(file);
    const restartMs = await atoz.start();
    const lost = await missingMarkers(handle.db, acknowledged);
    const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db)).rows.map((r) => r.integrity_check).join('; ');
    await atoz.stop();

    report('database file made immutable (sqlite)', {
      'saves acknowledged': acknowledged.length,
      'of those while immutable': whileImmutable,
      lost: lost.length,
      'warned in the log after ms': warned,
      'backup exit code': String(backup.code),
      'start while immutable': `exit ${refusedStart.code}`,
      'restart after chattr -i ms': restartMs,
      integrity,
      'immutable for ms': Date.now() - madeImmutable,
    });
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(whileImmutable).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(integrity).toBe('ok');
    expect(backup.code, backup.output).toBe(0);
    const backedUp = await missingMarkersInFile(backupFile, acknowledged.slice(0, beforeImmutable + 20));
    expect(backedUp).toEqual([]);
    expect(refusedStart.code).toBe(1);
    expect(refusedStart.output).toContain(`atoz could not start: The database file ${file} cannot be written (EPERM).`);
    expect(refusedStart.output).not.toMatch(/\n\s+at /);
  });
});

async function missingMarkersInFile(file: string, markers: string[]): Promise<string[]> {
  const dir = scratch('atoz-fault-check-');
  const copy = join(dir, 'atoz.sqlite');
  const restored = await runCli(['restore', file], { ATOZ_DATA_DIR: dir });
  if (restored.code !== 0) throw new Error(restored.output);
  const handle = openSqlite(dir);
  try {
    return await missingMarkers(handle.db, markers);
  } finally {
    await handle.close();
    rmSync(copy, { force: true });
  }
}
