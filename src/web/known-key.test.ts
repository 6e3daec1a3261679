import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import type { Role } from '../accounts/context.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { ownValue } from './known-key.js';

const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('ownValue', () => {
  test('finds only the map’s own keys, never what every object inherits', () => {
    const map = { saved: 'Saved.' };
    expect(ownValue(map, 'saved')).toBe('Saved.');
    for (const key of [...INHERITED, '', undefined, null]) expect(ownValue(map, key)).toBeUndefined();
  });
});

describe('?notice= with a key every object has', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const as = async (role: Role | 'anonymous') => (role === 'anonymous' ? new SessionClient(t) : SessionClient.signedInAs(t, db(), (await seedUser(db(), role)).id));
  const statusBoxes = (html: string) => (html.match(/role="status"/g) ?? []).length;

  // One page per route file that shows notices by key.
  const pages: Array<[string, Role | 'anonymous', () => Promise<string>]> = [
    ['src/editing/routes.tsx', 'editor', async () => '/dashboard'],
    ['src/accounts/session-routes.tsx (account)', 'editor', async () => '/account'],
    ['src/accounts/session-routes.tsx (sign-in)', 'anonymous', async () => '/login'],
    ['src/accounts/admin-routes.tsx', 'admin', async () => `/admin/users/${(await seedUser(db(), 'editor')).id}`],
    ['src/citations/citation-routes.tsx', 'editor', async () => `/edit/citations/${(await db().selectFrom('citations').select('id').orderBy('id').executeTakeFirstOrThrow()).id}`],
    ['src/citations/inbox-routes.tsx', 'editor', async () => '/edit/causes-silica/research-query'],
  ];

  test.each(pages)('%s shows no notice for them', async (_file, role, pathOf) => {
    const client = await as(role);
    const path = await pathOf();
    const plain = await client.get(path);
    expect(plain.status, path).toBe(200);
    const expected = statusBoxes(await plain.text());
    for (const key of INHERITED) {
      const res = await client.get(`${path}?notice=${encodeURIComponent(key)}`);
      expect(res.status, `${path}?notice=${key}`).toBe(200);
      const html = await res.text();
      expect(statusBoxes(html), `${path}?notice=${key}`).toBe(expected);
      expect(html).not.toContain('[native code]');
    }
  });
});
