import type { Db } from '../db/database.js';
import { pruneFinishedJobs } from './prune.js';
import { type JobQueue, createJobQueue } from './queue.js';
import { type JobDefinition, JobRegistry } from './registry.js';
import { JobWorker, type WorkerOptions } from './worker.js';

/** Everything about background jobs a server holds: what it can run, how to queue, the worker. */
export interface JobSystem {
  registry: JobRegistry;
  queue: JobQueue;
  worker: JobWorker;
  /** Adds a handler; call while wiring, before the worker starts. */
  register<P>(definition: JobDefinition<P>): void;
}

/** The job system with the built-in housekeeping job registered. */
export function createJobSystem(db: Db, options: WorkerOptions = {}): JobSystem {
  const registry = new JobRegistry();
  registry.register(pruneFinishedJobs);
  const queue = createJobQueue(db, registry);
  const worker = new JobWorker(db, registry, queue, options);
  return { registry, queue, worker, register: (definition) => registry.register(definition) };
}
