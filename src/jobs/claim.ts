import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { JobsTable } from '../db/schema.js';

export type JobRow = Selectable<JobsTable>;

/**
 * Takes the oldest due, free job one of `names` can run, in one atomic
 * statement: on PostgreSQL the candidate row is locked with FOR UPDATE SKIP
 * LOCKED so concurrent workers pick different rows without waiting; on SQLite
 * the single UPDATE … RETURNING runs under the database's write lock. Either
 * way the lease (locked_until) is what keeps a job from running twice.
 */
export async function claimNextJob(db: Db, names: string[], workerId: string, now: Date, leaseMs: number): Promise<JobRow | undefined> {
  if (!names.length) return undefined;
  const at = now.toISOString();
  const postgres = dialectOf(db) === 'postgres';
  return db
    .updateTable('jobs')
    .set({ locked_by: workerId, locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('run_at', '<=', at)
        .where('name', 'in', names)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .$if(postgres, (q) => q.forUpdate().skipLocked()),
    )
    // Checked again on the row being updated: a row freed and retaken meanwhile is not taken twice.
    .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]))
    .returningAll()
    .executeTakeFirst();
}

/** Extends this worker's lease while a job runs; false when the lease was lost (another worker may have it). */
export async function renewLease(db: Db, jobId: number, workerId: string, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: until.toISOString() })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface Outcome {
  ok: boolean;
  /** JSON of the result (success) or the error message (failure). */
  detail: string;
  /** Next due instant, or null when nothing is left to do. */
  nextRunAt: string | null;
  /** Failures since the last success, counting this run. */
  attempts: number;
}

/**
 * Records how a run ended and frees the job, only if this worker still holds
 * it. If the job was re-queued while it ran (run_at moved), the newer due time
 * wins over the computed one, so that request is not lost.
 */
export async function finishJob(db: Db, job: JobRow, workerId: string, outcome: Outcome, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      locked_by: null,
      locked_until: null,
      last_run_at: now.toISOString(),
      attempts: outcome.attempts,
      last_error: outcome.ok ? null : outcome.detail,
      ...(outcome.ok ? { last_result: outcome.detail } : {}),
      run_at:
        job.run_at === null
          ? outcome.nextRunAt
          : eb.case().when('run_at', '=', job.run_at).then(outcome.nextRunAt).else(eb.ref('run_at')).end(),
    }))
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
