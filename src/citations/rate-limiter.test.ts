import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';
import { FakeClock } from './test-support/fake-clock.js';

/** Fires `count` concurrent acquire() calls and returns the fake time at which each was granted, in call order. */
async function grantTimes(requestsPerSecond: number, count: number, clock = new FakeClock(0)): Promise<number[]> {
  const limiter = createRateLimiter({ requestsPerSecond, now: clock.now, sleep: clock.sleep });
  const times: number[] = new Array(count);
  const calls = Array.from({ length: count }, (_, i) => limiter.acquire().then(() => (times[i] = clock.now())));
  await clock.run(Promise.all(calls));
  return times;
}

/** The largest number of grants inside any half-open window [t, t + 1000 ms). */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(...sorted.map((start) => sorted.filter((t) => t >= start && t < start + 1000).length));
}

describe('createRateLimiter', () => {
  it.each([3, 10])('never grants more than %i requests in any second with 20 concurrent callers', async (rate) => {
    const times = await grantTimes(rate, 20);
    expect(times.every((t) => typeof t === 'number')).toBe(true);
    expect(busiestSecond(times)).toBe(rate);
  });

  it('serves callers in order and does not wait longer than needed', async () => {
    const times = await grantTimes(3, 20);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.slice(0, 4)).toEqual([0, 0, 0, 1000]);
    expect(times.at(-1)).toBe(6000); // 20 requests at 3/s: the 19th to 21st slots open at 6 s
  });

  it('lets requests through at once when the recent window is empty', async () => {
    const clock = new FakeClock(0);
    const limiter = createRateLimiter({ requestsPerSecond: 3, now: clock.now, sleep: clock.sleep });
    await clock.run(Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]));
    await clock.run(clock.sleep(5000));
    const before = clock.sleeps.length;
    await clock.run(limiter.acquire());
    expect(clock.sleeps.length).toBe(before); // no waiting needed
  });

  it('rejects impossible rates', () => {
    expect(() => createRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ requestsPerSecond: 2.5 })).toThrow(RangeError);
  });
});
