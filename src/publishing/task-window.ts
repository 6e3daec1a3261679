/**
 * At most `limit` tasks in flight: `add` waits while the window is full, so a
 * producer (the publish loop rendering pages) runs ahead of its consumers
 * (compression in the thread pool, the pagefind service) by a bounded amount
 * and memory stays flat however large the site. Tasks under the same key run
 * one after another, in the order added. The first failure is kept and
 * thrown by the next `add` and by `drain`, after every task has settled.
 */
export class TaskWindow {
  private readonly running = new Map<string, Promise<void>>();
  private readonly settled = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  private unkeyed = 0;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`a task window holds at least one task, not ${limit}`);
  }

  async add(task: () => Promise<void>, key = `\0${this.unkeyed++}`): Promise<void> {
    while (this.settled.size >= this.limit) await Promise.race(this.settled);
    this.throwIfFailed();
    const after = this.running.get(key);
    const run: Promise<void> = (after ? after.then(task) : task())
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => {
        this.settled.delete(run);
        if (this.running.get(key) === run) this.running.delete(key);
      });
    this.running.set(key, run);
    this.settled.add(run);
  }

  /** Waits for every task; throws the first failure. */
  async drain(): Promise<void> {
    while (this.settled.size) await Promise.all(this.settled);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
