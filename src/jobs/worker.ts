import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { describeConnectionError, isDatabaseUnavailable } from '../db/connection-errors.js';
import { type JobRow, claimNextJob, finishJob, renewLease } from './claim.js';
import type { JobQueue } from './queue.js';
import type { JobRegistry } from './registry.js';

export interface WorkerOptions {
  /** Milliseconds between looks for due jobs. Default 1000. */
  pollMs?: number;
  /** Names this worker in locked_by; default host:pid:random. */
  workerId?: string;
  /** First retry delay after a failure; doubles per failure up to retryMaxMs. Default 30 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  log?: (line: string) => void;
  /** Injected in tests to move time without waiting. */
  now?: () => Date;
}

/** How one run went, for `jobs run` output and tests. */
export interface RunReport {
  key: string;
  name: string;
  ok: boolean;
  /** The result as JSON, or the error message. */
  detail: string;
  ms: number;
}

const DEFAULT_LEASE_MS = 60_000;
const MAX_DETAIL = 4000;

/**
 * Runs due jobs, one at a time, on whichever server claims them first. Lives
 * inside the app process (started by createAtoz) and in `jobs run`. A database
 * outage pauses it; it carries on by itself when the database is back.
 */
export class JobWorker {
  readonly workerId: string;
  private readonly pollMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopping = new AbortController();
  /** How many repeating jobs had their rows made sure of; a handler registered later gets its row too. */
  private repeatingEnsured = -1;
  private outage = false;

  constructor(
    private readonly db: Db,
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    options: WorkerOptions = {},
  ) {
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.pollMs = options.pollMs ?? 1000;
    this.retryBaseMs = options.retryBaseMs ?? 30_000;
    this.retryMaxMs = options.retryMaxMs ?? 3_600_000;
    this.log = options.log ?? ((line) => console.error(line));
    this.now = options.now ?? (() => new Date());
  }

  /** Polls for due jobs until stop(). */
  start(): void {
    if (this.timer || this.stopping.signal.aborted) return;
    const tick = () => {
      this.running = this.runDue()
        .then(() => {
          if (this.outage) this.log('Job worker: database reachable again; running jobs.');
          this.outage = false;
        })
        .catch((error: unknown) => this.reportPollError(error))
        .finally(() => {
          this.running = undefined;
          if (!this.stopping.signal.aborted) {
            this.timer = setTimeout(tick, this.pollMs);
            this.timer.unref();
          }
        });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
  }

  /** Stops polling, asks a running handler to stop early, and waits for the current run to be recorded. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('the job worker is stopping'));
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every job that is due now, one after another; returns what happened. `jobs run` calls this once. */
  async runDue(options: { max?: number } = {}): Promise<RunReport[]> {
    const repeating = this.registry.repeating().length;
    if (repeating !== this.repeatingEnsured) {
      await this.queue.ensureRepeating(this.now());
      this.repeatingEnsured = repeating;
    }
    const reports: RunReport[] = [];
    const max = options.max ?? Number.POSITIVE_INFINITY;
    while (reports.length < max && !this.stopping.signal.aborted) {
      const job = await claimNextJob(this.db, this.registry.names(), this.workerId, this.now(), DEFAULT_LEASE_MS);
      if (!job) break;
      reports.push(await this.runClaimed(job));
    }
    return reports;
  }

  private async runClaimed(job: JobRow): Promise<RunReport> {
    const definition = this.registry.get(job.name)!;
    const leaseMs = definition.leaseMs ?? DEFAULT_LEASE_MS;
    const started = performance.now();
    const lost = new AbortController();
    const signal = AbortSignal.any([lost.signal, this.stopping.signal]);
    let leaseEnds = Date.parse(job.locked_until!);
    if (leaseMs !== DEFAULT_LEASE_MS) {
      // Claimed with the default lease; switch to this job's own at once.
      const until = new Date(this.now().getTime() + leaseMs);
      if (await renewLease(this.db, job.id, this.workerId, until)) leaseEnds = until.getTime();
    }

    // Renew the lease while the handler works, so no other worker takes the job meanwhile.
    const heartbeat = setInterval(() => {
      const until = new Date(this.now().getTime() + leaseMs);
      renewLease(this.db, job.id, this.workerId, until).then(
        (held) => {
          if (held) leaseEnds = until.getTime();
          else lost.abort(new Error(`lost the lease on job ${job.key}`));
        },
        () => {
          // The database is away: once the lease has run out another worker may start the job, so stop.
          if (this.now().getTime() >= leaseEnds) lost.abort(new Error(`could not renew the lease on job ${job.key}`));
        },
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref();

    let ok: boolean;
    let detail: string;
    try {
      const payload = definition.payload.parse(JSON.parse(job.payload));
      const result = await definition.run(payload, { db: this.db, key: job.key, attempts: Number(job.attempts), signal });
      ok = true;
      detail = (JSON.stringify(result ?? null) ?? 'null').slice(0, MAX_DETAIL);
    } catch (error) {
      ok = false;
      detail = (error instanceof Error ? error.message || error.name : String(error)).slice(0, MAX_DETAIL);
    } finally {
      clearInterval(heartbeat);
    }

    const now = this.now();
    const attempts = ok ? 0 : Number(job.attempts) + 1;
    const every = job.interval_seconds === null ? null : Number(job.interval_seconds) * 1000;
    let nextRunAt: string | null;
    if (ok) nextRunAt = every === null ? null : new Date(now.getTime() + every).toISOString();
    else if (every !== null) nextRunAt = new Date(now.getTime() + Math.min(every, this.retryDelay(attempts))).toISOString();
    else nextRunAt = attempts >= Number(job.max_attempts) ? null : new Date(now.getTime() + this.retryDelay(attempts)).toISOString();

    if (!ok) this.log(`Job ${job.key} failed (attempt ${attempts}${nextRunAt ? `, retrying at ${nextRunAt}` : ', giving up'}): ${detail}`);
    try {
      const recorded = await finishJob(this.db, job, this.workerId, { ok, detail, nextRunAt, attempts }, now);
      if (!recorded) this.log(`Job ${job.key} finished after its lease had passed to another worker; its result was not recorded.`);
    } catch (error) {
      // Not recorded: the lease runs out and the (idempotent) job runs again.
      this.log(`Job ${job.key} finished but could not be recorded (${describeConnectionError(error)}); it will run again.`);
    }
    return { key: job.key, name: job.name, ok, detail, ms: Math.round(performance.now() - started) };
  }

  private retryDelay(attempts: number): number {
    return Math.min(this.retryBaseMs * 2 ** Math.max(0, attempts - 1), this.retryMaxMs);
  }

  private reportPollError(error: unknown): void {
    if (isDatabaseUnavailable(error)) {
      // Say it once per outage, not once per poll.
      if (!this.outage) this.log(`Job worker: database unavailable (${describeConnectionError(error)}); will keep trying.`);
      this.outage = true;
      return;
    }
    this.log(`Job worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
