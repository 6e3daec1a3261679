import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { createSessionStore } from './sessions.js';
import { seedUser } from './test-support/session-client.js';
import { sha256Hex } from './tokens.js';

const skip = await skipWithoutDatabase();
const MINUTE = 60_000;

describe.skipIf(skip)('session store', () => {
  let t: TestDatabase;
  let now = new Date('2030-01-01T09:00:00.000Z');
  const clock = () => now;
  const policy = { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE, touchEveryMs: MINUTE };
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });
  const store = () => createSessionStore(t.handle.db, policy, clock);

  test('the cookie token is random and only its sha256 is stored', async () => {
    const user = await seedUser(t.handle.db, 'editor');
    const { token, session } = await store().create(user.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.id).toBe(sha256Hex(token));
    const row = await t.handle.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.id).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const found = await store().lookup(token);
    expect(found?.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'editor', authorKey: null });
    expect(found?.csrfSecret).toBe(row.csrf_secret);
    expect(await store().lookup(row.id)).toBeNull();
    expect(await store().lookup('not a token')).toBeNull();
  });

  test('activity keeps a session alive until the absolute timeout; last_seen is written at most once a minute', async () => {
    now = new Date('2030-01-02T09:00:00.000Z');
    const user = await seedUser(t.handle.db, 'reviewer');
    const { token, session } = await store().create(user.id);
    const lastSeen = async () => (await t.handle.db.selectFrom('sessions').select('last_seen_at').where('id', '=', session.id).executeTakeFirstOrThrow()).last_seen_at;

    now = new Date(now.getTime() + 30_000);
    expect(await store().lookup(token)).not.toBeNull();
    expect(await lastSeen()).toBe('2030-01-02T09:00:00.000Z');
    // Every 25 minutes, for 7 h 55 min: never idle long enough to end.
    for (let i = 0; i < 19; i++) {
      now = new Date(now.getTime() + 25 * MINUTE);
      expect(await store().lookup(token), `after ${i}`).not.toBeNull();
    }
    expect(await lastSeen()).toBe(now.toISOString());
    now = new Date(Date.parse('2030-01-02T09:00:00.000Z') + 8 * 60 * MINUTE);
    expect(await store().lookup(token)).toBeNull();
    expect(await store().countFor(user.id)).toBe(0);
  });

  test('a session idle for longer than the idle timeout ends', async () => {
    now = new Date('2030-01-03T09:00:00.000Z');
    const user = await seedUser(t.handle.db, 'editor');
    const { token } = await store().create(user.id);
    now = new Date(now.getTime() + 29 * MINUTE);
    expect(await store().lookup(token)).not.toBeNull();
    now = new Date(now.getTime() + 30 * MINUTE);
    expect(await store().lookup(token)).toBeNull();
  });

  test('a disabled user’s session stops working at once', async () => {
    const user = await seedUser(t.handle.db, 'admin');
    const { token } = await store().create(user.id);
    await t.handle.db.updateTable('users').set({ disabled_at: now.toISOString() }).where('id', '=', user.id).execute();
    expect(await store().lookup(token)).toBeNull();
  });

  test('endAllFor ends every session of one user, optionally sparing one', async () => {
    const [a, b] = [await seedUser(t.handle.db, 'editor'), await seedUser(t.handle.db, 'editor')];
    const a1 = await store().create(a.id);
    const a2 = await store().create(a.id);
    await store().create(a.id);
    const b1 = await store().create(b.id);
    expect(await store().endAllFor(a.id, t.handle.db, a1.session.id)).toBe(2);
    expect(await store().lookup(a1.token)).not.toBeNull();
    expect(await store().lookup(a2.token)).toBeNull();
    expect(await store().lookup(b1.token)).not.toBeNull();
  });

  test('cleanup deletes sessions past either timeout and keeps live ones', async () => {
    now = new Date('2030-02-01T09:00:00.000Z');
    await t.handle.db.deleteFrom('sessions').execute();
    const user = await seedUser(t.handle.db, 'editor');
    const idle = await store().create(user.id);
    now = new Date(now.getTime() + 20 * MINUTE);
    const live = await store().create(user.id);
    now = new Date(now.getTime() + 15 * MINUTE);
    expect(await store().cleanup()).toBe(1);
    expect(await store().lookup(idle.token)).toBeNull();
    expect(await store().lookup(live.token)).not.toBeNull();
  });
});
