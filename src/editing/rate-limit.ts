/**
 * A per-person request budget in a fixed time window, kept in this server's
 * memory: enough to stop a runaway script or a stuck key from filling the
 * revisions table; not a security boundary (sign-in already is one).
 */
export interface WindowLimiter {
  /** Counts one request for `key`; false when the budget for this window is spent. */
  take(key: string): boolean;
  /** Seconds until `key` may try again. */
  retryAfter(key: string): number;
}

export function createWindowLimiter(options: { limit: number; windowMs: number; now?: () => number }): WindowLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string) => {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= options.windowMs) {
      w = { start: t, count: 0 };
      windows.set(key, w);
      // Forget idle people now and then so the map cannot grow without bound.
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= options.windowMs) windows.delete(k);
    }
    return w;
  };
  return {
    take(key) {
      const w = current(key);
      if (w.count >= options.limit) return false;
      w.count++;
      return true;
    },
    retryAfter(key) {
      const w = current(key);
      return Math.max(1, Math.ceil((w.start + options.windowMs - now()) / 1000));
    },
  };
}
