/** A manual clock for code that takes `now` and `sleep`: time moves only when the test runs it. */
export class FakeClock {
  #now: number;
  #timers: { at: number; seq: number; resolve: () => void }[] = [];
  #seq = 0;
  readonly sleeps: number[] = []; // every requested sleep, in ms

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.#timers.push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve });
    });
  };

  /** Runs timers in time order until `promise` settles; fails if it waits on something other than this clock. */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idleTurns = 0;
    while (!settled) {
      await nextMacrotask();
      if (settled) break;
      const next = this.#takeNextTimer();
      if (next) {
        idleTurns = 0;
        this.#now = Math.max(this.#now, next.at);
        next.resolve();
      } else if (++idleTurns > 100) {
        throw new Error('FakeClock.run: the promise is waiting on something other than the fake clock');
      }
    }
    return promise;
  }

  #takeNextTimer() {
    this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return this.#timers.shift();
  }
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
