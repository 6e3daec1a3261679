import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Db, Tx } from '../db/database.js';
import type { AuditLogTable } from '../db/schema.js';

export type AuditRow = Selectable<AuditLogTable>;

/** One thing that happened, as callers describe it. */
export const AuditEntry = z.object({
  /** Who did it; null for the command line, the system, or an unknown person. */
  actorUserId: z.number().int().positive().nullable(),
  /** domain.verb in lower case: 'user.login', 'page.publish', 'citation.import'. */
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'Audit actions look like "domain.verb", e.g. "page.publish"').max(80),
  subjectType: z.string().min(1).max(40).nullish(),
  /** Id or slug of the subject. */
  subjectId: z.union([z.string().min(1).max(200), z.number().int()]).nullish(),
  /** Anything else worth keeping: old and new values, reasons. Stored as JSON. */
  details: z.record(z.string(), z.unknown()).optional(),
  /** The request's client IP (clientIp(c, trustProxy)), when there was a request. */
  ip: z.string().max(64).nullish(),
});
export type AuditEntry = z.input<typeof AuditEntry>;

/**
 * Appends to the audit log. Pass the transaction of the change it records, so
 * the change and its record commit or vanish together.
 */
export async function recordAudit(executor: Db | Tx, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  const e = AuditEntry.parse(entry);
  await executor
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_user_id: e.actorUserId,
      action: e.action,
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId === undefined || e.subjectId === null ? null : String(e.subjectId),
      details: JSON.stringify(e.details ?? {}),
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditFilter {
  /** A user id, or null for entries with no signed-in actor. */
  actorUserId?: number | null | undefined;
  action?: string | undefined;
}

/** One page of the log, newest first, with the actor's name. */
export async function listAudit(db: Db, filter: AuditFilter, page: number, pageSize = 50) {
  let base = db.selectFrom('audit_log');
  if (filter.actorUserId === null) base = base.where('audit_log.actor_user_id', 'is', null);
  else if (filter.actorUserId !== undefined) base = base.where('audit_log.actor_user_id', '=', filter.actorUserId);
  if (filter.action) base = base.where('audit_log.action', '=', filter.action);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .selectAll('audit_log')
      .select(['users.name as actor_name', 'users.email as actor_email'])
      .orderBy('audit_log.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const total = Number(n);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Every action that occurs in the log, for the filter. */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
