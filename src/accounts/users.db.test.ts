import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { recordAudit } from './audit.js';
import { createInvitationStore } from './invitations.js';
import { createSessionStore } from './sessions.js';
import { seedUser } from './test-support/session-client.js';
import { AccountRuleError, DuplicateEmailError, createUserStore } from './users.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('user store', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });
  const users = () => createUserStore(t.handle.db);

  test('e-mail addresses are unique whatever their letter case, and stored lower-case', async () => {
    const created = await users().create({ email: '  Ada.Lovelace@Example.org ', name: ' Ada Lovelace ', role: 'editor', passwordHash: null });
    expect(created.email).toBe('ada.lovelace@example.org');
    expect(created.name).toBe('Ada Lovelace');
    await expect(users().create({ email: 'ADA.LOVELACE@example.org', name: 'Other', role: 'admin', passwordHash: null })).rejects.toBeInstanceOf(DuplicateEmailError);
    expect((await users().byEmail('ada.LOVELACE@example.ORG'))?.id).toBe(created.id);
  });

  test('the last active admin can be neither demoted nor disabled', async () => {
    await t.handle.db.updateTable('users').set({ disabled_at: new Date().toISOString() }).where('role', '=', 'admin').execute();
    const only = await seedUser(t.handle.db, 'admin');
    await expect(users().setRole(only.id, 'editor')).rejects.toThrow(AccountRuleError);
    await expect(users().setDisabled(only.id, true)).rejects.toThrow('only active admin');
    const second = await seedUser(t.handle.db, 'editor');
    await users().setRole(second.id, 'admin');
    expect((await users().setRole(only.id, 'reviewer')).role).toBe('reviewer');
    await expect(users().setDisabled(second.id, true)).rejects.toThrow(AccountRuleError);
    expect((await users().byId(second.id))?.disabled_at).toBeNull();
  });

  test('disabling ends sessions and withdraws waiting links; enabling does not bring them back', async () => {
    const editor = await seedUser(t.handle.db, 'editor');
    const sessions = createSessionStore(t.handle.db);
    const invitations = createInvitationStore(t.handle.db);
    const { token } = await sessions.create(editor.id);
    const link = await invitations.create(editor.id, null);
    await users().setDisabled(editor.id, true);
    expect(await sessions.lookup(token)).toBeNull();
    expect(await invitations.find(link.token)).toEqual({ problem: 'revoked' });
    await users().setDisabled(editor.id, false);
    expect((await users().byId(editor.id))?.disabled_at).toBeNull();
    expect(await sessions.countFor(editor.id)).toBe(0);
  });

  test('the audit hook runs in the change’s transaction: a failing audit undoes the change', async () => {
    const editor = await seedUser(t.handle.db, 'editor');
    await expect(users().setRole(editor.id, 'reviewer', (tx) => recordAudit(tx, { actorUserId: null, action: 'Not A Valid Action' }))).rejects.toThrow();
    expect((await users().byId(editor.id))?.role).toBe('editor');
  });
});
