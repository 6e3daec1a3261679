import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { auditActions, listAudit, recordAudit } from './audit.js';
import { seedUser } from './test-support/session-client.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('audit log', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('records who, what, on what, details as JSON and IP', async () => {
    const editor = await seedUser(t.handle.db, 'editor');
    await recordAudit(t.handle.db, { actorUserId: editor.id, action: 'page.publish', subjectType: 'page', subjectId: 'raynauds', details: { revision: 4 }, ip: '203.0.113.9' }, new Date('2030-01-01T00:00:00Z'));
    const row = await t.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'page.publish').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ at: '2030-01-01T00:00:00.000Z', actor_user_id: editor.id, subject_type: 'page', subject_id: 'raynauds', ip: '203.0.113.9' });
    expect(JSON.parse(row.details)).toEqual({ revision: 4 });
  });

  test('refuses entries that do not follow the domain.verb shape', async () => {
    for (const action of ['publish', 'Page.Publish', 'page.', 'page publish']) {
      await expect(recordAudit(t.handle.db, { actorUserId: null, action })).rejects.toThrow();
    }
  });

  test('an entry written in a transaction that rolls back disappears with it', async () => {
    await expect(
      t.handle.db.transaction().execute(async (tx) => {
        await recordAudit(tx, { actorUserId: null, action: 'page.delete', subjectId: 42 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.handle.db.selectFrom('audit_log').select('id').where('action', '=', 'page.delete').execute()).toEqual([]);
  });

  test('lists newest first, filtered by actor (or no actor) and action, in pages', async () => {
    await t.handle.db.deleteFrom('audit_log').execute();
    const [a, b] = [await seedUser(t.handle.db, 'admin', { name: 'Alice Admin' }), await seedUser(t.handle.db, 'editor')];
    for (let i = 0; i < 7; i++) await recordAudit(t.handle.db, { actorUserId: a.id, action: 'user.invited', subjectId: i });
    for (let i = 0; i < 3; i++) await recordAudit(t.handle.db, { actorUserId: b.id, action: 'page.edit', subjectId: i });
    await recordAudit(t.handle.db, { actorUserId: null, action: 'user.login_failed' });

    const first = await listAudit(t.handle.db, {}, 1, 4);
    expect([first.total, first.pageCount]).toEqual([11, 3]);
    expect(first.rows.map((r) => r.action)).toEqual(['user.login_failed', 'page.edit', 'page.edit', 'page.edit']);
    const last = await listAudit(t.handle.db, {}, 3, 4);
    expect(last.rows.map((r) => r.subject_id)).toEqual(['2', '1', '0']);

    const byA = await listAudit(t.handle.db, { actorUserId: a.id }, 1, 50);
    expect(byA.total).toBe(7);
    expect(byA.rows[0]!.actor_name).toBe('Alice Admin');
    expect((await listAudit(t.handle.db, { actorUserId: null }, 1, 50)).rows.map((r) => r.action)).toEqual(['user.login_failed']);
    expect((await listAudit(t.handle.db, { action: 'page.edit', actorUserId: b.id }, 1, 50)).total).toBe(3);
    expect((await listAudit(t.handle.db, { action: 'page.edit', actorUserId: a.id }, 1, 50)).total).toBe(0);
    expect(await auditActions(t.handle.db)).toEqual(['page.edit', 'user.invited', 'user.login_failed']);
  });
});
