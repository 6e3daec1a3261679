import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { recordAudit } from '../../accounts/audit.js';
import { tableChecksum } from '../copy/checksum.js';
import { introspect } from '../copy/introspect.js';
import { openSqliteFile } from '../database.js';
import { type BackupProgress, BackupError, backupSqlite, restoreSqlite } from './sqlite-backup.js';

/** Every table's row count and content checksum, read straight from a SQLite file. */
async function contents(file: string): Promise<Record<string, string>> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
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

async function rowsOf(file: string, query: string): Promise<unknown[]> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(query).all();
  } finally {
    sqlite.close();
  }
}

describe('SQLite backup and restore', () => {
  let t: TestApp;
  let scratch: string;
  let live: string;

  beforeAll(async () => {
    t = await createTestApp();
    live = join(t.database.dataDir, 'atoz.sqlite');
    scratch = mkdtempSync(join(tmpdir(), 'atoz-backup-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('takes a backup while writes continue that holds every write acknowledged before it started, and restores it row for row', async () => {
    // Another connection keeps writing, as a running server does while cron takes the backup.
    const writer = t.database.reopen();
    const acknowledged: number[] = [];
    let writing = true;
    const writes = (async () => {
      for (let n = 1; writing; n++) {
        await recordAudit(writer.db, { actorUserId: null, action: 'test.write', subjectId: n });
        acknowledged.push(n);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setImmediate(resolve));

    const beforeBackup = [...acknowledged];
    const progress: BackupProgress[] = [];
    const backupFile = join(scratch, 'atoz-backup.sqlite');
    // Few pages per step, so the copy spans many turns of the event loop with writes in between.
    const report = await backupSqlite({ from: live, to: backupFile, pagesPerStep: 5, onProgress: (e) => progress.push(e) });
    const duringBackup = acknowledged.length - beforeBackup.length;
    writing = false;
    await writes;
    await writer.close();

    expect(duringBackup).toBeGreaterThan(0);
    const inBackup = new Set((await rowsOf(backupFile, "select subject_id from audit_log where action = 'test.write'")).map((r) => Number((r as { subject_id: string }).subject_id)));
    expect(beforeBackup.filter((n) => !inBackup.has(n))).toEqual([]);
    // One consistent snapshot: the writes it holds are a prefix of the acknowledged ones, no gaps.
    expect([...inBackup].sort((a, b) => a - b)).toEqual(acknowledged.slice(0, inBackup.size));
    expect(progress.some((e) => e.kind === 'copy' && e.copiedPages > 0 && e.copiedPages < e.totalPages)).toBe(true);
    expect(report.totalRows).toBeGreaterThan(1000);
    expect(await rowsOf(backupFile, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // A single self-contained file: nothing left in a write-ahead log beside it.
    expect(await rowsOf(backupFile, 'pragma journal_mode')).toEqual([{ journal_mode: 'delete' }]);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);

    const restoredDir = mkdtempSync(join(scratch, 'restored-'));
    const restored = join(restoredDir, 'atoz.sqlite');
    const restoreReport = await restoreSqlite({ from: backupFile, to: restored });
    expect(restoreReport.keptAs).toBeNull();
    expect(await contents(restored)).toEqual(await contents(backupFile));
    expect(report.tables.map((x) => `${x.name} ${x.rows} ${x.sha256}`)).toEqual(Object.entries(await contents(restored)).map(([name, v]) => `${name} ${v}`));
    // Content the writer never touched is identical to the live database, row for row.
    for (const query of ['select * from pages order by id', 'select * from entries order by id', 'select * from citations order by id']) {
      expect(await rowsOf(restored, query)).toEqual(await rowsOf(live, query));
    }
    // And it is a working atoz database again, in WAL mode.
    const reopened = openSqliteFile(restored, { mustExist: true });
    try {
      expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(reopened.db)).rows[0]!.journal_mode).toBe('wal');
      expect(Number((await reopened.db.selectFrom('pages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(35);
    } finally {
      await reopened.close();
    }
  });

  it('restores over an existing database only when nothing has it open, keeping the old file aside', async () => {
    const backupFile = join(scratch, 'for-restore.sqlite');
    await backupSqlite({ from: live, to: backupFile });
    const dir = mkdtempSync(join(scratch, 'in-use-'));
    const target = join(dir, 'atoz.sqlite');
    const old = openSqliteFile(target);
    await sql`create table marker (note text)`.execute(old.db);
    await sql`insert into marker values ('the old database')`.execute(old.db);

    await expect(restoreSqlite({ from: backupFile, to: target })).rejects.toThrow(BackupError);
    await expect(restoreSqlite({ from: backupFile, to: target })).rejects.toThrow(`${target} is in use`);
    expect(await rowsOf(target, 'select note from marker')).toEqual([{ note: 'the old database' }]);

    await old.close();
    const report = await restoreSqlite({ from: backupFile, to: target });
    expect(report.keptAs).toMatch(new RegExp(`^${target}\\.before-restore-`));
    expect(await rowsOf(report.keptAs!, 'select note from marker')).toEqual([{ note: 'the old database' }]);
    expect(await contents(target)).toEqual(await contents(backupFile));
  });

  it('refuses a file that is not an intact atoz backup, changing nothing', async () => {
    const dir = mkdtempSync(join(scratch, 'refuse-'));
    const target = join(dir, 'atoz.sqlite');

    const text = join(scratch, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words\n'.repeat(200));
    await expect(restoreSqlite({ from: text, to: target })).rejects.toThrow(`${text} is not a SQLite database`);

    const foreign = join(scratch, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('create table something (x)');
    other.close();
    await expect(restoreSqlite({ from: foreign, to: target })).rejects.toThrow(`${foreign} is not an atoz backup`);

    // A backup damaged after it was written (bit rot, a truncated copy): integrity_check catches it.
    const good = join(scratch, 'to-damage.sqlite');
    await backupSqlite({ from: live, to: good });
    const bytes = readFileSync(good);
    for (let at = 8192; at < bytes.length; at += 4096) bytes.fill(0x5a, at + 100, at + 400);
    const damaged = join(scratch, 'damaged.sqlite');
    writeFileSync(damaged, bytes);
    await expect(restoreSqlite({ from: damaged, to: target })).rejects.toThrow(BackupError);

    await expect(restoreSqlite({ from: join(scratch, 'missing.sqlite'), to: target })).rejects.toThrow('There is no backup file');
    expect(existsSync(target)).toBe(false);
  });

  it('warns when the "backup" is a plain copy of the live file, which can miss the newest saves', async () => {
    // What `cp data/atoz.sqlite` does while atoz runs: the last saves are still only in atoz.sqlite-wal.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.atoz.database.db);
    await recordAudit(t.atoz.database.db, { actorUserId: null, action: 'test.last_save', subjectId: 'only in the log' });
    const copied = join(scratch, 'copied-with-cp.sqlite');
    writeFileSync(copied, readFileSync(live));
    const dir = mkdtempSync(join(scratch, 'from-cp-'));
    const report = await restoreSqlite({ from: copied, to: join(dir, 'atoz.sqlite') });
    expect(await rowsOf(join(dir, 'atoz.sqlite'), "select * from audit_log where action = 'test.last_save'")).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(`${copied} is a copy of a live atoz.sqlite, not a file made by \`npm run atoz -- backup\``);
    const made = join(scratch, 'made-by-backup.sqlite');
    await backupSqlite({ from: live, to: made });
    expect((await restoreSqlite({ from: made, to: join(mkdtempSync(join(scratch, 'from-backup-')), 'atoz.sqlite') })).warnings).toEqual([]);
  });

  it('refuses to overwrite an existing file or to back up onto the live database', async () => {
    const existing = join(scratch, 'already-there.sqlite');
    writeFileSync(existing, 'keep me');
    await expect(backupSqlite({ from: live, to: existing })).rejects.toThrow(`${existing} already exists`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    await expect(backupSqlite({ from: live, to: live })).rejects.toThrow(BackupError);
  });
});
