import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { type RunningServer, serveOnFreePort } from '../support/browser.js';

// Whatever arrives on the socket, the reader side answers with a 4xx and keeps serving.

let testApp: TestApp;
let server: RunningServer;

beforeAll(async () => {
  testApp = await createTestApp();
  server = await serveOnFreePort(testApp.atoz);
});

afterAll(async () => {
  await server?.close();
  await testApp?.close();
});

interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/** Sends bytes exactly as given (no client-side URL clean-up) and reads the answer until the server closes. */
function rawRequest(request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request.slice(0, 80))}`)));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (!match) return reject(new Error(`not an HTTP answer to ${JSON.stringify(request.slice(0, 80))}: ${JSON.stringify(text.slice(0, 200))}`));
      resolve({ status: Number(match[1]), head, body: split < 0 ? '' : text.slice(split + 4) });
    });
    socket.write(request);
  });
}

function get(target: string, extraHeaders = ''): Promise<RawResponse> {
  return rawRequest(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`);
}

async function expectServerStillAnswers(): Promise<void> {
  const res = await get('/directory/causes-proteins');
  expect(res.status).toBe(200);
  expect(res.body).toContain('<h1 id="page-title">Causes: Proteins</h1>');
}

describe('unknown addresses', () => {
  it.each(['/directory/no-such-topic', '/no/such/place', '/directory/Not_A_Slug!', '/wanted/extra'])('%s gives the helpful 404 page', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.head).toMatch(/content-type: text\/html; charset=utf-8/i);
    expect(res.body).toContain('<h1>Page not found</h1>');
    expect(res.body).toContain('<a href="/directory">');
    expect(res.body).toContain('<a href="/directory/a-z">');
    expect(res.body).toContain('<meta name="robots" content="noindex"');
  });

  it('a slug typed in capitals is redirected to the page', async () => {
    const res = await get('/directory/Causes-Of-Scleroderma');
    expect(res.status).toBe(301);
    expect(res.head).toMatch(/location: \/directory\/causes-of-scleroderma/i);
  });
});

describe('malformed requests get a 4xx, never a 5xx', () => {
  const cases: Array<[string, string, number]> = [
    ['truncated percent-encoding in a topic slug', 'GET /directory/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['a lone percent sign', 'GET /% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['invalid UTF-8 bytes, percent-encoded', 'GET /directory/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['malformed encoding in the query', 'GET /directory?q=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['a 10,000-character path', `GET /${'a'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414],
    ['a 10,000-character topic slug', `GET /directory/${'b'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 414],
    ['PROPFIND', 'PROPFIND / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['TRACE', 'TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['DELETE on a topic', 'DELETE /directory/causes-proteins HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 405],
    ['PUT with a body', 'PUT /directory/causes-proteins HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello', 405],
    ['a made-up method', 'BREW /coffee HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['a method with odd characters', 'G@T / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 400],
    ['no Host header', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
    ['a Host header that is not a host', 'GET / HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\nConnection: close\r\n\r\n', 400],
    ['a control character in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX-Odd: a\u0001b\r\nConnection: close\r\n\r\n', 400],
    ['headers larger than the server accepts', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'c'.repeat(20_000)}\r\nConnection: close\r\n\r\n`, 431],
    ['two conflicting Content-Length headers', 'POST /directory HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab', 400],
    ['not HTTP at all', 'HELLO THERE\r\n\r\n', 400],
  ];

  it.each(cases)('%s', async (_name, request, status) => {
    const res = await rawRequest(request);
    expect(res.status).toBe(status);
    await expectServerStillAnswers();
  });

  it('answers a request the app cannot make sense of with a page that says why', async () => {
    const res = await rawRequest('PROPFIND /directory HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.head).toMatch(/allow: GET, HEAD, POST/i);
    expect(res.body).toContain('The PROPFIND method is not used on this site.');
    expect(res.body).toContain('<a href="/directory">');
  });
});

describe('odd but harmless headers are served normally', () => {
  it.each([
    ['an unknown Accept-Encoding', 'Accept-Encoding: zstd-nonsense;q=banana\r\n'],
    ['a garbage If-None-Match', 'If-None-Match: "unterminated, W/, *garbage\r\n'],
    ['an absurd Accept', 'Accept: */*;q=;;;,,,text/html;level=999999999999999999\r\n'],
    ['an If-Modified-Since that is not a date', 'If-Modified-Since: yesterday-ish\r\n'],
    ['a very long cookie', `Cookie: session=${'d'.repeat(8000)}\r\n`],
    ['a Range header', 'Range: bytes=999999999-\r\n'],
    ['UTF-8 in a header value', 'X-Name: Zoë\r\n'],
  ])('%s', async (_name, header) => {
    const res = await get('/directory/causes-proteins', header);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Causes: Proteins');
  });

  it('refuses brotli when the browser says br;q=0', async () => {
    const res = await get('/directory/causes-proteins', 'Accept-Encoding: br;q=0, gzip\r\n');
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/content-encoding: gzip/i);
  });

  it('HEAD gives the headers of GET and no body', async () => {
    const res = await rawRequest('HEAD /directory/causes-proteins HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/etag: "/i);
    expect(res.body).toBe('');
  });
});

describe('many bad requests at once', () => {
  it('the server keeps answering after a burst of malformed and odd requests', async () => {
    const burst = Array.from({ length: 60 }, (_, i) =>
      rawRequest(
        i % 3 === 0
          ? `GET /directory/%${i.toString(16)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
          : i % 3 === 1
            ? `XYZ${i} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
            : `GET /${'z'.repeat(3000 + i)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ),
    );
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses.filter((s) => s < 400 || s >= 500)).toEqual([]);
    await expectServerStillAnswers();
  });
});
