import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { UsersTable } from '../db/schema.js';
import { dialectOf } from '../db/dialect.js';
import { type CurrentUser, ROLES, type Role } from './context.js';

export type UserRow = Selectable<UsersTable>;

/** A change that would leave the site without an active admin, or another refused account change. */
export class AccountRuleError extends Error {
  override name = 'AccountRuleError';
  /** Which rule: the routes show it in the admin's language. */
  constructor(readonly rule: 'missing' | 'lastAdmin', message: string) {
    super(message);
  }
}

/** Someone already has this e-mail address. */
export class DuplicateEmailError extends Error {
  override name = 'DuplicateEmailError';
  constructor(readonly email: string) {
    super(`An account for ${email} already exists.`);
  }
}

/** E-mail addresses are compared case-insensitively and stored lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function toCurrentUser(row: Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'author_key'>, extraRoles: readonly string[] = []): CurrentUser {
  if (!isRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}"`);
  const user: CurrentUser = { id: row.id, email: row.email, name: row.name, role: row.role, authorKey: row.author_key };
  // A role from user_roles that this version does not know grants nothing rather than failing the sign-in.
  const more = extraRoles.filter((r): r is Role => isRole(r) && r !== row.role);
  return more.length ? { ...user, roles: [row.role, ...more] } : user;
}

/** The users table: create, find, and the changes admins make. */
export function createUserStore(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();

  /** Active admins besides this one; on PostgreSQL their rows stay locked until commit, so two admins cannot demote each other at once. */
  async function activeAdminsOtherThan(tx: Tx, userId: number): Promise<number> {
    let query = tx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).where('id', '!=', userId);
    if (dialectOf(tx) === 'postgres') query = query.forUpdate();
    return (await query.execute()).length;
  }

  return {
    async create(input: { email: string; name: string; role: Role; passwordHash: string | null; authorKey?: string | null }, executor: Db | Tx = db): Promise<UserRow> {
      const email = normaliseEmail(input.email);
      const existing = await executor.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (existing) throw new DuplicateEmailError(email);
      const at = now();
      try {
        return await executor
          .insertInto('users')
          .values({
            email,
            name: input.name.trim(),
            role: input.role,
            password_hash: input.passwordHash,
            author_key: input.authorKey ?? null,
            created_at: at,
            password_changed_at: input.passwordHash ? at : null,
            disabled_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (error) {
        // Two admins inviting the same address at once: the unique index decides.
        if (/unique|duplicate/i.test(String((error as Error).message))) throw new DuplicateEmailError(email);
        throw error;
      }
    },

    byEmail: (email: string) => db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst(),

    byId: (id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Everyone, admins first, then by name. */
    list: () => db.selectFrom('users').selectAll().orderBy('disabled_at', 'desc').orderBy('role').orderBy('name').orderBy('id').execute(),

    count: async () => Number((await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),

    async setPassword(userId: number, passwordHash: string, executor: Db | Tx = db): Promise<void> {
      await executor.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now() }).where('id', '=', userId).execute();
    },

    /** Stores a stronger hash of the same password (password_changed_at stays). */
    async replaceHash(userId: number, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    },

    async setName(userId: number, name: string, executor: Db | Tx = db): Promise<void> {
      await executor.updateTable('users').set({ name: name.trim() }).where('id', '=', userId).execute();
    },

    /** Changes a role; refuses to demote the last active admin. `within` runs in the same transaction (audit). */
    async setRole(userId: number, role: Role, within?: (tx: Tx, before: UserRow) => Promise<void>): Promise<UserRow> {
      return db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
        if (!user) throw new AccountRuleError('missing', 'That account does not exist.');
        if (user.role === 'admin' && role !== 'admin' && !user.disabled_at && (await activeAdminsOtherThan(tx, userId)) === 0) {
          throw new AccountRuleError('lastAdmin', 'This is the only active admin. Make someone else an admin first.');
        }
        await tx.updateTable('users').set({ role }).where('id', '=', userId).execute();
        await within?.(tx, user);
        return { ...user, role };
      });
    },

    /** The roles a person holds besides their main one (user_roles). */
    async extraRoles(userId: number): Promise<Role[]> {
      const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
      return rows.map((r) => r.role).filter(isRole);
    },

    /**
     * Replaces the roles held besides the main one (an editor who also moderates).
     * Never admin: the last-admin rule watches the main role only. `within` runs in the same transaction (audit).
     */
    async setExtraRoles(userId: number, roles: readonly Role[], within?: (tx: Tx, before: Role[]) => Promise<void>): Promise<Role[]> {
      return db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
        if (!user) throw new AccountRuleError('missing', 'That account does not exist.');
        const before = (await tx.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()).map((r) => r.role).filter(isRole);
        const after = [...new Set(roles)].filter((r) => r !== 'admin' && r !== user.role).sort();
        await tx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
        if (after.length) await tx.insertInto('user_roles').values(after.map((role) => ({ user_id: userId, role, granted_at: now() }))).execute();
        await within?.(tx, before);
        return after;
      });
    },

    /** Disables (signing them out, withdrawing links) or re-enables an account; refuses to disable the last active admin. */
    async setDisabled(userId: number, disabled: boolean, within?: (tx: Tx, before: UserRow) => Promise<void>): Promise<UserRow> {
      return db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
        if (!user) throw new AccountRuleError('missing', 'That account does not exist.');
        if (disabled && user.role === 'admin' && !user.disabled_at && (await activeAdminsOtherThan(tx, userId)) === 0) {
          throw new AccountRuleError('lastAdmin', 'This is the only active admin. Make someone else an admin first.');
        }
        const disabledAt = disabled ? (user.disabled_at ?? now()) : null;
        await tx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
        if (disabled) {
          await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
          await tx.updateTable('invitations').set({ revoked_at: now() }).where('user_id', '=', userId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute();
        }
        await within?.(tx, user);
        return { ...user, disabled_at: disabledAt };
      });
    },

    async setAuthorKey(userId: number, authorKey: string | null, executor: Db | Tx = db): Promise<void> {
      await executor.updateTable('users').set({ author_key: authorKey }).where('id', '=', userId).execute();
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
