/**
 * What moderators keep about a member: warnings (an e-mail and a record),
 * suspensions (no posting until a date; the member is told why when they
 * try), and private notes that only moderators read, shown beside the
 * member's queue items.
 */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { CommunitySanctionsTable } from '../../db/schema.js';

export type SanctionRow = Selectable<CommunitySanctionsTable>;
export const SANCTION_REASON_MAX = 500;
export const NOTE_MAX = 2000;
/** The longest suspension a moderator can give from the queue; longer needs an administrator (delete the account). */
export const SUSPENSION_MAX_DAYS = 366;

export interface MemberRecord {
  suspension: { until: string; reason: string } | null;
  sanctions: Array<{ kind: 'warning' | 'suspension'; reason: string; until: string | null; createdAt: string; moderator: string | null }>;
  notes: Array<{ body: string; createdAt: string; author: string | null }>;
}

export function createSanctions(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  return {
    async warn(tx: Tx, input: { userId: number; reason: string; postId: number | null; moderatorId: number }): Promise<void> {
      await tx.insertInto('community_sanctions').values({ user_id: input.userId, kind: 'warning', reason: input.reason, until: null, post_id: input.postId, moderator_id: input.moderatorId, created_at: now() }).execute();
    },

    async suspend(tx: Tx, input: { userId: number; reason: string; until: string; postId: number | null; moderatorId: number }): Promise<void> {
      await tx.insertInto('community_sanctions').values({ user_id: input.userId, kind: 'suspension', reason: input.reason, until: input.until, post_id: input.postId, moderator_id: input.moderatorId, created_at: now() }).execute();
    },

    /** Ends every running suspension of a member now. */
    async lift(tx: Tx, userId: number): Promise<boolean> {
      const result = await tx.updateTable('community_sanctions').set({ until: now() }).where('user_id', '=', userId).where('kind', '=', 'suspension').where('until', '>', now()).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The suspension that ends last, while it runs. */
    async activeSuspension(userId: number, executor: Db | Tx = db): Promise<{ until: string; reason: string } | null> {
      const row = await executor.selectFrom('community_sanctions').select(['until', 'reason']).where('user_id', '=', userId).where('kind', '=', 'suspension').where('until', '>', now()).orderBy('until', 'desc').executeTakeFirst();
      return row?.until ? { until: row.until, reason: row.reason } : null;
    },

    async addNote(tx: Tx, input: { userId: number; authorId: number; body: string }): Promise<number> {
      const row = await tx.insertInto('community_member_notes').values({ user_id: input.userId, author_id: input.authorId, body: input.body, created_at: now() }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Everything moderators see beside a member's queue items, newest first. */
    async record(userId: number): Promise<MemberRecord> {
      const [suspension, sanctions, notes] = await Promise.all([
        this.activeSuspension(userId),
        db.selectFrom('community_sanctions').leftJoin('users', 'users.id', 'community_sanctions.moderator_id').select(['community_sanctions.kind', 'community_sanctions.reason', 'community_sanctions.until', 'community_sanctions.created_at', 'users.name']).where('community_sanctions.user_id', '=', userId).orderBy('community_sanctions.id', 'desc').limit(50).execute(),
        db.selectFrom('community_member_notes').leftJoin('users', 'users.id', 'community_member_notes.author_id').select(['community_member_notes.body', 'community_member_notes.created_at', 'users.name']).where('community_member_notes.user_id', '=', userId).orderBy('community_member_notes.id', 'desc').limit(50).execute(),
      ]);
      return {
        suspension,
        sanctions: sanctions.map((s) => ({ kind: s.kind, reason: s.reason, until: s.until, createdAt: s.created_at, moderator: s.name ?? null })),
        notes: notes.map((n) => ({ body: n.body, createdAt: n.created_at, author: n.name ?? null })),
      };
    },

    /** For the queue list: how many notes and warnings each writer has, and whether they are suspended. */
    async summaries(userIds: number[]): Promise<Map<number, { notes: number; warnings: number; suspended: boolean }>> {
      const out = new Map<number, { notes: number; warnings: number; suspended: boolean }>();
      if (!userIds.length) return out;
      const entry = (id: number) => out.get(id) ?? (out.set(id, { notes: 0, warnings: 0, suspended: false }), out.get(id)!);
      const notes = await db.selectFrom('community_member_notes').select(['user_id', (eb) => eb.fn.countAll<number>().as('n')]).where('user_id', 'in', userIds).groupBy('user_id').execute();
      for (const n of notes) entry(n.user_id).notes = Number(n.n);
      const sanctions = await db.selectFrom('community_sanctions').select(['user_id', 'kind', 'until']).where('user_id', 'in', userIds).execute();
      for (const s of sanctions) {
        if (s.kind === 'warning') entry(s.user_id).warnings++;
        else if (s.until && s.until > now()) entry(s.user_id).suspended = true;
      }
      return out;
    },
  };
}

export type Sanctions = ReturnType<typeof createSanctions>;
