import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { createSessionStore } from './sessions.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from './test-support/session-client.js';

// In-process requests to https://… are what a TLS socket (or a trusted proxy's X-Forwarded-Proto) gives the app.
const HTTPS = 'https://atoz.test';
const HTTP = 'http://atoz.test';

describe('cookie names over HTTPS and HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;

  test('over HTTPS the CSRF and session cookies are __Host- cookies, and signing in and out works with them', async () => {
    const user = await seedUser(db(), 'editor');
    const client = new SessionClient(t);
    const form = await client.get(`${HTTPS}/login`);
    const csrf = form.headers.getSetCookie().find((line) => line.startsWith('__Host-atoz_csrf='));
    expect(csrf).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(csrf).not.toMatch(/Domain=/i);
    expect(client.cookies.has('atoz_csrf')).toBe(false);

    const signIn = await client.request(`${HTTPS}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD, _csrf: csrfFrom(await form.text()) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.getSetCookie().find((line) => line.startsWith('__Host-atoz_session='))).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(client.cookies.has('__Host-atoz_session')).toBe(true);
    const account = await client.get(`${HTTPS}/account`);
    expect(account.status).toBe(200);

    const signOut = await client.request(`${HTTPS}/logout`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrfFrom(await account.text()) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(signOut.status).toBe(303);
    expect(signOut.headers.getSetCookie().some((line) => /^__Host-atoz_session=;.*Max-Age=0/.test(line))).toBe(true);
    expect(client.cookies.has('__Host-atoz_session')).toBe(false);
  });

  test('each scheme reads only its own name: a plain cookie is not a session over HTTPS, a __Host- one not over HTTP', async () => {
    const user = await seedUser(db(), 'editor');
    const { token } = await createSessionStore(db()).create(user.id);
    const ask = (url: string, cookie: string) => t.request(url, { headers: { cookie } });
    expect((await ask(`${HTTPS}/account`, `__Host-atoz_session=${token}`)).status).toBe(200);
    expect((await ask(`${HTTPS}/account`, `atoz_session=${token}`)).status).toBe(303);
    expect((await ask(`${HTTP}/account`, `atoz_session=${token}`)).status).toBe(200);
    expect((await ask(`${HTTP}/account`, `__Host-atoz_session=${token}`)).status).toBe(303);
  });

  test('over HTTP the names stay plain (a __Host- cookie needs Secure, which HTTP cannot set)', async () => {
    const res = await t.request(`${HTTP}/login`);
    expect(res.headers.getSetCookie().some((line) => line.startsWith('atoz_csrf=') && !/Secure/.test(line))).toBe(true);
  });
});
