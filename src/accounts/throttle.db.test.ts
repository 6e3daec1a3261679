import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { accountKey, createLoginThrottle, ipKey } from './throttle.js';

const skip = await skipWithoutDatabase();
const MINUTE = 60_000;

describe.skipIf(skip)('login throttle', () => {
  let t: TestDatabase;
  let now = new Date('2030-01-01T12:00:00.000Z');
  const clock = () => now;
  const policy = { accountLimit: 5, ipLimit: 8, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });
  const throttle = () => createLoginThrottle(t.handle.db, policy, clock);

  test('the fifth failure locks the address for 15 minutes, then it opens again', async () => {
    const keys = [accountKey('Lock.Me@example.org'), ipKey('192.0.2.1')];
    for (let i = 1; i <= 4; i++) expect(await throttle().recordFailure(keys)).toBeNull();
    const until = await throttle().recordFailure(keys);
    expect(until?.toISOString()).toBe('2030-01-01T12:15:00.000Z');
    // The same address in other letter case is the same key.
    expect((await throttle().lockedUntil([accountKey('lock.me@EXAMPLE.org')]))?.toISOString()).toBe('2030-01-01T12:15:00.000Z');
    now = new Date('2030-01-01T12:14:59.000Z');
    expect(await throttle().lockedUntil(keys)).not.toBeNull();
    now = new Date('2030-01-01T12:15:00.000Z');
    expect(await throttle().lockedUntil(keys)).toBeNull();
    // A new window: one more failure does not lock again at once.
    expect(await throttle().recordFailure(keys)).toBeNull();
  });

  test('failures spread wider than the window never lock', async () => {
    now = new Date('2030-01-02T12:00:00.000Z');
    const keys = [accountKey('slow@example.org')];
    for (let i = 0; i < 12; i++) {
      expect(await throttle().recordFailure(keys)).toBeNull();
      now = new Date(now.getTime() + 4 * MINUTE);
    }
  });

  test('one IP guessing many addresses is locked by its own, higher limit', async () => {
    now = new Date('2030-01-03T12:00:00.000Z');
    const ip = ipKey('198.51.100.7');
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await throttle().recordFailure([accountKey(`user${i}@example.org`), ip]));
    expect(results.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    expect(results[7]).not.toBeNull();
    expect(await throttle().lockedUntil([accountKey('someone-new@example.org'), ip])).not.toBeNull();
    expect(await throttle().lockedUntil([accountKey('someone-new@example.org'), ipKey('198.51.100.8')])).toBeNull();
  });

  test('concurrent failures are all counted (atomic upsert)', async () => {
    now = new Date('2030-01-04T12:00:00.000Z');
    const key = accountKey('race@example.org');
    await Promise.all(Array.from({ length: 12 }, () => throttle().recordFailure([key])));
    const row = await t.handle.db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
    expect(row.failures).toBe(12);
    expect(row.locked_until).toBe('2030-01-04T12:15:00.000Z');
  });

  test('reset forgets an address; cleanup removes finished windows only', async () => {
    now = new Date('2030-01-05T12:00:00.000Z');
    await t.handle.db.deleteFrom('login_throttle').execute();
    const a = accountKey('reset@example.org');
    await throttle().recordFailure([a]);
    await throttle().reset(a);
    expect(await t.handle.db.selectFrom('login_throttle').select('key').execute()).toEqual([]);
    await throttle().recordFailure([accountKey('old@example.org')]);
    now = new Date(now.getTime() + 10 * MINUTE);
    await throttle().recordFailure([accountKey('recent@example.org')]);
    now = new Date(now.getTime() + 6 * MINUTE);
    expect(await throttle().cleanup()).toBe(1);
    expect((await t.handle.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key)).toEqual(['account:recent@example.org']);
  });
});
