/**
 * A token bucket per client, in memory: each client may make `capacity`
 * requests at once, refilled at `perSecond`. In memory means per server: with
 * several servers behind a load balancer each allows this rate on its own.
 */
export interface TokenBucketOptions {
  capacity: number;
  perSecond: number;
  /** Clients remembered at most; the least recently seen are forgotten first. */
  maxClients?: number;
  now?: () => number;
}

export interface TakeResult {
  allowed: boolean;
  /** Seconds until one request will be allowed again (when not allowed). */
  retryAfterSeconds: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 10_000;
  }

  take(client: string): TakeResult {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.capacity, at: now };
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    // Re-inserting keeps the Map in least-recently-seen order for eviction.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.perSecond)) };
  }
}
