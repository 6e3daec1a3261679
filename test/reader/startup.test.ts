import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/database.js';
import { packageRoot } from '../../src/web/package-root.js';
import { makeUnwritable, makeWritable } from '../support/unwritable.js';

// `npm start` with a data directory it cannot use must stop at once and say which path is wrong.

const scratch = mkdtempSync(join(tmpdir(), 'atoz-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs src/main.ts the way `npm start` runs the built file, returning exit code and output. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: packageRoot(),
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`atoz did not exit within 20 s; it printed: ${stdout}${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('starting with a data directory that cannot be written', () => {
  // Tests run as root, where permissions do not stop writes: a path under a regular file can never be a directory.
  it('a path under a regular file gives a clear error naming the path, and exit code 1', async () => {
    const file = join(scratch, 'not-a-folder');
    writeFileSync(file, 'a plain file');
    const dataDir = join(file, 'data');
    const result = await start({ ATOZ_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`atoz could not start: The data directory ${dataDir} cannot be written (ENOTDIR).`);
    expect(result.stderr).toContain('Set ATOZ_DATA_DIR to a folder this user can write');
    // An operator's problem, not a crash: no stack trace.
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('is serving');
  });

  it('a data directory that is itself a regular file gives a clear error', async () => {
    const file = join(scratch, 'data-is-a-file');
    writeFileSync(file, 'a plain file');
    const result = await start({ ATOZ_DATA_DIR: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`atoz could not start: The data directory ${file} cannot be written (ENOTDIR).`);
  });

  it('a path in /proc gives the same clear error', async () => {
    const dataDir = '/proc/atoz-data';
    const result = await start({ ATOZ_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`atoz could not start: The data directory ${dataDir} cannot be written \\((ENOENT|EACCES|EPERM|EROFS)\\)`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('starting on a database file that cannot be written', () => {
  it('stops with one sentence naming the file, not a stack trace from the first migration', async () => {
    const dataDir = join(scratch, 'read-only-database');
    await openSqlite(dataDir).close();
    const file = join(dataDir, 'atoz.sqlite');
    const how = makeUnwritable(file);
    try {
      if (!how) return void console.log('skipped: cannot make a file unwritable here (root without chattr)');
      const result = await start({ ATOZ_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`atoz could not start: The database file ${file} cannot be written \\((EPERM|EACCES)\\)\\.`));
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).not.toContain('is serving');
    } finally {
      makeWritable(file);
    }
  });
});
