import { createTestApp } from '../test/support/app.js';
import { launchBrowser, serveOnFreePort, VIEWPORTS } from '../test/support/browser.js';
import { seedUser, TEST_PASSWORD } from '../src/accounts/test-support/session-client.js';
const t = await createTestApp();
const server = await serveOnFreePort(t.atoz.app.fetch);
const browser = await launchBrowser();
const admin = await seedUser(t.atoz.database.db, 'admin', { name: 'Ada Admin' });
for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  await page.goto(server.url + '/login?next=/edit/causes-of-scleroderma');
  await page.getByLabel('E-mail address').fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/edit/);
  await page.getByLabel('Title').fill('T'.repeat(250));
  await page.getByRole('button', { name: 'Save a new revision' }).click();
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < Math.min(h, viewport.height * 6); y += viewport.height, i++) {
    await page.screenshot({ path: `/tmp/atoz-editor-screenshots/chunk-${name}-${i}.png`, clip: { x: 0, y, width: viewport.width, height: Math.min(viewport.height, h - y) }, fullPage: true });
  }
  await ctx.close();
}
await browser.close(); await server.close(); await t.close();
