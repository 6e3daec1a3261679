import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatabaseHandle, Db } from '../db/database.js';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { claimNextJob } from './claim.js';
import { createJobQueue } from './queue.js';
import { type JobDefinition, JobRegistry, defineJob } from './registry.js';
import { JobWorker, type WorkerOptions } from './worker.js';

const skip = await skipWithoutDatabase();

/** One "server": its own connection, registry, queue and worker, as a separate process would have. */
function server(db: Db, definitions: JobDefinition<any>[], options: WorkerOptions = {}) {
  const registry = new JobRegistry();
  for (const d of definitions) registry.register(d);
  const queue = createJobQueue(db, registry);
  const worker = new JobWorker(db, registry, queue, { log: () => {}, ...options });
  return { registry, queue, worker };
}

/** A handler that notices when the same job key is running twice at the same moment. */
function tallyJob(runMs: number) {
  const active = new Set<string>();
  const runs: Array<{ key: string; n: number }> = [];
  let overlaps = 0;
  const definition = defineJob({
    name: 'test.tally',
    payload: z.object({ n: z.number().int() }),
    async run(payload, { key }) {
      if (active.has(key)) overlaps++;
      active.add(key);
      await sleep(runMs);
      active.delete(key);
      runs.push({ key, n: payload.n });
      return { counted: payload.n };
    },
  });
  return { definition, runs, overlaps: () => overlaps };
}

describe.skipIf(skip)('background jobs in the database', () => {
  let database: TestDatabase;
  let second: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
    second = database.reopen();
  });
  afterAll(async () => {
    await second?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await database.handle.db.deleteFrom('jobs').execute();
  });

  it('runs each queued job exactly once when two workers on two connections race for them', async () => {
    const tally = tallyJob(15);
    const a = server(database.handle.db, [tally.definition], { workerId: 'a' });
    const b = server(second.db, [tally.definition], { workerId: 'b' });
    for (let n = 1; n <= 20; n++) await a.queue.enqueue('test.tally', { n }, { key: `tally:${n}` });

    const [byA, byB] = await Promise.all([a.worker.runDue(), b.worker.runDue()]);

    expect(tally.runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(byA.length + byB.length).toBe(20);
    // Both really worked concurrently, so the exactly-once result above was contested.
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(tally.overlaps()).toBe(0);
  });

  it('never runs one job twice at once while it is re-queued over and over and two workers poll', async () => {
    const tally = tallyJob(10);
    const a = server(database.handle.db, [tally.definition], { workerId: 'a' });
    const b = server(second.db, [tally.definition], { workerId: 'b' });
    const until = Date.now() + 800;
    const poll = async (s: ReturnType<typeof server>) => {
      while (Date.now() < until) {
        await s.worker.runDue();
        await sleep(1);
      }
    };
    const requeue = async () => {
      for (let n = 0; Date.now() < until; n++) {
        await a.queue.enqueue('test.tally', { n }, { key: 'tally:same' });
        await sleep(3);
      }
    };
    await Promise.all([poll(a), poll(b), requeue()]);

    expect(tally.runs.length).toBeGreaterThan(5);
    expect(tally.overlaps()).toBe(0);
  });

  it('takes over a job whose worker died only after its lease has run out', async () => {
    const tally = tallyJob(0);
    const t0 = new Date();
    let clock = t0;
    const b = server(second.db, [tally.definition], { now: () => clock });
    await b.queue.enqueue('test.tally', { n: 7 }, { runAt: t0 });
    // A worker claims it and is never heard from again.
    expect(await claimNextJob(database.handle.db, ['test.tally'], 'crashed', t0, 60_000)).toMatchObject({ key: 'test.tally', locked_by: 'crashed' });

    clock = new Date(t0.getTime() + 30_000);
    expect(await b.worker.runDue()).toEqual([]);
    clock = new Date(t0.getTime() + 61_000);
    expect(await b.worker.runDue()).toMatchObject([{ key: 'test.tally', ok: true }]);
    expect(tally.runs).toEqual([{ key: 'test.tally', n: 7 }]);
  });

  it('records a failure, retries with growing delays, and gives a one-off job up after maxAttempts', async () => {
    const t0 = new Date();
    let clock = t0;
    let calls = 0;
    const flaky = defineJob({
      name: 'test.flaky',
      payload: z.object({}),
      maxAttempts: 2,
      async run() {
        calls++;
        throw new Error('upstream answered 502');
      },
    });
    const s = server(database.handle.db, [flaky], { now: () => clock, retryBaseMs: 1000 });
    await s.queue.enqueue('test.flaky', {}, { runAt: t0 });

    expect(await s.worker.runDue()).toMatchObject([{ ok: false, detail: 'upstream answered 502' }]);
    let row = await database.handle.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, last_error: 'upstream answered 502', locked_by: null, run_at: new Date(t0.getTime() + 1000).toISOString() });
    expect(await s.worker.runDue()).toEqual([]);

    clock = new Date(t0.getTime() + 1000);
    await s.worker.runDue();
    row = await database.handle.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, run_at: null, last_run_at: clock.toISOString() });
    expect((await s.queue.list())[0]).toMatchObject({ key: 'test.flaky', status: 'failed', lastError: 'upstream answered 502' });

    clock = new Date(t0.getTime() + 3_600_000);
    expect(await s.worker.runDue()).toEqual([]);
    expect(calls).toBe(2);
  });

  it('creates repeating jobs from the registry and runs them again one interval later, keeping the result', async () => {
    const t0 = new Date();
    let clock = t0;
    let runs = 0;
    const hourly = defineJob({
      name: 'test.hourly',
      payload: z.object({}),
      everySeconds: 3600,
      async run() {
        runs++;
        return { runs };
      },
    });
    const s = server(database.handle.db, [hourly], { now: () => clock });
    expect(await s.worker.runDue()).toMatchObject([{ key: 'test.hourly', ok: true, detail: '{"runs":1}' }]);
    const row = await database.handle.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ interval_seconds: 3600, last_result: '{"runs":1}', run_at: new Date(t0.getTime() + 3_600_000).toISOString() });

    clock = new Date(t0.getTime() + 3_599_000);
    expect(await s.worker.runDue()).toEqual([]);
    clock = new Date(t0.getTime() + 3_600_000);
    expect(await s.worker.runDue()).toMatchObject([{ ok: true, detail: '{"runs":2}' }]);
    // A second server starting up does not reset the schedule or add a second row.
    const other = server(second.db, [hourly], { now: () => clock });
    expect(await other.worker.runDue()).toEqual([]);
    expect(await database.handle.db.selectFrom('jobs').select('key').execute()).toHaveLength(1);
  });

  it('creates the row of a repeating job registered after the worker started', async () => {
    const s = server(database.handle.db, []);
    expect(await s.worker.runDue()).toEqual([]);
    s.registry.register(defineJob({ name: 'test.late', payload: z.object({}), everySeconds: 60, run: async () => 'late' }));
    expect(await s.worker.runDue()).toMatchObject([{ key: 'test.late', ok: true, detail: '"late"' }]);
  });

  it('keeps queued jobs across a restart: a job queued by a server that stopped runs on the next one', async () => {
    const tally = tallyJob(0);
    const before = database.reopen();
    await server(before.db, [tally.definition]).queue.enqueue('test.tally', { n: 42 }, { key: 'survivor' });
    await before.close();

    const after = database.reopen();
    try {
      const reports = await server(after.db, [tally.definition]).worker.runDue();
      expect(reports).toMatchObject([{ key: 'survivor', ok: true, detail: '{"counted":42}' }]);
    } finally {
      await after.close();
    }
  });

  it('runs a job again when it was re-queued while running, instead of losing that request', async () => {
    let runs = 0;
    const s = server(database.handle.db, []);
    const again = defineJob({
      name: 'test.again',
      payload: z.object({}),
      async run() {
        runs++;
        // Someone asks for it again (e.g. an edit) while this run is busy.
        if (runs === 1) await s.queue.enqueue('test.again', {}, { runAt: new Date(Date.now() + 5) });
      },
    });
    s.registry.register(again);
    await s.queue.enqueue('test.again', {});
    await s.worker.runDue();
    await sleep(10);
    await s.worker.runDue();
    expect(runs).toBe(2);
  });

  it('leaves jobs of names this server does not know for a server that does', async () => {
    const tally = tallyJob(0);
    const knows = server(database.handle.db, [tally.definition]);
    const doesNot = server(second.db, []);
    await knows.queue.enqueue('test.tally', { n: 1 });
    expect(await doesNot.worker.runDue()).toEqual([]);
    expect(await knows.worker.runDue()).toHaveLength(1);
  });

  it('refuses unknown names and bad payloads when queuing, naming the problem', async () => {
    const tally = tallyJob(0);
    const s = server(database.handle.db, [tally.definition]);
    await expect(s.queue.enqueue('test.nope', {})).rejects.toThrow('No job named "test.nope" is registered (known: test.tally)');
    await expect(s.queue.enqueue('test.tally', { n: 'three' })).rejects.toThrow(/payload is not valid: n: /);
    expect(await database.handle.db.selectFrom('jobs').select('key').execute()).toEqual([]);
  });

  it('the polling worker picks up a queued job by itself and stop() waits for the run to be recorded', async () => {
    const tally = tallyJob(30);
    const s = server(database.handle.db, [tally.definition], { pollMs: 20 });
    s.worker.start();
    try {
      await s.queue.enqueue('test.tally', { n: 5 });
      const deadline = Date.now() + 3000;
      while (tally.runs.length === 0 && Date.now() < deadline) await sleep(10);
      expect(tally.runs).toEqual([{ key: 'test.tally', n: 5 }]);
    } finally {
      await s.worker.stop();
    }
    const row = await database.handle.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ locked_by: null, run_at: null, last_result: '{"counted":5}' });
  });
});
