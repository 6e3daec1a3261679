import { describe, expect, it } from 'vitest';
import { withFastLane } from './fast-lane.js';
import { RenderCache, prepareBody } from './render-cache.js';
import { chooseEncoding } from './respond.js';

const SECURITY = { 'x-frame-options': 'DENY' };

/** A cache at version 1 holding one page, served at /page. */
function cacheWithPage(): { cache: RenderCache; body: ReturnType<typeof prepareBody> } {
  const cache = new RenderCache();
  cache.observeVersion(1);
  const body = prepareBody('<!DOCTYPE html><title>x</title>', 'text/html; charset=utf-8');
  cache.put('page:x', body, 1);
  cache.rememberPath('/page', 'page:x');
  return { cache, body };
}

function node(method: string, url: string, headers: Record<string, string> = {}) {
  return { incoming: { method, url, headers } };
}

const request = new Request('http://localhost/page');

describe('withFastLane', () => {
  const appAnswer = new Response('from the app');
  const fastLaneFor = (cache: RenderCache) => {
    const calls: string[] = [];
    const fetch = withFastLane(
      (_req, env) => {
        calls.push(String(env?.incoming?.url));
        return appAnswer;
      },
      cache,
      { headers: SECURITY, sessionCookie: 'atoz_session' },
    );
    return { fetch, calls };
  };

  it('answers a cached page synchronously without asking the app, with the security headers', async () => {
    const { cache, body } = cacheWithPage();
    const { fetch, calls } = fastLaneFor(cache);
    const res = fetch(request, node('GET', '/page', { 'accept-encoding': 'gzip, br' }));
    expect(res).toBeInstanceOf(Response);
    expect(calls).toEqual([]);
    const r = res as Response;
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('etag')).toBe(body.etag);
    expect(Buffer.from(await r.arrayBuffer()).equals(body.br)).toBe(true);
  });

  it('answers 304 to a matching If-None-Match and HEAD without a body', async () => {
    const { cache, body } = cacheWithPage();
    const { fetch } = fastLaneFor(cache);
    expect((fetch(request, node('GET', '/page', { 'if-none-match': body.etag })) as Response).status).toBe(304);
    const head = fetch(request, node('HEAD', '/page')) as Response;
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(body.identity.length));
    expect(head.body).toBeNull();
  });

  it.each([
    ['a POST', node('POST', '/page')],
    ['a query string', node('GET', '/page?q=1')],
    ['a path never served', node('GET', '/other')],
    ['a session cookie', node('GET', '/page', { cookie: 'a=1; atoz_session=abc' })],
    ['an in-process request (no Node request)', {}],
  ])('leaves %s to the app', (_name, env) => {
    const { cache } = cacheWithPage();
    const { fetch, calls } = fastLaneFor(cache);
    expect(fetch(request, env)).toBe(appAnswer);
    expect(calls).toHaveLength(1);
  });

  it('forgets every path when the content version moves on', () => {
    const { cache } = cacheWithPage();
    const { fetch, calls } = fastLaneFor(cache);
    cache.observeVersion(2);
    expect(fetch(request, node('GET', '/page'))).toBe(appAnswer);
    expect(calls).toEqual(['/page']);
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
