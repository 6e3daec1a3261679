import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { ConfigError } from '../config.js';
import { backupCommand } from './backup.js';
import type { CliCommand } from './command.js';
import { restoreCommand } from './restore.js';

/** Runs a command as `npm run atoz -- …` would, keeping what it printed on stdout and stderr. */
async function run(command: CliCommand, args: string[]) {
  const printed: string[] = [];
  const keep = (line: unknown) => void printed.push(String(line));
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(keep),
    vi.spyOn(console, 'error').mockImplementation(keep),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true)),
  ];
  try {
    return { code: await command.run(args), printed: printed.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('npm run atoz -- backup / restore', () => {
  let t: TestApp;
  let scratch: string;
  beforeAll(async () => {
    t = await createTestApp();
    scratch = mkdtempSync(join(tmpdir(), 'atoz-cli-backup-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(scratch, { recursive: true, force: true });
  });
  afterEach(() => vi.unstubAllEnvs());

  it('backs up the data folder’s database, checked, and restores it into another', async () => {
    vi.stubEnv('ATOZ_DATA_DIR', t.database.dataDir);
    vi.stubEnv('DATABASE_URL', '');
    const file = join(scratch, 'nightly.sqlite');
    const backedUp = await run(backupCommand, [file]);
    expect(backedUp.code).toBe(0);
    expect(backedUp.printed).toContain(`Backed up ${join(t.database.dataDir, 'atoz.sqlite')} to ${file}`);
    expect(backedUp.printed).toMatch(/integrity check ok, every table matches \(\d+ tables, [\d,]+ rows\)/);
    // Not a terminal here: plain lines, no carriage returns.
    expect(backedUp.printed).not.toContain('\r');

    // Restoring while the server has the database open is refused (src/cli.ts prints the sentence, exit code 1).
    await expect(run(restoreCommand, [file])).rejects.toThrow(ConfigError);
    await expect(run(restoreCommand, [file])).rejects.toThrow(/is in use[\s\S]*Stop every atoz server/);

    const elsewhere = mkdtempSync(join(scratch, 'data-'));
    vi.stubEnv('ATOZ_DATA_DIR', elsewhere);
    const restored = await run(restoreCommand, [file]);
    expect(restored.code).toBe(0);
    expect(restored.printed).toContain(`Restored ${join(elsewhere, 'atoz.sqlite')} from ${file}`);
    expect(existsSync(join(elsewhere, 'atoz.sqlite'))).toBe(true);
  });

  it('on PostgreSQL says which PostgreSQL tool to use, with the command, and makes nothing', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://atoz:secret@db.internal:5432/atoz');
    const file = join(scratch, 'pg.dump');
    const backup = await run(backupCommand, [file]);
    expect(backup.code).toBe(1);
    expect(backup.printed).toContain(`pg_dump --format=custom --file=${file} "$DATABASE_URL"`);
    expect(backup.printed).not.toContain('secret');
    const restore = await run(restoreCommand, [file]);
    expect(restore.code).toBe(1);
    expect(restore.printed).toContain(`pg_restore --no-owner --exit-on-error --dbname=atoz_restore ${file}`);
    expect(existsSync(file)).toBe(false);
  });
});
