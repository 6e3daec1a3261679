import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { type SiteSettingsInput, loadSettings, saveSettings } from './settings.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('who runs and funds the site, and its editorial policy', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('every page’s footer links to the editorial policy page, in the reader’s language', async () => {
    for (const [path, text] of [['/', 'Editorial policy and funding'], ['/directory/causes-silica', 'Editorial policy and funding'], ['/es/news', 'Política editorial y financiación']] as const) {
      const html = await (await app.request(path)).text();
      const footer = /<footer class="site-footer">[\s\S]*<\/footer>/.exec(html)![0];
      expect(footer).toMatch(new RegExp(`<a href="(/es)?/editorial-policy">${text}</a>`));
    }
  });

  it('the page says who owns and funds the site, whether it carries advertising, and how pages are written', async () => {
    const res = await app.request('/editorial-policy');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Editorial policy and funding</h1>');
    expect(html).toContain('The Example Scleroderma Network, an example nonprofit organisation made up for this demo.');
    expect(html).toContain('This site carries no advertising.');
    expect(html).toContain('Authors and reviewers declare their qualifications');
    const sitemap = await (await app.request('/sitemap.xml')).text();
    expect(sitemap).toContain('<loc>http://atoz.test/editorial-policy</loc>');
  });

  it('what the settings do not state is said to be not stated, never assumed', async () => {
    const db = app.database.handle.db;
    const settings = await loadSettings(db);
    const save = async (value: SiteSettingsInput) => {
      await db.transaction().execute(async (tx) => {
        await saveSettings(tx, value);
        await bumpContentVersion(tx);
      });
      await app.atoz.contentChanged();
    };
    await save({ ...settings, ownedBy: '', funding: '', advertising: 'unstated', editorialPolicy: '' });
    try {
      const html = await (await app.request('/editorial-policy')).text();
      expect(html.match(/The site has not stated this yet\./g)).toHaveLength(3);
      expect(html).not.toContain('carries no advertising');
      expect(html).toContain('Not written yet.');
    } finally {
      await save(settings);
    }
  });
});
