import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { tableChecksum } from '../../src/db/copy/checksum.js';
import { introspect } from '../../src/db/copy/introspect.js';
import { openSqlite } from '../../src/db/database.js';
import { AtozUnderTest, ConcurrentEditors, missingMarkers, report, runCli, signedIn } from './support.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every table's rows and content checksum, straight from the file. */
async function contents(file: string): Promise<Record<string, string>> {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(file, { readonly: true, fileMustExist: true }) }) });
  try {
    const out: Record<string, string> = {};
    for (const table of (await introspect(db, 'sqlite')).values()) {
      const { rows, sha256 } = await tableChecksum(db, 'sqlite', table, table.columns);
      out[table.name] = `${rows} ${sha256}`;
    }
    return out;
  } finally {
    await db.destroy();
  }
}

describe('backup while editors save, then restore (SQLite)', () => {
  it('the backup holds every save acknowledged before it started; restore refuses while atoz runs, then puts it back row for row', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atoz-fault-backup-'));
    const backups = mkdtempSync(join(tmpdir(), 'atoz-fault-backups-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => rmSync(backups, { recursive: true, force: true }));
    const atoz = new AtozUnderTest({ ATOZ_DATA_DIR: dataDir });
    cleanups.push(() => atoz.kill());
    await atoz.start();
    let handle = openSqlite(dataDir, { checkpointEveryMs: 0 });
    const editors = new ConcurrentEditors('backup', await Promise.all(['causes-silica', 'causes-stress', 'causes-radiation', 'causes-genetics'].map(async (slug, i) => ({ slug, client: await signedIn(atoz, handle.db, 'editor', `Bea ${i + 1}`) }))));
    editors.start();
    await editors.untilAcknowledged(15);

    const file = join(backups, 'nightly.sqlite');
    const beforeBackup = editors.acknowledged();
    const backup = await runCli(['backup', file], { ATOZ_DATA_DIR: dataDir });
    const duringBackup = editors.acknowledged().length - beforeBackup.length;
    const refused = await runCli(['restore', file], { ATOZ_DATA_DIR: dataDir });
    await editors.stop();
    await atoz.stop();
    await handle.close();

    const restore = await runCli(['restore', file], { ATOZ_DATA_DIR: dataDir });
    const sameAsBackup = JSON.stringify(await contents(join(dataDir, 'atoz.sqlite'))) === JSON.stringify(await contents(file));
    const restartMs = await atoz.start();
    handle = openSqlite(dataDir, { checkpointEveryMs: 0 });
    cleanups.push(() => handle.close());
    const lost = await missingMarkers(handle.db, beforeBackup);
    const laterAbsent = (await missingMarkers(handle.db, editors.acknowledged().slice(beforeBackup.length))).length;
    const reader = await fetch(`${atoz.url}/directory/causes-silica`);
    await atoz.stop();

    report('backup and restore (sqlite)', {
      'backup s (command, with Node start-up)': (backup.ms / 1000).toFixed(1),
      'backup s (copy and checks)': / in ([\d.]+) s: /.exec(backup.output)?.[1] ?? '?',
      'backup MB': (statSync(file).size / 1_048_576).toFixed(1),
      'acknowledged before the backup': beforeBackup.length,
      'acknowledged while it ran': duringBackup,
      'lost of those before': lost.length,
      'later saves not in the backup': laterAbsent,
      'restore while running': `exit ${refused.code}`,
      'restore s (copy and checks)': / in ([\d.]+) s: /.exec(restore.output)?.[1] ?? '?',
      'restored equals backup': String(sameAsBackup),
      'restart after restore ms': restartMs,
    });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/integrity check ok, every table matches/);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('is in use by a running atoz server');
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('The database it replaced is kept as');
    expect(sameAsBackup).toBe(true);
    expect(lost).toEqual([]);
    expect(reader.status).toBe(200);
  });
});
