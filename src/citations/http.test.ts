import { describe, expect, it } from 'vitest';
import { CitationLookupError } from './errors.js';
import { backoffDelay, type HttpGetOptions, httpGetText, parseJsonBody, parseRetryAfter } from './http.js';
import { FakeClock } from './test-support/fake-clock.js';
import { type FetchStep, scriptedFetch } from './test-support/fake-fetch.js';

const URL_ = 'https://api.example.org/thing';

function setup(steps: FetchStep[], overrides: Partial<HttpGetOptions> = {}) {
  const clock = new FakeClock();
  const fake = scriptedFetch(steps);
  const options: HttpGetOptions = {
    fetch: fake.fetch,
    service: 'Example',
    timeoutMs: 1000,
    maxRetries: 4,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    ...overrides,
  };
  const get = () => clock.run(httpGetText(URL_, options));
  return { clock, fake, get };
}

async function failure(promise: Promise<unknown>): Promise<CitationLookupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CitationLookupError);
  return error as CitationLookupError;
}

describe('httpGetText', () => {
  it('returns the body and sends the given headers', async () => {
    const { fake, get } = setup([{ status: 200, body: 'hello' }], { headers: { 'User-Agent': 'atoz-test' } });
    await expect(get()).resolves.toBe('hello');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.headers).toEqual({ 'User-Agent': 'atoz-test' });
  });

  it('retries a storm of 429s with growing delays, then succeeds', async () => {
    const { clock, fake, get } = setup([{ status: 429 }, { status: 429 }, { status: 429 }, { status: 200, body: 'ok' }]);
    await expect(get()).resolves.toBe('ok');
    expect(fake.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([250, 500, 1000]); // 500·2^n with jitter 0 → half the ceiling
  });

  it('gives up on endless 429s with a rate-limited error after maxRetries', async () => {
    const { fake, get } = setup([{ status: 429 }]);
    const error = await failure(get());
    expect(error.code).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/Example is limiting .*refused 5 attempts/);
    expect(fake.requests).toHaveLength(5);
  });

  it('honours Retry-After in seconds', async () => {
    const { clock, get } = setup([{ status: 429, headers: { 'Retry-After': '3' } }, { status: 200, body: 'ok' }]);
    await expect(get()).resolves.toBe('ok');
    expect(clock.sleeps).toEqual([3000]);
  });

  it('gives up at once when Retry-After asks for longer than the maximum delay', async () => {
    const { fake, get } = setup([{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }]);
    expect((await failure(get())).code).toBe('rate-limited');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 5xx and reports an unavailable service as a network error', async () => {
    const { fake, get } = setup([{ status: 503 }]);
    const error = await failure(get());
    expect(error).toMatchObject({ code: 'network', status: 503 });
    expect(error.message).toMatch(/HTTP 503.*did not recover after 5 attempts/);
    expect(fake.requests).toHaveLength(5);
  });

  it('recovers from a passing 503', async () => {
    const { get } = setup([{ status: 503 }, { status: 200, body: 'ok' }]);
    await expect(get()).resolves.toBe('ok');
  });

  it('does not retry 404 (not-found) or other 4xx (bad-response)', async () => {
    const notFound = setup([{ status: 404 }, { status: 200 }]);
    expect((await failure(notFound.get())).code).toBe('not-found');
    expect(notFound.fake.requests).toHaveLength(1);
    const rejected = setup([{ status: 400 }, { status: 200 }]);
    expect(await failure(rejected.get())).toMatchObject({ code: 'bad-response', status: 400 });
    expect(rejected.fake.requests).toHaveLength(1);
  });

  it('retries network failures (fetch throws TypeError) and names the cause', async () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:443') });
    const { fake, get } = setup([{ throws: refused }]);
    const error = await failure(get());
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/Could not reach Example \(connect ECONNREFUSED.*\) after 5 attempts/);
    expect(error.cause).toBe(refused);
    expect(fake.requests).toHaveLength(5);
  });

  it('recovers from a single network failure', async () => {
    const { get } = setup([{ throws: new TypeError('fetch failed') }, { status: 200, body: 'ok' }]);
    await expect(get()).resolves.toBe('ok');
  });

  it('times out a request that never answers, without retrying', async () => {
    const fake = scriptedFetch(['hang']);
    const started = Date.now();
    const error = await failure(httpGetText(URL_, { fetch: fake.fetch, service: 'Example', timeoutMs: 30, maxRetries: 4 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/Example did not answer within 1 second/);
    expect(fake.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('waits on the rate limiter before every attempt', async () => {
    let acquired = 0;
    const { fake, get } = setup([{ status: 429 }, { status: 200, body: 'ok' }], {
      limiter: { acquire: async () => void acquired++ },
    });
    await get();
    expect(acquired).toBe(fake.requests.length);
    expect(acquired).toBe(2);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON', () => {
    expect(parseJsonBody('{"a":1}', 'Example')).toEqual({ a: 1 });
  });

  it.each(['<html>Service unavailable</html>', '{"result":{"uids":["1"', ''])('turns %j into bad-response', (body) => {
    expect(() => parseJsonBody(body, 'Example')).toThrow(expect.objectContaining({ code: 'bad-response', message: expect.stringMatching(/not valid JSON/) }));
  });
});

describe('backoff and Retry-After', () => {
  it('grows exponentially with jitter inside [ceiling/2, ceiling] and respects the cap', () => {
    expect(backoffDelay(0, { random: () => 0 })).toBe(250);
    expect(backoffDelay(0, { random: () => 0.999999 })).toBe(500);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(3000);
    expect(backoffDelay(20, { random: () => 0.999999, maxDelayMs: 8000 })).toBe(8000);
  });

  it('reads delay-seconds and HTTP dates', () => {
    const now = () => Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
