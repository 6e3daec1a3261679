import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { type CachedBody, prepareBody } from './render-cache.js';
import { packageRoot } from './package-root.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** Static files under public/, fingerprinted (site.css → site.3f2a9c1b.css) and precompressed once at start. */
export interface AssetBundle {
  /** Fingerprinted URL by file name: url('site.css') → '/assets/site.3f2a9c1b.css'. */
  url(name: string): string;
  /** The prepared body for a fingerprinted file name. */
  get(fingerprinted: string): CachedBody | undefined;
  /** Every fingerprinted file name (a static copy writes them all). */
  names(): string[];
}

export function loadAssets(dir = join(packageRoot(), 'public')): AssetBundle {
  const urls = new Map<string, string>();
  const bodies = new Map<string, CachedBody>();
  for (const name of readdirSync(dir)) {
    const ext = extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    const body = prepareBody(readFileSync(join(dir, name)), type);
    const hash = body.etag.replace(/"/g, '').slice(0, 10).replace(/[^A-Za-z0-9]/g, 'x');
    const fingerprinted = `${name.slice(0, -ext.length)}.${hash}${ext}`;
    urls.set(name, `/assets/${fingerprinted}`);
    bodies.set(fingerprinted, body);
  }
  return {
    url(name) {
      const url = urls.get(name);
      if (!url) throw new Error(`No asset public/${name}`);
      return url;
    },
    get: (fingerprinted) => bodies.get(fingerprinted),
    names: () => [...bodies.keys()],
  };
}
