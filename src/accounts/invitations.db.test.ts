import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { createInvitationStore } from './invitations.js';
import { seedUser } from './test-support/session-client.js';
import { sha256Hex } from './tokens.js';

const skip = await skipWithoutDatabase();
const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(skip)('invitation store', () => {
  let t: TestDatabase;
  let now = new Date('2030-03-01T10:00:00.000Z');
  const clock = () => now;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });
  const store = () => createInvitationStore(t.handle.db, clock, 3 * DAY);

  test('a link works until it expires, and only its hash is stored', async () => {
    const user = await seedUser(t.handle.db, 'reviewer', { passwordHash: null });
    const { token, invitation } = await store().create(user.id, null);
    expect(invitation.token_hash).toBe(sha256Hex(token));
    expect(invitation.expires_at).toBe('2030-03-04T10:00:00.000Z');
    const found = await store().find(token);
    expect('user' in found && found.user.id).toBe(user.id);
    now = new Date('2030-03-04T10:00:00.000Z');
    expect(await store().find(token)).toEqual({ problem: 'expired' });
    expect(await t.handle.db.transaction().execute((tx) => store().markUsed(invitation.id, tx))).toBe(false);
  });

  test('a new link replaces the waiting one', async () => {
    now = new Date('2030-03-10T10:00:00.000Z');
    const user = await seedUser(t.handle.db, 'editor');
    const first = await store().create(user.id, null);
    const second = await store().create(user.id, null);
    expect(await store().find(first.token)).toEqual({ problem: 'revoked' });
    expect('invitation' in (await store().find(second.token))).toBe(true);
    expect((await store().pendingFor(user.id))?.id).toBe(second.invitation.id);
    expect(await store().revokeFor(user.id)).toBe(1);
    expect(await store().pendingFor(user.id)).toBeUndefined();
  });

  test('a link works once, even when used twice at the same moment', async () => {
    now = new Date('2030-03-20T10:00:00.000Z');
    const user = await seedUser(t.handle.db, 'editor', { passwordHash: null });
    const { token, invitation } = await store().create(user.id, null);
    const results = await Promise.all([1, 2, 3].map(() => t.handle.db.transaction().execute((tx) => store().markUsed(invitation.id, tx))));
    expect(results.filter(Boolean)).toEqual([true]);
    expect(await store().find(token)).toEqual({ problem: 'used' });
  });

  test('unknown, malformed and disabled-account links say why they fail', async () => {
    expect(await store().find('A'.repeat(43))).toEqual({ problem: 'unknown' });
    expect(await store().find('../../etc/passwd')).toEqual({ problem: 'unknown' });
    const user = await seedUser(t.handle.db, 'editor');
    const { token } = await store().create(user.id, null);
    await t.handle.db.updateTable('users').set({ disabled_at: now.toISOString() }).where('id', '=', user.id).execute();
    expect(await store().find(token)).toEqual({ problem: 'disabled' });
  });
});
