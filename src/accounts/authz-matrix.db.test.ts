import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { AUTHZ_ROUTES, EVERYONE, type MatrixContext, type Who, expectedStatus } from './authz-matrix.js';
import { createInvitationStore } from './invitations.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from './test-support/session-client.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('authorization matrix', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A fresh caller of this role, signed in, with a CSRF token from a page it may open. */
  async function caller(who: Who): Promise<{ client: SessionClient; actor: MatrixContext['actor']; token: string }> {
    const db = t.atoz.database.db;
    if (who === 'anonymous') {
      const client = new SessionClient(t);
      return { client, actor: null, token: csrfFrom(await (await client.get('/login')).text()) };
    }
    const user = await seedUser(db, who);
    const client = await SessionClient.signedInAs(t, db, user.id);
    const page = await client.get('/account');
    expect(page.status).toBe(200);
    return { client, actor: { id: user.id, email: user.email, role: who }, token: csrfFrom(await page.text()) };
  }

  function context(actor: MatrixContext['actor']): MatrixContext {
    const db = t.atoz.database.db;
    return {
      db,
      actor,
      password: TEST_PASSWORD,
      createUser: async (role, options = {}) => seedUser(db, role, options.withPassword === false ? { passwordHash: null } : {}),
      createInvitation: async (userId) => (await createInvitationStore(db).create(userId, null)).token,
    };
  }

  test('every POST route of the app has a row in the matrix', () => {
    const registered = new Set(t.atoz.app.routes.filter((r) => r.method === 'POST').map((r) => r.path));
    const covered = new Set(AUTHZ_ROUTES.filter((r) => r.method === 'POST').map((r) => r.route));
    expect([...registered].filter((path) => !covered.has(path)), 'POST routes missing from src/accounts/authz-matrix.ts').toEqual([]);
  });

  const runs = AUTHZ_ROUTES.flatMap((route) =>
    EVERYONE.flatMap((who) => (route.method === 'GET' ? [true] : [true, false]).map((csrf) => ({ route, who, csrf, expected: expectedStatus(route, who, csrf) }))),
  );

  test.each(runs.map((r) => [`${r.route.method} ${r.route.route} as ${r.who}${r.route.method === 'GET' ? '' : r.csrf ? ' with CSRF' : ' without CSRF'} → ${r.expected}`, r] as const))(
    '%s',
    async (_name, { route, who, csrf, expected }) => {
      const { client, actor, token } = await caller(who);
      const request = await route.prepare(context(actor));
      const res =
        route.method === 'GET'
          ? await client.get(request.path)
          : await client.request(request.path, {
              method: route.method,
              body: new URLSearchParams({ ...request.body, ...(csrf ? { _csrf: token } : {}) }),
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
      expect(res.status).toBe(expected);
      if (expected === 303 && who === 'anonymous' && route.method === 'GET') {
        expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(request.path)}`);
      }
    },
  );
});
