import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../test/support/database.js';
import { verifyPassword } from '../accounts/password.js';
import { createSessionStore } from '../accounts/sessions.js';
import { UsageError } from './command.js';
import { type UserCommandIo, runUserCommand } from './user.js';

/** Captures what the command prints, and feeds it a piped or a terminal stdin. */
function fakeIo(t: TestDatabase, stdinText: string | null, tty = false) {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (m: boolean) => void; rawModes: boolean[] };
  stdin.rawModes = [];
  if (tty) {
    stdin.isTTY = true;
    stdin.setRawMode = (m) => void stdin.rawModes.push(m);
  }
  if (stdinText !== null && !tty) stdin.end(stdinText);
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => into.push(d.toString()));
    return s;
  };
  const io: UserCommandIo = {
    stdin,
    stdout: sink(out),
    stderr: sink(err),
    openDb: async () => ({ db: t.handle.db, close: async () => {} }),
  };
  return { io, stdin, out: () => out.join(''), err: () => err.join('') };
}

describe('npm run atoz -- user', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });
  const userRow = (email: string) => t.handle.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

  test('adds the first admin with a piped password, hashed, and audits it', async () => {
    const f = fakeIo(t, 'violet harbour compass 12\n');
    const code = await runUserCommand(['add', '--admin', '--email', 'First.Admin@Example.org', '--name', 'First Admin', '--password-stdin'], f.io);
    expect(code).toBe(0);
    expect(f.out()).toContain('Added admin First Admin <first.admin@example.org>');
    const row = (await userRow('first.admin@example.org'))!;
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('violet harbour compass 12', row.password_hash!)).toBe(true);
    const audit = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.created').executeTakeFirstOrThrow();
    expect(audit.subject_id).toBe(String(row.id));
  });

  test('asks twice on a terminal without echoing what is typed', async () => {
    const f = fakeIo(t, null, true);
    const run = runUserCommand(['add', '--role', 'editor', '--email', 'tty@example.org', '--name', 'Tty Editor'], f.io);
    // Typing, a typo fixed with Backspace, then Enter; twice.
    await new Promise((r) => setTimeout(r, 50));
    f.stdin.write('silver canyon lamp 4X\u007f5\r');
    await new Promise((r) => setTimeout(r, 20));
    f.stdin.write('silver canyon lamp 45\r');
    expect(await run).toBe(0);
    expect(f.err()).toContain('New password: ');
    expect(f.err()).toContain('Same password again: ');
    expect(f.err() + f.out()).not.toContain('silver');
    expect(f.stdin.rawModes).toEqual([true, false, true, false]);
    expect(await verifyPassword('silver canyon lamp 45', (await userRow('tty@example.org'))!.password_hash!)).toBe(true);
  });

  test('two different passwords on the terminal change nothing', async () => {
    const f = fakeIo(t, null, true);
    const run = runUserCommand(['add', '--role', 'reviewer', '--email', 'mismatch@example.org', '--name', 'Mis Match'], f.io);
    await new Promise((r) => setTimeout(r, 50));
    f.stdin.write('first typed password\r');
    await new Promise((r) => setTimeout(r, 20));
    f.stdin.write('second typed password\r');
    expect(await run).toBe(1);
    expect(f.err()).toContain('The two passwords are different');
    expect(await userRow('mismatch@example.org')).toBeUndefined();
  });

  test('without a terminal and without --password-stdin there is no password, so nothing happens', async () => {
    const f = fakeIo(t, 'whatever whatever\n');
    expect(await runUserCommand(['add', '--admin', '--email', 'nopw@example.org', '--name', 'No Password'], f.io)).toBe(1);
    expect(f.err()).toContain('add --password-stdin');
    expect(await userRow('nopw@example.org')).toBeUndefined();
  });

  test('weak or empty passwords are refused with the reason', async () => {
    for (const [pw, reason] of [['password1234\n', 'attackers try'], ['\n', 'at least 12'], ['short\n', 'at least 12']] as const) {
      const f = fakeIo(t, pw);
      expect(await runUserCommand(['add', '--admin', '--email', 'weak@example.org', '--name', 'Weak', '--password-stdin'], f.io)).toBe(1);
      expect(f.err()).toContain(reason);
    }
    expect(await userRow('weak@example.org')).toBeUndefined();
  });

  test('an existing address is not added twice', async () => {
    const f = fakeIo(t, 'violet harbour compass 13\n');
    expect(await runUserCommand(['add', '--admin', '--email', 'first.admin@example.org', '--name', 'Again', '--password-stdin'], f.io)).toBe(1);
    expect(f.err()).toContain('already exists');
  });

  test('set-password replaces the password, signs the person out and unlocks them', async () => {
    const row = (await userRow('first.admin@example.org'))!;
    const sessions = createSessionStore(t.handle.db);
    const { token } = await sessions.create(row.id);
    const f = fakeIo(t, 'amber tractor willow 77');
    expect(await runUserCommand(['set-password', '--email', 'first.admin@example.org', '--password-stdin'], f.io)).toBe(0);
    expect(await verifyPassword('amber tractor willow 77', (await userRow('first.admin@example.org'))!.password_hash!)).toBe(true);
    expect(await sessions.lookup(token)).toBeNull();
    const unknown = fakeIo(t, 'amber tractor willow 77');
    expect(await runUserCommand(['set-password', '--email', 'nobody@example.org', '--password-stdin'], unknown.io)).toBe(1);
    expect(unknown.err()).toContain('There is no account for nobody@example.org');
  });

  test('list shows accounts; bad command lines are usage errors', async () => {
    const f = fakeIo(t, '');
    expect(await runUserCommand(['list'], f.io)).toBe(0);
    expect(f.out()).toContain('first.admin@example.org  admin  First Admin');
    await expect(runUserCommand(['add', '--email', 'x@example.org', '--name', 'X'], fakeIo(t, '').io)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserCommand(['add', '--admin', '--email', 'x@example.org'], fakeIo(t, '').io)).rejects.toThrow('--name');
    await expect(runUserCommand(['add', '--admin', '--bogus'], fakeIo(t, '').io)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserCommand(['frobnicate'], fakeIo(t, '').io)).rejects.toThrow('unknown user action');
  });
});
