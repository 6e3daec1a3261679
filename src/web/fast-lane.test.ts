import { type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fastLaneListener } from './fast-lane.js';
import { RenderCache, prepareBody } from './render-cache.js';
import { chooseEncoding } from './respond.js';

const SECURITY = { 'x-frame-options': 'DENY' };
const BODY = prepareBody('<!DOCTYPE html><title>x</title>', 'text/html; charset=utf-8');

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A real HTTP server: the fast lane over a cache holding one page at /page, then an "app" that says so. */
async function start(): Promise<{ cache: RenderCache; appCalls: string[]; port: number }> {
  const cache = new RenderCache();
  cache.observeVersion(1);
  cache.put('page:x', BODY, 1);
  cache.rememberPath('/page', 'page:x');
  const appCalls: string[] = [];
  server = createServer(
    fastLaneListener(cache, { headers: SECURITY, sessionCookie: 'atoz_session' }, (req, res) => {
      appCalls.push(`${req.method} ${req.url}`);
      res.end('from the app');
    }),
  );
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { cache, appCalls, port: (server!.address() as AddressInfo).port };
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request({ port, host: '127.0.0.1', method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('fastLaneListener', () => {
  it('answers a cached page itself, in the best encoding, with the security headers', async () => {
    const { port, appCalls } = await start();
    const res = await send(port, 'GET', '/page', { 'accept-encoding': 'gzip, br' });
    expect(appCalls).toEqual([]);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers.etag).toBe(BODY.etag);
    expect(res.body.equals(BODY.br)).toBe(true);
  });

  it('answers 304 to a matching If-None-Match, and HEAD with headers only', async () => {
    const { port } = await start();
    expect((await send(port, 'GET', '/page', { 'if-none-match': BODY.etag })).status).toBe(304);
    const head = await send(port, 'HEAD', '/page');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(BODY.identity.length));
    expect(head.body.length).toBe(0);
  });

  it.each([
    ['a POST', 'POST', '/page', {}],
    ['a query string', 'GET', '/page?q=1', {}],
    ['a path never served', 'GET', '/other', {}],
    ['a session cookie', 'GET', '/page', { cookie: 'a=1; atoz_session=abc' }],
    ['a session cookie over HTTPS (__Host- prefix)', 'GET', '/page', { cookie: '__Host-atoz_session=abc' }],
  ])('leaves %s to the app', async (_name, method, path, headers) => {
    const { port, appCalls } = await start();
    const res = await send(port, method, path, headers);
    expect(res.body.toString()).toBe('from the app');
    expect(appCalls).toEqual([`${method} ${path}`]);
  });

  it('forgets every path when the content version moves on', async () => {
    const { port, appCalls, cache } = await start();
    cache.observeVersion(2);
    expect((await send(port, 'GET', '/page')).body.toString()).toBe('from the app');
    expect(appCalls).toEqual(['GET /page']);
  });
});

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['GZIP;q=0.8', 'gzip'],
  ] as const)('%s → %s', (accept, expected) => {
    expect(chooseEncoding(accept)).toBe(expected);
  });
});
