import type { z } from 'zod';
import type { Db } from '../db/database.js';

/** What a handler gets besides its payload. */
export interface JobContext {
  db: Db;
  /** The job's unique key (several one-off jobs may share a handler). */
  key: string;
  /** Failures before this attempt. */
  attempts: number;
  /** Aborted when this worker lost its lease or is stopping: stop early, the job will run again. */
  signal: AbortSignal;
}

/**
 * A kind of job, registered by name. Handlers must be idempotent: a job whose
 * worker died mid-run is run again by another worker once the lease ends.
 */
export interface JobDefinition<P = unknown> {
  /** Unique, dotted by domain: "jobs.prune", "citations.refresh". */
  name: string;
  /** Validates the payload when queued and again when run. */
  payload: z.ZodType<P>;
  /** Does the work; what it returns (JSON-serialisable) is kept as last_result. */
  run(payload: P, context: JobContext): Promise<unknown>;
  /** Repeat every this many seconds; the job is created by the worker at start. */
  everySeconds?: number;
  /** How long one run may hold the job before others may take it; renewed while running. Default 60 s. */
  leaseMs?: number;
  /** One-off jobs give up after this many failures. Default 5. */
  maxAttempts?: number;
}

/** Declares a job with its payload type inferred from the schema. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/** The handlers this server can run, by name. */
export class JobRegistry {
  private readonly byName = new Map<string, JobDefinition<any>>();

  register<P>(definition: JobDefinition<P>): void {
    if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(definition.name)) {
      throw new Error(`Job name "${definition.name}" must be lower-case words separated by dots, e.g. "citations.refresh"`);
    }
    if (this.byName.has(definition.name)) throw new Error(`A job named "${definition.name}" is already registered`);
    if (definition.everySeconds !== undefined && !(Number.isInteger(definition.everySeconds) && definition.everySeconds >= 1)) {
      throw new Error(`Job "${definition.name}": everySeconds must be a whole number of seconds, at least 1`);
    }
    this.byName.set(definition.name, definition);
  }

  get(name: string): JobDefinition<unknown> | undefined {
    return this.byName.get(name);
  }

  /** Names a worker on this server may claim; jobs of unknown names wait for a server that knows them. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  repeating(): Array<JobDefinition<unknown> & { everySeconds: number }> {
    return [...this.byName.values()].filter((d): d is JobDefinition<unknown> & { everySeconds: number } => d.everySeconds !== undefined);
  }
}
