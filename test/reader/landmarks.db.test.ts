import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

// Every named region of a page has a name of its own, so a screen reader's list of landmarks tells them apart.

describe.skipIf(await skipWithoutDatabase())('landmark names', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  for (const path of ['/', '/es/', '/ar/', '/directory/causes-silica']) {
    it(`${path}: the hero, the footer and every other region have different names`, async () => {
      const html = await (await testApp.request(path)).text();
      const names = [...html.matchAll(/<(?:section|aside|nav)[^>]*aria-labelledby="([^"]+)"/g)].map((m) => {
        const heading = new RegExp(`<h[1-6][^>]*id="${m[1]}"[^>]*>(.*?)</h[1-6]>`, 's').exec(html);
        return (heading?.[1] ?? m[1]!).replace(/<[^>]+>/g, '').replace(/[\u2068\u2069]/g, '').trim();
      });
      expect(names.length).toBeGreaterThan(2);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });
  }
});
