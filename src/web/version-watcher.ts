import type { RenderCache } from './render-cache.js';

/**
 * Keeps a render cache in step with the content version in the database.
 * Polling a one-row table a few times a second is cheap on both backends and
 * lets several servers on one database drop stale pages within a second.
 */
export class ContentVersionWatcher {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly cache: RenderCache,
    private readonly intervalMs = 250,
  ) {}

  /** Reads the version now (after a local write, or at start). */
  async refresh(): Promise<number> {
    const version = await this.readVersion();
    this.cache.observeVersion(version);
    return version;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A failed poll (database restarting) keeps the last known version; the next poll retries.
      this.refresh().catch(() => {});
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
