import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';

// Pages made for one person (signed in, search results, forms) are compressed too, as cached pages are.

describe.skipIf(await skipWithoutDatabase())('compression of per-request pages', () => {
  let testApp: TestApp;
  let editor: SessionClient;
  beforeAll(async () => {
    testApp = await createTestApp();
    const user = await seedUser(testApp.database.handle.db, 'editor');
    editor = await SessionClient.signedInAs(testApp, testApp.database.handle.db, user.id);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const PATH = '/directory/causes-of-scleroderma';

  it('a signed-in editor’s topic page comes in brotli or gzip as the browser asks, and reads the same', async () => {
    const plain = await editor.request(PATH);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const html = await plain.text();
    expect(html).toContain('class="editor-toolbar'); // really the per-person page

    const br = await editor.request(PATH, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('cache-control')).toBe('no-store');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(html) / 2);
    expect(stripTokens(brotliDecompressSync(brBytes).toString())).toBe(stripTokens(html));

    const gz = await editor.request(PATH, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(stripTokens(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString())).toBe(stripTokens(html));
  });

  it('search results are compressed for anonymous readers too', async () => {
    const res = await testApp.request('/search?q=silica', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toContain('found for “silica”');
  });
});

/** CSRF tokens are masked afresh in every response. */
function stripTokens(html: string): string {
  return html.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
}
