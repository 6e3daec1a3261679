import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { type AccessRule, EVERYONE, type Who, expectedStatus, ruleKey } from './access.js';
import { createInvitationStore } from './invitations.js';
import { type AuthzRequests, type MatrixContext, accountsRequests } from './test-support/authz-requests.js';
import { SessionClient, TEST_PASSWORD, csrfFrom, seedUser } from './test-support/session-client.js';
import { citationRequests } from '../citations/test-support/authz-requests.js';
import { editingRequests } from '../editing/test-support/authz-requests.js';
import { newsRequests } from '../news/test-support/authz-requests.js';
import { mailRequests } from '../mail/test-support/authz-requests.js';
import { communityRequests } from '../community/test-support/authz-requests.js';
import { translationRequests } from '../translations/test-support/authz-requests.js';
import { storiesRequests } from '../stories/test-support/authz-requests.js';
import { feedbackRequests } from '../feedback/test-support/authz-requests.js';
import { glossaryRequests } from '../glossary/test-support/authz-requests.js';

const skip = await skipWithoutDatabase();

/** One request builder per access rule, from each domain's test-support. */
const REQUESTS: AuthzRequests = { ...accountsRequests, ...editingRequests, ...citationRequests, ...newsRequests, ...mailRequests, ...communityRequests, ...storiesRequests, ...translationRequests, ...feedbackRequests, ...glossaryRequests };

describe.skipIf(skip)('authorization matrix', () => {
  let t: TestApp;
  let rules: readonly AccessRule[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    rules = t.atoz.domains.flatMap((d) => d.access ?? []);
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

  test('every POST route of the app has an access rule in its domain', () => {
    const registered = new Set(t.atoz.app.routes.filter((r) => r.method === 'POST').map((r) => r.path));
    const covered = new Set(rules.filter((r) => r.method === 'POST').map((r) => r.route));
    expect([...registered].filter((path) => !covered.has(path)), 'POST routes without a rule in src/<domain>/authz.ts').toEqual([]);
  });

  test('every access rule has a request builder, and every builder a rule', () => {
    const keys = new Set(rules.map(ruleKey));
    expect(rules.map(ruleKey).filter((k) => !REQUESTS[k]), 'rules without a builder in src/<domain>/test-support/authz-requests.ts').toEqual([]);
    expect(Object.keys(REQUESTS).filter((k) => !keys.has(k)), 'builders for rules no domain declares').toEqual([]);
    expect(keys.size, 'a rule declared twice').toBe(rules.length);
  });

  // Rules are read from the running app, so the cases are built inside one test per role.
  for (const who of EVERYONE) {
    test(`every rule as ${who}, with and without a CSRF token, gets exactly the expected status`, async () => {
      const failures: string[] = [];
      for (const rule of rules) {
        for (const csrf of rule.method === 'GET' ? [true] : [true, false]) {
          const expected = expectedStatus(rule, who, csrf);
          const { client, actor, token } = await caller(who);
          const build = REQUESTS[ruleKey(rule)];
          if (!build) continue; // reported by the test above
          const request = await build(context(actor));
          const res =
            rule.method === 'GET'
              ? await client.get(request.path)
              : await client.request(request.path, {
                  method: rule.method,
                  body: new URLSearchParams({ ...request.body, ...(csrf ? { _csrf: token } : {}) }),
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                });
          const name = `${ruleKey(rule)}${rule.method === 'GET' ? '' : csrf ? ' with CSRF' : ' without CSRF'}`;
          if (res.status !== expected) failures.push(`${name}: ${res.status}, expected ${expected}`);
          else if (expected === 303 && who === 'anonymous' && rule.method === 'GET' && res.headers.get('location') !== `/login?next=${encodeURIComponent(request.path)}`) {
            failures.push(`${name}: redirected to ${res.headers.get('location')}, expected the sign-in page with next=`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(rules.length).toBeGreaterThan(40);
    }, 120_000);
  }
});
