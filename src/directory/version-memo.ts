/**
 * Values derived from content, kept for one content version. Every write to
 * content bumps the version in the same transaction (src/directory/store.ts,
 * bumpContentVersion), so a value computed after reading version v is at
 * least as new as v, and is dropped as soon as anyone reads a newer one.
 * Reading the version is one indexed row; what it saves (the whole tree,
 * read and sorted on nearly every page) grows with the directory.
 */
export class VersionMemo<V> {
  private version = Number.NaN;
  private readonly values = new Map<string, Promise<V>>();

  constructor(private readonly readVersion: () => Promise<number>) {}

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const version = await this.readVersion();
    if (version !== this.version) {
      this.values.clear();
      this.version = version;
    }
    let value = this.values.get(key);
    if (!value) {
      value = compute();
      this.values.set(key, value);
      // A failure (the database restarting) is not kept: the next reader tries again.
      value.catch(() => {
        if (this.values.get(key) === value) this.values.delete(key);
      });
    }
    return value;
  }
}
