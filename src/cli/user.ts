import { z } from 'zod';
import { recordAudit } from '../accounts/audit.js';
import type { Role } from '../accounts/context.js';
import { hashPassword } from '../accounts/password.js';
import { InputCancelled, type PasswordInput, readHiddenLine, readPipedLine } from '../accounts/password-input.js';
import { passwordProblem } from '../accounts/password-policy.js';
import { createSessionStore } from '../accounts/sessions.js';
import { accountKey, createLoginThrottle } from '../accounts/throttle.js';
import { DuplicateEmailError, createUserStore, isRole, normaliseEmail } from '../accounts/users.js';
import { loadConfig } from '../config.js';
import { type Db, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** Where the command reads and writes: the process in real use, fakes in tests. */
export interface UserCommandIo {
  stdin: PasswordInput;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Opens the configured database, migrated. */
  openDb(): Promise<{ db: Db; close(): Promise<void> }>;
}

const USAGE = [
  'user add --admin --email <address> --name "<name>" [--password-stdin]',
  '       npm run atoz -- user add --role <editor|reviewer|admin> --email <address> --name "<name>" [--password-stdin]',
  '       npm run atoz -- user set-password --email <address> [--password-stdin]',
  '       npm run atoz -- user unlock --email <address>',
  '       npm run atoz -- user list',
  '',
  'The password is asked twice on a terminal (nothing shows as you type), or read',
  'from the first line of standard input with --password-stdin. There is no default.',
].join('\n');

const Email = z.email();

/** `user …`: the first admin, and recovery when no admin can sign in. Everything else is done in /admin/users. */
export const userCommand: CliCommand = {
  summary: 'accounts from the command line: add the first admin, set a forgotten password, unlock, list',
  usage: USAGE,
  run: (args) =>
    runUserCommand(args, {
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      openDb: async () => {
        const handle = openDatabase(loadConfig());
        await migrateToLatest(handle.db);
        return handle;
      },
    }),
};

export async function runUserCommand(args: string[], io: UserCommandIo): Promise<number> {
  const [action, ...rest] = args;
  const parsed = parseCommandLine(rest, {
    admin: { type: 'boolean', default: false },
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  }).values;
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string) => {
    io.stderr.write(`${line}\n`);
    return 1;
  };

  if (action === 'list') {
    const { db, close } = await io.openDb();
    try {
      const users = await createUserStore(db).list();
      if (!users.length) say('No accounts yet. Add the first admin with: npm run atoz -- user add --admin --email you@example.org --name "Your Name"');
      for (const u of users) say(`${u.email}  ${u.role}  ${u.name}${u.disabled_at ? '  (disabled)' : u.password_hash ? '' : '  (invited, no password yet)'}`);
      return 0;
    } finally {
      await close();
    }
  }

  if (action !== 'add' && action !== 'set-password' && action !== 'unlock') throw new UsageError(action ? `unknown user action "${action}"` : 'say what to do: add, set-password, unlock or list');
  if (!parsed.email) throw new UsageError('--email is required');
  const email = normaliseEmail(parsed.email);
  if (!Email.safeParse(email).success) return fail(`"${parsed.email}" is not an e-mail address.`);

  if (action === 'unlock') {
    const { db, close } = await io.openDb();
    try {
      await createLoginThrottle(db).reset(accountKey(email));
      await recordAudit(db, { actorUserId: null, action: 'user.unlocked', subjectType: 'user', subjectId: email, details: { via: 'command line' } });
      say(`Sign-in for ${email} is unlocked.`);
      return 0;
    } finally {
      await close();
    }
  }

  let role: Role | undefined;
  let name = '';
  if (action === 'add') {
    if (parsed.admin && parsed.role && parsed.role !== 'admin') throw new UsageError('--admin and --role disagree; give one of them');
    const wanted = parsed.admin ? 'admin' : parsed.role;
    if (!isRole(wanted)) throw new UsageError(wanted ? `unknown role "${wanted}": use admin, editor or reviewer` : 'give --admin, or --role editor|reviewer|admin');
    role = wanted;
    name = (parsed.name ?? '').trim();
    if (!name || name.length > 100) throw new UsageError('--name "<name>" is required (at most 100 characters)');
  }

  const { db, close } = await io.openDb();
  try {
    const users = createUserStore(db);
    const existing = await users.byEmail(email);
    if (action === 'add' && existing) return fail(`An account for ${email} already exists. To give it a new password: npm run atoz -- user set-password --email ${email}`);
    if (action === 'set-password' && !existing) return fail(`There is no account for ${email}. See them all with: npm run atoz -- user list`);

    const password = await readNewPassword(io, Boolean(parsed['password-stdin']));
    if (password === null) return 1;
    const problem = passwordProblem(password, { email, name: name || existing?.name });
    if (problem) return fail(`${problem} Nothing was changed.`);
    const hash = await hashPassword(password);

    if (action === 'add') {
      try {
        const user = await db.transaction().execute(async (tx) => {
          const user = await users.create({ email, name, role: role!, passwordHash: hash }, tx);
          await recordAudit(tx, { actorUserId: null, action: 'user.created', subjectType: 'user', subjectId: user.id, details: { email, role: role!, via: 'command line' } });
          return user;
        });
        say(`Added ${user.role} ${user.name} <${user.email}>. Sign in at /login.`);
      } catch (error) {
        if (error instanceof DuplicateEmailError) return fail(error.message);
        throw error;
      }
      return 0;
    }

    await db.transaction().execute(async (tx) => {
      await users.setPassword(existing!.id, hash, tx);
      await createSessionStore(db).endAllFor(existing!.id, tx);
      await recordAudit(tx, { actorUserId: null, action: 'user.password_set', subjectType: 'user', subjectId: existing!.id, details: { via: 'command line' } });
    });
    await createLoginThrottle(db).reset(accountKey(email));
    say(`New password set for ${email}; any browser signed in as them has been signed out.${existing!.disabled_at ? ' Note: this account is disabled; an admin can enable it in /admin/users.' : ''}`);
    return 0;
  } finally {
    await close();
  }
}

/** Twice on a terminal, once from a pipe; null (with the reason printed) when there is none to use. */
async function readNewPassword(io: UserCommandIo, fromStdin: boolean): Promise<string | null> {
  if (fromStdin) return readPipedLine(io.stdin);
  if (!io.stdin.isTTY) {
    io.stderr.write('Standard input is not a terminal, so the password cannot be asked for. Pipe it in and add --password-stdin.\n');
    return null;
  }
  try {
    const first = await readHiddenLine('New password: ', io.stdin, io.stderr);
    const second = await readHiddenLine('Same password again: ', io.stdin, io.stderr);
    if (first !== second) {
      io.stderr.write('The two passwords are different. Nothing was changed.\n');
      return null;
    }
    return first;
  } catch (error) {
    if (error instanceof InputCancelled) {
      io.stderr.write(`${error.message}\n`);
      return null;
    }
    throw error;
  }
}
