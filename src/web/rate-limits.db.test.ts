import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_DIALECT, type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { RATE_LIMITS, createRateLimits } from './rate-limits.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('rate limits in the database', () => {
  let t: TestDatabase;
  let now = new Date('2030-01-01T12:00:00.000Z');
  const clock = () => now;
  const limits = { suggest: { limit: 5, windowMs: 10_000 }, editorWrites: { limit: 3, windowMs: 60_000 } };
  // Each call is a new set of limiters on the same database, as another server would have.
  const server = () => createRateLimits(t.handle.db, { limits, clock });
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('allows the limit in a window, refuses more until the window ends, then starts again', async () => {
    const rl = server();
    for (let i = 0; i < 5; i++) expect(await rl.suggest.take('192.0.2.1')).toEqual({ allowed: true, retryAfterSeconds: 10 });
    now = new Date('2030-01-01T12:00:03.500Z');
    expect(await rl.suggest.take('192.0.2.1')).toEqual({ allowed: false, retryAfterSeconds: 7 });
    now = new Date('2030-01-01T12:00:09.999Z');
    expect((await rl.suggest.take('192.0.2.1')).allowed).toBe(false);
    now = new Date('2030-01-01T12:00:10.000Z');
    expect(await rl.suggest.take('192.0.2.1')).toEqual({ allowed: true, retryAfterSeconds: 10 });
  });

  test('keeps clients and limits apart', async () => {
    now = new Date('2030-01-02T12:00:00.000Z');
    const rl = server();
    for (let i = 0; i < 3; i++) expect((await rl.editorWrites.take('user:1')).allowed).toBe(true);
    expect((await rl.editorWrites.take('user:1')).allowed).toBe(false);
    expect((await rl.editorWrites.take('user:2')).allowed).toBe(true);
    // Another limit with the same client key has its own count.
    expect((await rl.editorPreviews.take('user:1')).allowed).toBe(true);
    expect(rl.editorPreviews.limit).toEqual(RATE_LIMITS.editorPreviews);
  });

  test('two servers share one budget per client', async () => {
    now = new Date('2030-01-03T12:00:00.000Z');
    const [a, b] = [server(), server()];
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await a.suggest.take('198.51.100.7')).allowed, (await b.suggest.take('198.51.100.7')).allowed);
    expect(answers).toEqual([true, true, true, true, true, false]);
    expect((await a.suggest.take('198.51.100.7')).allowed).toBe(false);
  });

  test('concurrent requests through several servers are all counted (atomic upsert)', async () => {
    now = new Date('2030-01-04T12:00:00.000Z');
    const servers = [server(), server(), server()];
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => servers[i % 3]!.suggest.take('203.0.113.9')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const row = await t.handle.db.selectFrom('rate_limits').selectAll().where('key', '=', 'suggest:203.0.113.9').executeTakeFirstOrThrow();
    expect(row.hits).toBe(24);
  });

  test('prunes counters whose window ended, by the hourly job too', async () => {
    now = new Date('2030-01-05T12:00:00.000Z');
    const rl = server();
    await rl.suggest.take('192.0.2.50');
    await rl.editorWrites.take('user:50');
    // The longest window is the editor's minute: nothing has ended 59 s later.
    now = new Date('2030-01-05T12:00:59.000Z');
    await rl.suggest.take('192.0.2.51');
    const before = await t.handle.db.selectFrom('rate_limits').select('key').where('key', 'like', '%50').execute();
    expect(before).toHaveLength(2);
    now = new Date('2030-01-05T12:01:00.000Z');
    expect(rl.pruneJob).toMatchObject({ name: 'web.rate-limits-prune', everySeconds: 3600 });
    expect(await rl.pruneJob.run({}, { db: t.handle.db, key: 'web.rate-limits-prune', attempts: 0, signal: new AbortController().signal })).toEqual({ deleted: expect.any(Number) });
    const keys = (await t.handle.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
    expect(keys).not.toContain('suggest:192.0.2.50');
    expect(keys).not.toContain('editor-writes:user:50');
    expect(keys).toContain('suggest:192.0.2.51');
  });

  test.runIf(TEST_DIALECT === 'sqlite')('leaves SQLite committing with synchronous=FULL for everything else', async () => {
    const read = async () => (await sql<{ synchronous: number }>`pragma synchronous`.execute(t.handle.db)).rows[0]!.synchronous;
    expect(await read()).toBe(2);
    await server().suggest.take('192.0.2.99');
    expect(await read()).toBe(2);
  });

  test.runIf(TEST_DIALECT === 'postgres')('keeps the counters in an unlogged table on PostgreSQL', async () => {
    const { rows } = await sql<{ relpersistence: string }>`select relpersistence from pg_class where relname = 'rate_limits'`.execute(t.handle.db);
    expect(rows[0]?.relpersistence).toBe('u');
  });
});
