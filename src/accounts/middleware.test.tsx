import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../test/support/database.js';
import { saveSettings } from '../site/settings.js';
import { loadAssets } from '../web/assets.js';
import { createPageRenderer } from '../web/page-renderer.js';
import { RenderCache } from '../web/render-cache.js';
import type { AppEnv } from './context.js';
import { type AccountsDeps, createAccounts } from './deps.js';
import { accountsMiddleware, csrfProtection, requirePermission, requireSignedIn } from './middleware.js';
import { SessionClient, seedUser } from './test-support/session-client.js';

/** A small app with the accounts middleware and a few probe routes, to test the guards alone. */
function probeApp(deps: AccountsDeps) {
  const app = new Hono<AppEnv>();
  app.use(accountsMiddleware(deps));
  app.use(csrfProtection());
  // A per-user page (no-store) that shows the token, and a cacheable one that does not.
  app.get('/form', (c) => c.body(`<input name="_csrf" value="${c.get('csrfToken')}">`, 200, { 'cache-control': 'no-store' }));
  app.get('/reader', (c) => c.body('reader page', 200, { 'cache-control': 'no-cache' }));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/change', (c) => c.text(`changed by ${c.get('user')?.email ?? 'anonymous'}`));
  app.get('/whoami', requireSignedIn(), (c) => c.text(c.get('user')!.email));
  app.post('/publish', requirePermission('page.publish'), (c) => c.text('published'));
  app.get('/settings', requirePermission('settings.edit'), (c) => c.text('settings'));
  return app;
}

describe('accounts middleware', () => {
  let t: TestDatabase;
  let deps: AccountsDeps;
  let app: Hono<AppEnv>;
  beforeAll(async () => {
    t = await createTestDatabase();
    await saveSettings(t.handle.db, { organisation: 'Probe Society', contactEmail: 'hello@example.org' } as never);
    const pages = createPageRenderer({ db: t.handle.db, cache: new RenderCache(), assets: loadAssets(), baseUrl: 'http://probe.test' });
    deps = await createAccounts({ db: t.handle.db, pages, trustProxy: true });
    app = probeApp(deps);
  });
  afterAll(async () => {
    await t?.drop();
  });

  test('an anonymous request without a session cookie never looks up a session', async () => {
    const lookup = vi.spyOn(deps.sessions, 'lookup');
    const res = await app.request('/reader');
    expect(res.status).toBe(200);
    expect(lookup).not.toHaveBeenCalled();
    lookup.mockRestore();
  });

  test('the anonymous CSRF cookie is set on per-user pages only', async () => {
    expect((await app.request('/reader')).headers.getSetCookie()).toEqual([]);
    const form = await app.request('/form');
    expect(form.headers.getSetCookie().some((c) => c.startsWith('atoz_csrf='))).toBe(true);
  });

  test('behind a trusted proxy, cookies get Secure when the browser used HTTPS', async () => {
    const https = await app.request('/form', { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.getSetCookie()[0]).toMatch(/; Secure/);
    const http = await app.request('/form', { headers: { 'x-forwarded-proto': 'http' } });
    expect(http.headers.getSetCookie()[0]).not.toMatch(/Secure/);
  });

  test('every unsafe method needs the token, sent as a form field or as the x-csrf-token header', async () => {
    const client = new SessionClient(app);
    const token = await client.csrfToken('/form');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await client.request('/change', { method })).status, method).toBe(403);
      expect((await client.request('/change', { method, headers: { 'x-csrf-token': token } })).status, method).toBe(200);
    }
    const multipart = new FormData();
    multipart.set('_csrf', token);
    multipart.set('note', 'hello');
    expect((await client.request('/change', { method: 'POST', body: multipart })).status).toBe(200);
    expect((await client.request('/change', { method: 'POST', body: JSON.stringify({ _csrf: token }), headers: { 'content-type': 'application/json' } })).status).toBe(403);
  });

  test('the route still reads the form after the CSRF check parsed it', async () => {
    const probe = new Hono<AppEnv>();
    probe.use(accountsMiddleware(deps));
    probe.use(csrfProtection());
    probe.get('/form', (c) => c.body(`<input name="_csrf" value="${c.get('csrfToken')}">`, 200, { 'cache-control': 'no-store' }));
    probe.post('/echo', async (c) => c.json(await c.req.parseBody({ all: true })));
    const client = new SessionClient(probe);
    const body = new URLSearchParams([['_csrf', await client.csrfToken('/form')], ['tag', 'a'], ['tag', 'b']]);
    const res = await client.request('/echo', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await res.json()).toMatchObject({ tag: ['a', 'b'] });
  });

  test('a signed-in token is tied to its session: another session’s or the anonymous token is refused', async () => {
    const user = await seedUser(t.handle.db, 'editor');
    const mine = await SessionClient.signedInAs(app, t.handle.db, user.id);
    const other = await SessionClient.signedInAs(app, t.handle.db, user.id);
    const anonymous = new SessionClient(app);
    const myToken = await mine.csrfToken('/form');
    expect((await mine.request('/change', { method: 'POST', headers: { 'x-csrf-token': await other.csrfToken('/form') } })).status).toBe(403);
    expect((await mine.request('/change', { method: 'POST', headers: { 'x-csrf-token': await anonymous.csrfToken('/form') } })).status).toBe(403);
    const ok = await mine.request('/change', { method: 'POST', headers: { 'x-csrf-token': myToken } });
    expect(await ok.text()).toBe(`changed by ${user.email}`);
  });

  test('a form sent after the session ran out gets "sign in again" (401), not a CSRF error', async () => {
    const user = await seedUser(t.handle.db, 'editor');
    const client = await SessionClient.signedInAs(app, t.handle.db, user.id);
    const token = await client.csrfToken('/form');
    await t.handle.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    const res = await client.post('/publish', {}, token);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('You were signed out');
  });

  test('requirePermission: anonymous GET → 303 to sign in, anonymous POST → 401, wrong role → 403, right role → through', async () => {
    const anonymous = new SessionClient(app);
    const get = await anonymous.get('/settings?tab=2');
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toBe('/login?next=%2Fsettings%3Ftab%3D2');
    const post = await anonymous.post('/publish', {}, await anonymous.csrfToken('/form'));
    expect(post.status).toBe(401);
    expect(await post.text()).toContain('Sign in to continue');

    const editor = await SessionClient.signedInAs(app, t.handle.db, (await seedUser(t.handle.db, 'editor')).id);
    const forbidden = await editor.get('/settings');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('cannot change site settings');
    expect((await editor.post('/publish', {}, await editor.csrfToken('/form'))).status).toBe(200);
    expect(await (await editor.get('/whoami')).text()).toMatch(/@example\.org$/);
  });

  test('guards without the middleware fail closed', async () => {
    const bare = new Hono();
    bare.get('/x', requireSignedIn() as never, (c) => c.text('open'));
    const res = await bare.request('/x');
    expect(res.status).toBe(500);
  });
});
