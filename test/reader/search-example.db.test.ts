import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

// The search box's example is a topic the directory has, and typing it finds that topic.

describe.skipIf(await skipWithoutDatabase())('the search example', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('comes from the directory: the placeholder and the search help name a written topic that search finds first', async () => {
    const example = await testApp.atoz.queries.searchExample();
    expect(example).toBeTruthy();
    const tree = await testApp.atoz.queries.tree();
    const page = tree.order.find((n) => n.sortTitle === example)!;
    expect(page, `${example} is the listed name of a page`).toBeDefined();
    expect(example).not.toBe("Raynaud's"); // not written in the demo: the old example led nowhere
    const home = await (await testApp.request('/')).text();
    expect(home).toContain(`placeholder="Search, e.g. ${example!.replace(/'/g, '&#39;')}"`);
    const help = await (await testApp.request('/search')).text();
    expect(help).toContain(`for example <em>${example!.replace(/'/g, '&#39;')}</em>.`);
    const found = await testApp.atoz.search.search({ text: example! });
    expect(found.pages[0]?.slug).toBe(page.slug);
  });

  it('an empty directory has no example, and the box says plainly what it does', async () => {
    const empty = await createTestApp({ importDemo: false });
    try {
      expect(await empty.atoz.queries.searchExample()).toBeNull();
    } finally {
      await empty.close();
    }
  });
});
