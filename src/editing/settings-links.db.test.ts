import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { loadSettings } from '../site/settings.js';
import { formFromSettings } from './settings-form.js';

const skip = await skipWithoutDatabase();

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe.skipIf(skip)('links in site settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('a javascript: donation link or data: navigation link comes back with a clear error and the text as typed', async () => {
    const admin = await seedUser(t.atoz.database.db, 'admin');
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, admin.id);
    const form = formFromSettings(await loadSettings(t.atoz.database.db));
    const sections = `${form.sections}\nEvil | data:text/html,<script>alert(1)</script>`;
    const res = await client.post('/admin/settings', { ...form, donateUrl: 'javascript:alert(1)', sections });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Donation page address: enter a web address starting with https://');
    expect(html).toMatch(/Navigation links, line \d+: enter a path on this site such as \/support/);
    expect(unescape(/<input[^>]*id="s-donateUrl"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? '')).toBe('javascript:alert(1)');
    expect(unescape(/<textarea[^>]*id="s-sections"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '')).toBe(sections);
    // Nothing was saved: readers' headers and footers, and the request-guard pages, still link where they did.
    for (const path of ['/', '/%E0%A4%A', `/${'x'.repeat(3000)}`]) {
      const page = await t.request(path);
      expect(await page.text(), path).not.toMatch(/href="(javascript|data):/i);
    }
  });
});
