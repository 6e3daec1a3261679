import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from './rate-limit.js';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then refills at the set rate, per client', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ capacity: 3, perSecond: 2, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
    expect(limiter.take('a').retryAfterSeconds).toBe(1);
    expect(limiter.take('b').allowed).toBe(true);
    now += 500; // one token back
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('forgets the least recently seen clients beyond its bound', () => {
    const limiter = new TokenBucketLimiter({ capacity: 1, perSecond: 0.001, maxClients: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
