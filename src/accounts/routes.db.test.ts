import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from './test-support/session-client.js';
import { sha256Hex } from './tokens.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('accounts routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const sessionsOf = async (userId: number) => db().selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  const auditActions = async (userId: number) =>
    (await db().selectFrom('audit_log').select('action').where('subject_id', '=', String(userId)).orderBy('id').execute()).map((r) => r.action);

  describe('sign-in page and headers', () => {
    test('the sign-in form carries a CSRF token backed by a signed anonymous cookie', async () => {
      const client = new SessionClient(t);
      const res = await client.get('/login');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(csrfFrom(html)).toMatch(/^[A-Za-z0-9_-]{86}$/);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('atoz_csrf='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/);
      expect(html).toContain('autocomplete="current-password"');
    });

    test('reader pages get the CSP but no cookie (they come from the render cache)', async () => {
      const res = await t.request('/');
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie()).toEqual([]);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    });

    test('a form posted without its token is refused with 403 and an explanation', async () => {
      const user = await seedUser(db(), 'editor');
      const client = new SessionClient(t);
      const res = await client.post('/login', { email: user.email, password: TEST_PASSWORD }, false);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form could not be accepted');
      expect(client.cookies.has('atoz_session')).toBe(false);
    });

    test('a token from another browser is refused', async () => {
      const user = await seedUser(db(), 'editor');
      const other = await new SessionClient(t).csrfToken();
      const res = await new SessionClient(t).post('/login', { email: user.email, password: TEST_PASSWORD }, other);
      expect(res.status).toBe(403);
    });
  });

  describe('signing in', () => {
    test('a right password starts a server-side session and goes where it was asked', async () => {
      const user = await seedUser(db(), 'editor');
      const client = new SessionClient(t);
      const res = await client.login(user.email.toUpperCase(), TEST_PASSWORD, '/account');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/account');
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('atoz_session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const token = client.cookies.get('atoz_session')!;
      // Only the hash of the cookie is stored.
      expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([sha256Hex(token)]);
      const account = await client.get('/account');
      expect(account.status).toBe(200);
      const html = await account.text();
      expect(html).toContain(`Signed in as <strong>${user.name}</strong> (editor)`);
      expect(await auditActions(user.id)).toContain('user.login');
    });

    test('next may only be a path on this site', async () => {
      const user = await seedUser(db(), 'reviewer');
      for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
        const res = await new SessionClient(t).login(user.email, TEST_PASSWORD, next);
        expect(res.headers.get('location')).toBe('/dashboard');
      }
    });

    test('a wrong password keeps the e-mail, says nothing about which part was wrong, and starts no session', async () => {
      const user = await seedUser(db(), 'editor');
      const client = new SessionClient(t);
      const res = await client.login(user.email, 'not the password at all');
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain(`value="${user.email}"`);
      expect(html).toContain('The e-mail address or the password is not right');
      expect(html).toContain('<title>Error: Sign in');
      expect(html).toContain('href="#password"');
      expect(client.cookies.has('atoz_session')).toBe(false);
      // An unknown address gets exactly the same answer.
      const unknown = await new SessionClient(t).login('nobody-here@example.org', 'not the password at all');
      expect(unknown.status).toBe(401);
      expect(await unknown.text()).toContain('The e-mail address or the password is not right');
      // The log names the known account; what was typed for an unknown one is not kept (it may be a password).
      expect(await auditActions(user.id)).toEqual(['user.login_failed']);
      const all = await db().selectFrom('audit_log').selectAll().execute();
      expect(JSON.stringify(all)).not.toContain('nobody-here');
    });

    test('empty fields are reported per field, keeping what was typed', async () => {
      const res = await new SessionClient(t).post('/login', { email: 'not-an-address', password: '' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('value="not-an-address"');
      expect(html).toContain('href="#email"');
      expect(html).toContain('href="#password"');
      expect(html).toContain('aria-invalid="true"');
    });

    test('five failures lock the address for everyone, known or not, even with the right password', async () => {
      const user = await seedUser(db(), 'editor');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await new SessionClient(t).login(user.email, `wrong password ${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const locked = await new SessionClient(t).login(user.email, TEST_PASSWORD);
      expect(locked.status).toBe(429);
      const html = await locked.text();
      expect(html).toContain('Too many failed attempts to sign in');
      expect(html).toMatch(/Try again in 1[45] minutes/);
      expect(html).toContain(`value="${user.email}"`);

      const ghost = 'ghost-account@example.org';
      for (let i = 0; i < 4; i++) await new SessionClient(t).login(ghost, `wrong password ${i}`);
      const ghostLocked = await new SessionClient(t).login(ghost, 'wrong password 5');
      expect(ghostLocked.status).toBe(429);
      expect(await ghostLocked.text()).toContain('Too many failed attempts to sign in');
      const rows = await db().selectFrom('audit_log').select('action').where('action', '=', 'user.login_locked').execute();
      expect(rows.length).toBeGreaterThanOrEqual(2);
    });

    test('signing in replaces the browser’s earlier session (no fixation)', async () => {
      const user = await seedUser(db(), 'editor');
      const client = await SessionClient.signedInAs(t, db(), user.id);
      const before = client.cookies.get('atoz_session')!;
      const token = await client.csrfToken('/account');
      await client.post('/login', { email: user.email, password: TEST_PASSWORD }, token);
      const after = client.cookies.get('atoz_session')!;
      expect(after).not.toBe(before);
      expect((await sessionsOf(user.id)).map((s) => s.id)).toEqual([sha256Hex(after)]);
    });

    test('a session cookie that no longer works is cleared and the reader is anonymous', async () => {
      const client = new SessionClient(t);
      client.cookies.set('atoz_session', 'x'.repeat(43));
      const res = await client.get('/account');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Faccount&notice=session-ended');
      expect(client.cookies.has('atoz_session')).toBe(false);
    });
  });

  describe('signing out and changing password', () => {
    test('sign out ends the session on the server', async () => {
      const user = await seedUser(db(), 'reviewer');
      const client = await SessionClient.signedInAs(t, db(), user.id);
      const res = await client.post('/logout', {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?notice=signed-out');
      expect(client.cookies.has('atoz_session')).toBe(false);
      expect(await sessionsOf(user.id)).toEqual([]);
      expect(await auditActions(user.id)).toContain('user.logout');
      expect((await client.get('/login?notice=signed-out')).status).toBe(200);
    });

    test('changing password needs the current one and ends every other session', async () => {
      const user = await seedUser(db(), 'editor');
      const here = await SessionClient.signedInAs(t, db(), user.id);
      const elsewhere = await SessionClient.signedInAs(t, db(), user.id);
      const fresh = 'a brand new passphrase 77';

      const wrong = await here.post('/account/password', { current: 'not my password!!', password: fresh, 'password-confirm': fresh });
      expect(wrong.status).toBe(400);
      expect(await wrong.text()).toContain('Your current password is not right');

      const mismatch = await here.post('/account/password', { current: TEST_PASSWORD, password: fresh, 'password-confirm': 'something else entirely' });
      expect(mismatch.status).toBe(400);
      expect(await mismatch.text()).toContain('The two passwords are different');

      const weak = await here.post('/account/password', { current: TEST_PASSWORD, password: 'password1234', 'password-confirm': 'password1234' });
      expect(weak.status).toBe(400);
      expect(await weak.text()).toContain('one of the first that attackers try');

      const ok = await here.post('/account/password', { current: TEST_PASSWORD, password: fresh, 'password-confirm': fresh });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe('/account?notice=password-changed');
      expect((await here.get('/account')).status).toBe(200);
      expect((await elsewhere.get('/account')).status).toBe(303);
      expect((await sessionsOf(user.id)).length).toBe(1);
      expect((await new SessionClient(t).login(user.email, TEST_PASSWORD)).status).toBe(401);
      expect((await new SessionClient(t).login(user.email, fresh)).status).toBe(303);
    });
  });

  describe('admins and invitations', () => {
    test('an invitation link sets a password once, then signs the person in', async () => {
      const admin = await seedUser(db(), 'admin');
      const client = await SessionClient.signedInAs(t, db(), admin.id);
      const email = `new-${Date.now()}@example.org`;
      const made = await client.post('/admin/users', { name: 'Dr New Person', email, role: 'reviewer' });
      expect(made.status).toBe(200);
      const html = await made.text();
      const link = /value="(http:\/\/atoz\.test\/invite\/[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
      expect(link).toBeDefined();
      const path = new URL(link!).pathname;

      const guest = new SessionClient(t);
      const form = await guest.get(path);
      expect(form.status).toBe(200);
      expect(form.headers.get('referrer-policy')).toBe('no-referrer');
      const formHtml = await form.text();
      expect(formHtml).toContain(email);
      const token = csrfFrom(formHtml);

      const short = await guest.post(path, { name: 'Dr New Person', password: 'short', 'password-confirm': 'short' }, token);
      expect(short.status).toBe(400);
      expect(await short.text()).toContain('value="Dr New Person"');

      const accepted = await guest.post(path, { name: 'Dr New Person', password: 'granite owl meadow 19', 'password-confirm': 'granite owl meadow 19' }, token);
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get('location')).toBe('/dashboard');
      expect((await guest.get('/account')).status).toBe(200);

      const again = await new SessionClient(t).get(path);
      expect(again.status).toBe(410);
      expect(await again.text()).toContain('already been used');

      const created = await db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
      expect(created.role).toBe('reviewer');
      expect(await auditActions(created.id)).toEqual(['user.invited', 'user.invitation_accepted']);
    });

    test('inviting an address that already has an account keeps the form and says so', async () => {
      const admin = await seedUser(db(), 'admin');
      const existing = await seedUser(db(), 'editor');
      const client = await SessionClient.signedInAs(t, db(), admin.id);
      const res = await client.post('/admin/users', { name: 'Someone', email: existing.email, role: 'editor' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('There is already an account for');
      expect(html).toContain('value="Someone"');
    });

    test('role changes apply at once; admins cannot demote or disable themselves', async () => {
      const admin = await seedUser(db(), 'admin');
      const editor = await seedUser(db(), 'editor');
      const adminClient = await SessionClient.signedInAs(t, db(), admin.id);
      const editorClient = await SessionClient.signedInAs(t, db(), editor.id);
      expect((await editorClient.get('/admin/users')).status).toBe(403);
      expect((await adminClient.post(`/admin/users/${editor.id}/role`, { role: 'admin' })).status).toBe(303);
      expect((await editorClient.get('/admin/users')).status).toBe(200);
      expect(await auditActions(editor.id)).toContain('user.role_changed');

      const demoteSelf = await adminClient.post(`/admin/users/${admin.id}/role`, { role: 'editor' });
      expect(demoteSelf.status).toBe(400);
      expect(await demoteSelf.text()).toContain('You cannot change your own role');
      const disableSelf = await adminClient.post(`/admin/users/${admin.id}/disable`, {});
      expect(disableSelf.status).toBe(400);
      expect(await disableSelf.text()).toContain('You cannot disable your own account');
      const row = await db().selectFrom('users').select(['role', 'disabled_at']).where('id', '=', admin.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ role: 'admin', disabled_at: null });
    });

    test('an admin gives an editor other roles besides their main one: the editor then moderates too, until they are taken away', async () => {
      const admin = await seedUser(db(), 'admin');
      const editor = await seedUser(db(), 'editor');
      const adminClient = await SessionClient.signedInAs(t, db(), admin.id);
      const editorClient = await SessionClient.signedInAs(t, db(), editor.id);
      expect((await editorClient.get('/moderation')).status).toBe(403);
      const page = await (await adminClient.get(`/admin/users/${editor.id}`)).text();
      expect(page).toContain('name="extra" value="moderator"');
      // The main role is not offered again, nor admin (the last-admin rule watches the main role).
      expect(page).not.toContain('name="extra" value="editor"');
      expect(page).not.toContain('name="extra" value="admin"');

      const saved = await adminClient.post(`/admin/users/${editor.id}/roles`, { extra: ['moderator', 'translator'] });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`/admin/users/${editor.id}?notice=roles`);
      expect((await editorClient.get('/moderation')).status).toBe(200);
      expect((await editorClient.get('/edit')).status).toBe(200);
      const shown = await (await adminClient.get(`/admin/users/${editor.id}?notice=roles`)).text();
      expect(shown).toContain('(also moderator, translator)');
      expect(shown).toMatch(/value="moderator" checked=""/);
      const audit = await db().selectFrom('audit_log').select('details').where('action', '=', 'user.roles_changed').where('subject_id', '=', String(editor.id)).execute();
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ from: [], to: ['moderator', 'translator'] }]);

      const refused = await adminClient.post(`/admin/users/${editor.id}/roles`, { extra: ['admin'] });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('Choose only roles from the list');
      expect((await editorClient.get('/moderation')).status).toBe(200);

      expect((await adminClient.post(`/admin/users/${editor.id}/roles`, {})).status).toBe(303);
      expect((await editorClient.get('/moderation')).status).toBe(403);
      expect(await db().selectFrom('user_roles').select('role').where('user_id', '=', editor.id).execute()).toEqual([]);
    });

    test('disabling signs the person out everywhere and stops them signing in', async () => {
      const admin = await seedUser(db(), 'admin');
      const reviewer = await seedUser(db(), 'reviewer');
      const reviewerClient = await SessionClient.signedInAs(t, db(), reviewer.id);
      const adminClient = await SessionClient.signedInAs(t, db(), admin.id);
      expect((await adminClient.post(`/admin/users/${reviewer.id}/disable`, {})).status).toBe(303);
      expect((await reviewerClient.get('/account')).status).toBe(303);
      const login = await new SessionClient(t).login(reviewer.email);
      expect(login.status).toBe(403);
      expect(await login.text()).toContain('This account has been disabled');
      expect((await adminClient.post(`/admin/users/${reviewer.id}/enable`, {})).status).toBe(303);
      expect((await new SessionClient(t).login(reviewer.email)).status).toBe(303);
    });

    test('a reset link replaces the previous one and ends the person’s sessions when used', async () => {
      const admin = await seedUser(db(), 'admin');
      const editor = await seedUser(db(), 'editor');
      const editorClient = await SessionClient.signedInAs(t, db(), editor.id);
      const adminClient = await SessionClient.signedInAs(t, db(), admin.id);
      const linkOf = async (res: Response) => new URL(/value="(http:\/\/atoz\.test\/invite\/[^"]+)"/.exec(await res.text())![1]!).pathname;
      const first = await linkOf(await adminClient.post(`/admin/users/${editor.id}/reset`, {}));
      const second = await linkOf(await adminClient.post(`/admin/users/${editor.id}/reset`, {}));
      expect((await new SessionClient(t).get(first)).status).toBe(410);
      const guest = new SessionClient(t);
      const token = csrfFrom(await (await guest.get(second)).text());
      const res = await guest.post(second, { name: editor.name, password: 'pelican orbit tulip 88', 'password-confirm': 'pelican orbit tulip 88' }, token);
      expect(res.status).toBe(303);
      expect((await editorClient.get('/account')).status).toBe(303);
      expect(await auditActions(editor.id)).toEqual(expect.arrayContaining(['user.link_created', 'user.password_reset']));
    });

    test('the audit log filters by action and by actor', async () => {
      const admin = await seedUser(db(), 'admin');
      const client = await SessionClient.signedInAs(t, db(), admin.id);
      await client.post('/admin/users', { name: 'Audit Subject', email: `audit-${Date.now()}@example.org`, role: 'editor' });
      const byAction = await client.get('/admin/audit?action=user.invited');
      expect(byAction.status).toBe(200);
      const html = await byAction.text();
      expect(html).toContain('Audit Subject');
      expect(html).not.toContain('<code>user.login</code>');
      const byActor = await (await client.get(`/admin/audit?actor=${admin.id}`)).text();
      expect(byActor).toContain('<code>user.invited</code>');
      expect(byActor).toMatch(/1 entry match/);
    });
  });

  describe('guards', () => {
    test('anonymous GET of a guarded page is sent to sign in and back', async () => {
      const res = await t.request('/admin/users?x=1');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers%3Fx%3D1');
    });

    test('a signed-in role without the permission gets a 403 page that says why', async () => {
      const editor = await seedUser(db(), 'editor');
      const client = await SessionClient.signedInAs(t, db(), editor.id);
      const res = await client.get('/admin/audit');
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('cannot read the audit log');
    });
  });
});
