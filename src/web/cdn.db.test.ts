import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { type RunningServer, serveOnFreePort } from '../../test/support/browser.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { cacheTagHeaders, readerCachePolicy } from './cdn.js';

const TOPIC = '/directory/causes-silica';

describe('reader cache policy', () => {
  test('off by default: every cache revalidates', () => {
    expect(readerCachePolicy({ cdnMaxAge: 0, cdnStaleSeconds: 60 }).shared).toBe('no-cache');
  });
  test('with a max age, shared caches keep pages and browsers still revalidate', () => {
    expect(readerCachePolicy({ cdnMaxAge: 300, cdnStaleSeconds: 30 })).toEqual({
      shared: 'public, max-age=0, s-maxage=300, stale-while-revalidate=30',
      personal: 'private, no-cache',
    });
  });
  test('tags name the site and the page, the same in every language, with nothing a header cannot carry', () => {
    expect(cacheTagHeaders('page:causes-silica')).toEqual({ 'surrogate-key': 'atoz-all atoz-page-causes-silica', 'cache-tag': 'atoz-all,atoz-page-causes-silica' });
    expect(cacheTagHeaders('es:page:causes-silica')).toEqual(cacheTagHeaders('page:causes-silica'));
    expect(cacheTagHeaders('bibliography.ris?x y\r\n')['surrogate-key']).toBe('atoz-all atoz-bibliography.ris-x-y-');
  });
});

/** A stand-in for a CDN's purge API on loopback: records what it is sent, answers with the next status in line. */
async function purgeEndpoint(statuses: number[]) {
  const calls: Array<{ headers: IncomingMessage['headers']; body: unknown }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('behind a CDN (ATOZ_CDN_MAX_AGE, ATOZ_CDN_PURGE_URL)', () => {
  let t: TestApp;
  let server: RunningServer;
  let purge: Awaited<ReturnType<typeof purgeEndpoint>>;

  beforeAll(async () => {
    purge = await purgeEndpoint([503]);
    t = await createTestApp({ config: { cdnMaxAge: 300, cdnStaleSeconds: 30, cdnPurgeUrl: purge.url, cdnPurgeToken: 'purge-secret', worker: false } });
    server = await serveOnFreePort(t.atoz);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    await purge?.close();
  });

  test('an anonymous reader page may be shared, and carries its tags, on the normal way and the fast lane alike', async () => {
    const first = await fetch(server.url + TOPIC);
    const second = await fetch(server.url + TOPIC); // now cached: answered by the fast lane
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=300, stale-while-revalidate=30');
      expect(res.headers.get('surrogate-key')).toBe('atoz-all atoz-page-causes-silica');
      expect(res.headers.get('cache-tag')).toBe('atoz-all,atoz-page-causes-silica');
    }
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  test('the same page for someone signed in is never shared, and has no tags', async () => {
    const editor = await seedUser(t.atoz.database.db, 'editor');
    const client = await SessionClient.signedInAs(t.atoz.app, t.atoz.database.db, editor.id);
    const res = await client.get(TOPIC);
    expect(res.status).toBe(200);
    // An editor's copy has the editing toolbar, so it is rendered for them alone (no-store); never public.
    expect(res.headers.get('cache-control')).toMatch(/^(private, no-cache|no-store)$/);
    expect(res.headers.get('surrogate-key')).toBeNull();
    // A signed-in person reading a cached page that has no per-person parts gets it private.
    const bibliography = await client.get('/bibliography');
    expect(bibliography.status).toBe(200);
    expect(bibliography.headers.get('cache-control')).toMatch(/^(private, no-cache|no-store)$/);
    expect(bibliography.headers.get('surrogate-key')).toBeNull();
  });

  test('per-person pages stay no-store', async () => {
    const res = await fetch(server.url + '/login');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
  });

  test('a content change calls the purge address once per burst, with the token, and again after a failed call', async () => {
    await t.atoz.contentChanged();
    await t.atoz.contentChanged();
    const firstTry = await t.atoz.jobs.worker.runDue();
    expect(firstTry.filter((r) => r.key === 'web.cdn-purge')).toMatchObject([{ ok: false }]);
    expect(purge.calls).toHaveLength(1);
    expect(purge.calls[0]!.headers.authorization).toBe('Bearer purge-secret');
    expect(purge.calls[0]!.headers['content-type']).toBe('application/json');
    expect(purge.calls[0]!.body).toEqual({ tags: ['atoz-all'], version: expect.any(Number) });

    // The queue retries after a backoff: make it due now rather than wait.
    await t.atoz.database.db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('key', '=', 'web.cdn-purge').execute();
    const retry = await t.atoz.jobs.worker.runDue();
    expect(retry.filter((r) => r.key === 'web.cdn-purge')).toMatchObject([{ ok: true }]);
    expect(purge.calls).toHaveLength(2);
  });
});
