// Ad-hoc screenshots for looking at the pages (not a test; deleted after use).
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { SESSION_COOKIE } from '../../src/accounts/cookies.js';
import { bumpContentVersion } from '../../src/directory/store.js';
import { raiseFlag } from '../../src/citations/flags.js';
import { freshRecord, seedFlaggedCitation, seedInboxItem } from '../../src/citations/test-support/seed.js';
import { createTestApp } from '../support/app.js';
import { launchBrowser, serveOnFreePort } from '../support/browser.js';

const t = await createTestApp({ config: { worker: false } });
const db = t.atoz.database.db;
const editor = await SessionClient.signedInAs(t, db, Number((await seedUser(db, 'editor')).id));
const flaggedId = await seedFlaggedCitation(db);
const digest = await db.selectFrom('entries as e').innerJoin('pages as p', 'p.id', 'e.page_id').select(['p.id', 'p.slug', 'e.citation_id']).where('e.kind', '=', 'research').orderBy('p.slug').executeTakeFirstOrThrow();
await db.transaction().execute(async (tx) => { await raiseFlag(tx, Number(digest.citation_id), 'erratum'); await bumpContentVersion(tx); });
await t.atoz.contentChanged();
await seedInboxItem(db, Number(digest.id), freshRecord(['Journal Article', 'Randomized Controlled Trial']));
await editor.post(`/edit/${digest.slug}/research-query`, { term: 'silica AND scleroderma' });
const server = await serveOnFreePort(t.atoz.app.fetch);
const browser = await launchBrowser();
const shots: Array<[string, string, string]> = [
  ['topic-entry', `/directory/${digest.slug}`, '.entry-research'],
  ['topic-refs', `/directory/${digest.slug}`, '.references'],
  ['list', '/edit/citations', 'main'],
  ['detail', `/edit/citations/${flaggedId}`, 'main'],
  ['inbox', '/edit/inbox', 'main'],
  ['query', `/edit/${digest.slug}/research-query`, 'main'],
  ['import', '/edit/citations/import', 'main'],
];
for (const width of [375, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: editor.cookies.get(SESSION_COOKIE)!, url: server.url }]);
  const page = await context.newPage();
  for (const [name, path, selector] of shots) {
    await page.goto(server.url + path);
    if (name === 'topic-entry') await page.locator('.entry-research summary').first().click();
    await page.locator(selector).first().screenshot({ path: `/tmp/shots/${name}-${width}.png` });
  }
  await page.goto(server.url + '/edit/citations/import');
  await page.fill('#identifier', '27933103');
  await page.click('button[type=submit].button');
  await page.locator('main').screenshot({ path: `/tmp/shots/confirm-${width}.png` });
  await context.close();
}
await browser.close();
await server.close();
await t.close();
