import { createHash } from 'node:crypto';
import { brotliStored, gzipStored } from './compression.js';

/** One response body, ready in every encoding we serve. */
export interface CachedBody {
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
  readonly contentType: string;
  /** CDN cache tags (Surrogate-Key, Cache-Tag) sent with it to anonymous readers; see src/web/cdn.ts. */
  cacheTags?: Readonly<Record<string, string>>;
}

/**
 * Compresses once per encoding, the first time a reader asks for it, and keeps
 * the result: a cache hit then costs no CPU beyond the socket write, and a
 * render pays only for the encoding its reader takes.
 */
class PreparedBody implements CachedBody {
  readonly etag: string;
  private gzipped: Buffer | undefined;
  private brotlied: Buffer | undefined;

  constructor(
    readonly identity: Buffer,
    readonly contentType: string,
    readonly cacheTags?: Readonly<Record<string, string>>,
  ) {
    this.etag = `"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`;
  }

  get gzip(): Buffer {
    return (this.gzipped ??= gzipStored(this.identity));
  }

  get br(): Buffer {
    return (this.brotlied ??= brotliStored(this.identity));
  }
}

export function prepareBody(body: string | Buffer, contentType: string, cacheTags?: Readonly<Record<string, string>>): CachedBody {
  return new PreparedBody(typeof body === 'string' ? Buffer.from(body) : body, contentType, cacheTags);
}

/**
 * Rendered pages by key, valid for one content version. Anything that changes
 * content bumps the version (in the database, so every server sees it); the
 * cache notices and empties itself.
 */
export class RenderCache {
  private entries = new Map<string, CachedBody>();
  /** Request path → cache key of the HTML page served there, for the fast lane. */
  private paths = new Map<string, string>();
  private version = -1;

  constructor(private readonly maxEntries = 5000) {}

  /** The content version the cached entries belong to. */
  get currentVersion(): number {
    return this.version;
  }

  /** Moves to a new content version, dropping everything rendered for an older one. */
  observeVersion(version: number): void {
    if (version !== this.version) {
      this.entries.clear();
      this.paths.clear();
      this.version = version;
    }
  }

  get(key: string): CachedBody | undefined {
    return this.entries.get(key);
  }

  /** Stores a body rendered from content at `renderedAtVersion`; a stale render is not kept. */
  put(key: string, body: CachedBody, renderedAtVersion: number): void {
    if (renderedAtVersion !== this.version) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first: Map iteration follows insertion order.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, body);
  }

  /** Notes that `path` (no query string) shows the page cached at `key`. */
  rememberPath(path: string, key: string): void {
    if (this.paths.get(path) === key) return;
    if (this.paths.size >= this.maxEntries) this.paths.delete(this.paths.keys().next().value!);
    this.paths.set(path, key);
  }

  /** The cached page for a request path, if one was served there in this content version. */
  getByPath(path: string): CachedBody | undefined {
    const key = this.paths.get(path);
    return key === undefined ? undefined : this.entries.get(key);
  }

  clear(): void {
    this.entries.clear();
    this.paths.clear();
  }
}
