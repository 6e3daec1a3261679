import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { InvitationsTable } from '../db/schema.js';
import { randomToken, sha256Hex } from './tokens.js';
import type { UserRow } from './users.js';

export type InvitationRow = Selectable<InvitationsTable>;

/** Long enough to reach someone over a weekend, short enough that a forgotten link goes stale. */
export const INVITATION_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** Why a link no longer works, in words for the person holding it. */
export type InvitationProblem = 'unknown' | 'expired' | 'used' | 'revoked' | 'disabled';

/** One-time links that set a password: for new accounts and for resets. Only the token's hash is stored. */
export function createInvitationStore(db: Db, clock: () => Date = () => new Date(), ttlMs = INVITATION_TTL_MS) {
  return {
    ttlMs,

    /** A new link for a user; any earlier pending link of theirs stops working. */
    async create(userId: number, createdBy: number | null, executor: Db | Tx = db): Promise<{ token: string; invitation: InvitationRow }> {
      const token = randomToken();
      const now = clock();
      await executor
        .updateTable('invitations')
        .set({ revoked_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      const invitation = await executor
        .insertInto('invitations')
        .values({
          user_id: userId,
          token_hash: sha256Hex(token),
          created_by: createdBy,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + ttlMs).toISOString(),
          used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token, invitation };
    },

    /** The invitation behind a link and its user, or why it cannot be used. */
    async find(token: string): Promise<{ invitation: InvitationRow; user: UserRow } | { problem: InvitationProblem }> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { problem: 'unknown' };
      const invitation = await db.selectFrom('invitations').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
      if (!invitation) return { problem: 'unknown' };
      if (invitation.used_at) return { problem: 'used' };
      if (invitation.revoked_at) return { problem: 'revoked' };
      if (Date.parse(invitation.expires_at) <= clock().getTime()) return { problem: 'expired' };
      const user = await db.selectFrom('users').selectAll().where('id', '=', invitation.user_id).executeTakeFirst();
      if (!user) return { problem: 'unknown' };
      if (user.disabled_at) return { problem: 'disabled' };
      return { invitation, user };
    },

    /** Marks a link used, only if it still is pending: of two simultaneous uses, one wins. */
    async markUsed(invitationId: number, executor: Db | Tx): Promise<boolean> {
      const now = clock().toISOString();
      const result = await executor
        .updateTable('invitations')
        .set({ used_at: now })
        .where('id', '=', invitationId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The link currently waiting for a user, if any (shown to admins without its token). */
    pendingFor: (userId: number) =>
      db
        .selectFrom('invitations')
        .selectAll()
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', clock().toISOString())
        .orderBy('id', 'desc')
        .executeTakeFirst(),

    /** Pending links by user id, for the user list. */
    async pendingByUser(): Promise<Map<number, InvitationRow>> {
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', clock().toISOString())
        .execute();
      return new Map(rows.map((r) => [r.user_id, r]));
    },

    /** Withdraws every pending link of a user; returns how many. */
    async revokeFor(userId: number, executor: Db | Tx = db): Promise<number> {
      const result = await executor
        .updateTable('invitations')
        .set({ revoked_at: clock().toISOString() })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type InvitationStore = ReturnType<typeof createInvitationStore>;
