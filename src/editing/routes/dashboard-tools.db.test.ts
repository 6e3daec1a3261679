import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import type { Role } from '../../accounts/context.js';
import { SessionClient, seedUser } from '../../accounts/test-support/session-client.js';

const skip = await skipWithoutDatabase();

/** The editorial tools and the administration area are reachable from the dashboard, each for the people who may use it. */
describe.skipIf(skip)('the dashboard’s tools', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const dashboardOf = async (role: Role, path = '/dashboard') => {
    const user = await seedUser(t.atoz.database.db, role);
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, user.id);
    const res = await client.get(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    const tools = /<section aria-labelledby="dashboard-tools">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    return { html, tools, client };
  };
  const links = (html: string) => [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);

  test('an admin finds sources, the inbox, news and the administration area, and every link opens', async () => {
    const { tools, client } = await dashboardOf('admin');
    expect(links(tools)).toEqual(['/edit/citations', '/edit/inbox', '/edit/news', '/edit/feedback', '/edit/glossary', '/account/byline', '/admin']);
    expect(tools).toContain('Sources');
    expect(tools).toContain('Administration');
    for (const href of links(tools)) expect((await client.get(href!)).status, href).toBe(200);
    // And the administration area lists the admin screens.
    const admin = await (await client.get('/admin')).text();
    for (const href of ['/admin/users', '/admin/settings', '/admin/audit', '/admin/outbox', '/admin/subscribers']) expect(admin).toContain(`href="${href}"`);
  });

  test('an editor gets the tools of the role, without administration', async () => {
    const { tools, html } = await dashboardOf('editor');
    expect(links(tools)).toEqual(['/edit/citations', '/edit/inbox', '/edit/news', '/edit/feedback', '/edit/glossary', '/account/byline']);
    expect(html).not.toContain('href="/admin"');
  });

  test('a reviewer gets sources and news, not the inbox', async () => {
    const { tools } = await dashboardOf('reviewer');
    expect(links(tools)).toEqual(['/edit/citations', '/edit/news', '/edit/feedback', '/edit/glossary', '/account/byline']);
  });

  test('in Spanish, the tools speak Spanish and stay in Spanish', async () => {
    const { tools } = await dashboardOf('admin', '/es/dashboard');
    expect(links(tools)).toEqual(['/es/edit/citations', '/es/edit/inbox', '/es/edit/news', '/es/edit/feedback', '/es/edit/glossary', '/es/account/byline', '/es/admin']);
    expect(tools).toContain('Herramientas');
    expect(tools).toContain('Fuentes');
  });
});
