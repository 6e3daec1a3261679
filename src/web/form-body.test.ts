import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';

/** Bodies no form parser can read, each sent as what it claims to be. */
const UNREADABLE: Array<[string, string, string]> = [
  ['multipart without a boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n--x--\r\n'],
  ['multipart with the wrong boundary', 'multipart/form-data; boundary=expected', '--other\r\nContent-Disposition: form-data; name="title"\r\n\r\nhello\r\n--other--\r\n'],
  ['truncated multipart', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nhel'],
];

describe('a form body that cannot be read', () => {
  let t: TestApp;
  let client: SessionClient;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await seedUser(t.atoz.database.db, 'admin');
    client = await SessionClient.signedInAs(t, t.atoz.database.db, admin.id);
    token = await client.csrfToken('/account');
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  test('gets 400 “the form could not be read” on every route that takes a POST, with the CSRF token in X-CSRF-Token', async () => {
    const errors = vi.spyOn(console, 'error');
    const routes = [...new Set(t.atoz.app.routes.filter((r) => r.method === 'POST').map((r) => r.path))];
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      const path = route.replace(/:slug/g, 'causes-silica').replace(/:[A-Za-z]+/g, '1');
      for (const [what, type, body] of UNREADABLE) {
        const res = await client.request(path, { method: 'POST', body, headers: { 'content-type': type, 'x-csrf-token': token } });
        expect(res.status, `${what} to ${route}`).toBe(400);
        expect(await res.text(), `${what} to ${route}`).toContain('The form could not be read');
      }
    }
    expect(errors, 'no unreadable form is logged as a server error').not.toHaveBeenCalled();
  });

  test('a readable form still goes through', async () => {
    const res = await client.request('/logout', { method: 'POST', body: new URLSearchParams({ _csrf: token }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
  });
});
