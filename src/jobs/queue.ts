import type { Db, Tx } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { JobRegistry } from './registry.js';

export interface EnqueueOptions {
  /** Identity of the job; queuing the same key again re-arms it instead of adding a second one. Default: the job name. */
  key?: string;
  /** Not before this instant. Default: now. */
  runAt?: Date;
  /** Give up after this many failures. Default: the definition's, or 5. */
  maxAttempts?: number;
  /** Queue inside the caller's transaction, so the job exists exactly when the write that needs it does. */
  tx?: Tx;
}

export type JobStatus = 'running' | 'scheduled' | 'done' | 'failed';

export interface JobSummary {
  key: string;
  name: string;
  status: JobStatus;
  intervalSeconds: number | null;
  runAt: string | null;
  lockedBy: string | null;
  attempts: number;
  lastRunAt: string | null;
  lastError: string | null;
  lastResult: string | null;
}

export type JobQueue = ReturnType<typeof createJobQueue>;

/** The write side of jobs: queue one-off work, keep repeating jobs in the table, list what there is. */
export function createJobQueue(db: Db, registry: JobRegistry) {
  return {
    /** Queues (or re-arms) a one-off job; returns its key. Throws when the name or payload is not valid. */
    async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
      const definition = registry.get(name);
      if (!definition) throw new Error(`No job named "${name}" is registered (known: ${registry.names().join(', ') || 'none'})`);
      const checked = definition.payload.safeParse(payload);
      if (!checked.success) throw new Error(`Job "${name}" payload is not valid: ${checked.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`);
      const key = options.key ?? name;
      const row = {
        name,
        payload: JSON.stringify(checked.data ?? {}),
        run_at: (options.runAt ?? new Date()).toISOString(),
        max_attempts: options.maxAttempts ?? definition.maxAttempts ?? 5,
        attempts: 0,
      };
      await (options.tx ?? db)
        .insertInto('jobs')
        .values({ key, interval_seconds: null, created_at: nowIso(), ...row })
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute();
      return key;
    },

    /** Makes sure every repeating job of the registry has its row (key = name), keeping its next due time. */
    async ensureRepeating(at: Date = new Date()): Promise<void> {
      const now = at.toISOString();
      for (const definition of registry.repeating()) {
        await db
          .insertInto('jobs')
          .values({ key: definition.name, name: definition.name, payload: '{}', interval_seconds: definition.everySeconds, run_at: now, created_at: now })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              interval_seconds: eb.ref('excluded.interval_seconds'),
              // A repeating job always has a next run; an old one-off with the same key is turned into this.
              run_at: eb.fn.coalesce('jobs.run_at', 'excluded.run_at'),
            })),
          )
          .execute();
      }
    },

    /** Every job with its state, due first; for `jobs list` and admin pages. */
    async list(): Promise<JobSummary[]> {
      const rows = await db.selectFrom('jobs').selectAll().orderBy('run_at').orderBy('key').execute();
      const now = nowIso();
      return rows.map((r) => ({
        key: r.key,
        name: r.name,
        status: r.locked_until !== null && r.locked_until > now ? 'running' : r.run_at !== null ? 'scheduled' : r.last_error !== null ? 'failed' : 'done',
        intervalSeconds: r.interval_seconds,
        runAt: r.run_at,
        lockedBy: r.locked_until !== null && r.locked_until > now ? r.locked_by : null,
        attempts: Number(r.attempts),
        lastRunAt: r.last_run_at,
        lastError: r.last_error,
        lastResult: r.last_result,
      }));
    },
  };
}
