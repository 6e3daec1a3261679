/**
 * Keeps a client under a remote service's request rate (NCBI: 3/s, 10/s with a key).
 * Create ONE per process and service, and share it by every client that calls that service.
 */
import { defaultSleep } from './http.js';

export interface RateLimiter {
  /** Resolves when the caller may send one request; calls are served in order. */
  acquire(): Promise<void>;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  now?: () => number; // ms clock, injectable for tests
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 1000;

/** A sliding-window limiter: never more than `requestsPerSecond` grants in any 1-second window. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { requestsPerSecond } = options;
  if (!Number.isInteger(requestsPerSecond) || requestsPerSecond < 1) throw new RangeError('requestsPerSecond must be a positive integer');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  // Times of the last `requestsPerSecond` grants (already given or reserved), oldest first.
  const recent: number[] = [];

  // Reservation is synchronous, so concurrent callers can never take the same slot.
  function reserveSlot(): number {
    const current = now();
    const blocking = recent.length < requestsPerSecond ? -Infinity : (recent[0] ?? -Infinity) + WINDOW_MS;
    const latest = recent.at(-1) ?? -Infinity;
    const slot = Math.max(current, blocking, latest);
    recent.push(slot);
    if (recent.length > requestsPerSecond) recent.shift();
    return slot;
  }

  return {
    async acquire() {
      const wait = reserveSlot() - now();
      if (wait > 0) await sleep(wait);
    },
  };
}
