import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { type RunningServer, serveOnFreePort } from '../../test/support/browser.js';
import { loadConfig } from '../config.js';
import { CONTENT_SECURITY_POLICY, securityHeaders, strictTransportSecurity } from './security-headers.js';

const ONE_YEAR = 'max-age=31536000';

/** The headers every answer must carry; HSTS exactly when the request came over HTTPS. */
function expectSecurityHeaders(headers: Headers, what: string, https: boolean): void {
  expect(headers.get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY);
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toMatch(/^(strict-origin-when-cross-origin|no-referrer)$/);
  expect(headers.get('strict-transport-security'), what).toBe(https ? ONE_YEAR : null);
}

/** One request of each kind of answer the app gives. */
interface Probe {
  what: string;
  path: string;
  init?: RequestInit;
  status: number;
}

describe('security headers on every kind of answer', () => {
  let t: TestApp;
  let server: RunningServer;
  let probes: Probe[];

  beforeAll(async () => {
    t = await createTestApp({ config: { trustProxy: true } });
    // The failures below are on purpose: keep their log lines out of the test output.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // Routes that fail on purpose, added before the first request builds the router.
    t.atoz.app.get('/test-only/bug', () => {
      throw new Error('a bug, on purpose');
    });
    t.atoz.app.get('/test-only/database-down', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    server = await serveOnFreePort(t.atoz);
    const home = await t.request('/');
    const etag = home.headers.get('etag')!;
    const css = /href="(\/assets\/site\.[^"]+\.css)"/.exec(await home.text())![1]!;
    probes = [
      { what: 'a reader page', path: '/', status: 200 },
      { what: 'a reader page, HEAD', path: '/directory', init: { method: 'HEAD' }, status: 200 },
      { what: 'a 304', path: '/', init: { headers: { 'if-none-match': etag } }, status: 304 },
      { what: 'the guard’s 400', path: '/%E0%A4%A', status: 400 },
      { what: 'the guard’s 405', path: '/', init: { method: 'PUT' }, status: 405 },
      { what: 'the guard’s 414', path: `/${'x'.repeat(3000)}`, status: 414 },
      { what: 'a 404', path: '/directory/no-such-topic', status: 404 },
      { what: 'a 500', path: '/test-only/bug', status: 500 },
      { what: 'a 503 page', path: '/test-only/database-down', init: { headers: { accept: 'text/html' } }, status: 503 },
      { what: 'a 503 line of text', path: '/test-only/database-down', status: 503 },
      { what: 'a download', path: '/bibliography.ris', status: 200 },
      { what: 'JSON', path: '/api/search/suggest?q=silica', status: 200 },
      { what: 'an asset', path: css, status: 200 },
      { what: 'sitemap.xml', path: '/sitemap.xml', status: 200 },
      { what: 'a redirect to sign in', path: '/dashboard', status: 303 },
      { what: 'the sign-in form', path: '/login', status: 200 },
      { what: 'a refused form (CSRF)', path: '/login', init: { method: 'POST', body: new URLSearchParams({ email: 'a@example.org' }) }, status: 403 },
    ];
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    await t?.close();
  });

  test('in the app, over HTTP and (behind the trusted proxy) HTTPS', async () => {
    for (const https of [false, true]) {
      for (const probe of probes) {
        const headers = new Headers(probe.init?.headers);
        if (https) headers.set('x-forwarded-proto', 'https');
        const res = await t.request(probe.path, { ...probe.init, headers });
        expect(res.status, probe.what).toBe(probe.status);
        expectSecurityHeaders(res.headers, `${probe.what}${https ? ' over HTTPS' : ''}`, https);
      }
    }
  });

  test('over a real socket, the fast lane for cached pages included', async () => {
    await fetch(`${server.url}/directory`);
    expect(t.atoz.cache.getByPath('/directory'), 'the page is cached, so the fast lane answers').toBeDefined();
    const fastLane: Probe[] = [
      { what: 'the fast lane', path: '/directory', status: 200 },
      { what: 'the fast lane’s 304', path: '/directory', init: { headers: { 'if-none-match': t.atoz.cache.getByPath('/directory')!.etag } }, status: 304 },
    ];
    for (const https of [false, true]) {
      for (const probe of [...fastLane, ...probes]) {
        const headers = new Headers(probe.init?.headers);
        if (https) headers.set('x-forwarded-proto', 'https');
        const res = await fetch(`${server.url}${probe.path}`, { ...probe.init, headers, redirect: 'manual' });
        await res.arrayBuffer();
        expect(res.status, probe.what).toBe(probe.status);
        expectSecurityHeaders(res.headers, `${probe.what} over a socket${https ? ' and HTTPS' : ''}`, https);
      }
    }
  });

  test('even on a request too broken to reach the app (a backslash in the path)', async () => {
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (d: Buffer) => chunks.push(d));
      socket.on('error', reject);
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0]!));
      socket.write('GET /a\\b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    });
    expect(head).toMatch(/^HTTP\/1\.[01] 400/);
    const headers = new Headers(head.split('\r\n').slice(1).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]));
    expectSecurityHeaders(headers, 'a request the HTTP adapter refuses', false);
  });
});

describe('JSON answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  test('say how to take them (Content-Disposition), as downloads do', async () => {
    for (const path of ['/api/search/suggest?q=silica', `/api/search/suggest?q=${'x'.repeat(500)}`]) {
      const res = await t.request(path);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition'), path).toBe('attachment; filename="suggest.json"');
    }
    // A download keeps its own name.
    expect((await t.request('/bibliography.json')).headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.json"$/);
    // Pages are not downloads.
    expect((await t.request('/')).headers.get('content-disposition')).toBeNull();
  });
});

describe('Strict-Transport-Security', () => {
  const app = (options: { trustProxy: boolean; hstsMaxAge: number }) => {
    const hono = new Hono();
    hono.use(securityHeaders(options));
    hono.get('/', (c) => c.text('hello'));
    return hono;
  };

  test('is sent over HTTPS only, trusting X-Forwarded-Proto only behind a proxy (ATOZ_TRUST_PROXY=1)', async () => {
    const direct = app({ trustProxy: false, hstsMaxAge: 31536000 });
    expect((await direct.request('https://atoz.test/')).headers.get('strict-transport-security')).toBe(ONE_YEAR);
    expect((await direct.request('http://atoz.test/')).headers.get('strict-transport-security')).toBeNull();
    expect((await direct.request('http://atoz.test/', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    const proxied = app({ trustProxy: true, hstsMaxAge: 31536000 });
    expect((await proxied.request('http://atoz.test/', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe(ONE_YEAR);
  });

  test('ATOZ_HSTS_MAX_AGE sets its max-age; 0 turns it off', async () => {
    expect(loadConfig({}).hstsMaxAge).toBe(31536000);
    expect(loadConfig({ ATOZ_HSTS_MAX_AGE: '600' }).hstsMaxAge).toBe(600);
    expect(() => loadConfig({ ATOZ_HSTS_MAX_AGE: '-1' })).toThrow(/ATOZ_HSTS_MAX_AGE|hstsMaxAge/);
    expect(strictTransportSecurity(600)).toBe('max-age=600');
    expect(strictTransportSecurity(0)).toBeNull();
    const off = app({ trustProxy: false, hstsMaxAge: 0 });
    expect((await off.request('https://atoz.test/')).headers.get('strict-transport-security')).toBeNull();
  });
});
