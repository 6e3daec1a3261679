import { describe, expect, it } from 'vitest';
import { createWindowLimiter } from './rate-limit.js';

describe('createWindowLimiter', () => {
  it('allows the budget per window and per person, then refuses until the window ends', () => {
    let t = 0;
    const limiter = createWindowLimiter({ limit: 3, windowMs: 60_000, now: () => t });
    expect([1, 2, 3, 4].map(() => limiter.take('user:1'))).toEqual([true, true, true, false]);
    expect(limiter.take('user:2')).toBe(true);
    t = 45_000;
    expect(limiter.take('user:1')).toBe(false);
    expect(limiter.retryAfter('user:1')).toBe(15);
    t = 60_000;
    expect(limiter.take('user:1')).toBe(true);
  });
});
