/**
 * A static copy of the public site: every reader page in every language it
 * exists in, the 404 page, assets, sitemap.xml, robots.txt and the downloads
 * and feeds domains name, each with .gz and .br beside it, for nginx or any
 * CDN to serve (src/publishing/nginx-config.ts).
 *
 * Pages are rendered by the app itself, exactly as an anonymous reader gets
 * them, so the copy cannot disagree with the live site. A file is written
 * only when its bytes changed, through a temporary file renamed into place,
 * so no reader of the folder ever sees half a file; files the site no longer
 * has (a deleted page) are removed. What only the live server can do
 * (search, signing in, editing) stays on the live server: the sample nginx
 * configuration passes those addresses to it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { DomainContributions } from '../domain.js';
import { LANGS, pathIn } from '../i18n/languages.js';
import type { AssetBundle } from '../web/assets.js';

export interface PublishDeps {
  /** Sends a request to the app as an anonymous reader would. */
  request(path: string): Promise<Response>;
  contributions: Pick<DomainContributions, 'sitemap' | 'publishedFiles'>;
  assets: AssetBundle;
}

export interface PublishReport {
  folder: string;
  /** Files the site has (not counting .gz and .br). */
  files: number;
  written: number;
  unchanged: number;
  removed: number;
  /** Addresses that did not answer 200 (listed in the sitemap but gone, for example). */
  skipped: Array<{ path: string; status: number }>;
  ms: number;
}

/** The manifest of what the last publish wrote, so the next one knows what to remove. */
const MANIFEST = '.atoz-published.json';
/** Types worth compressing; images and archives are not. */
const COMPRESSIBLE = /\.(html|xml|txt|json|css|js|svg|ris|bib)$/;
/** A path that no page will ever have: its answer is the 404 page. */
const NOT_FOUND_PROBE = '/directory/published-copy-404';

/** Where the answer for an address goes in the folder: /directory/x → directory/x/index.html; /sitemap.xml stays. */
export function fileForPath(path: string): string {
  const clean = path.split('?')[0]!.replace(/^\/+/, '');
  if (clean === '') return 'index.html';
  const last = clean.split('/').pop()!;
  return /\.[a-z0-9]+$/i.test(last) ? clean : `${clean.replace(/\/+$/, '')}/index.html`;
}

/** Every address of the static copy, pages first. */
async function addresses(deps: PublishDeps): Promise<string[]> {
  // Every interface language, even for pages whose text is not translated: readers of /es/… follow /es/ links
  // (the sitemap lists only the languages a page's text is in, for search engines).
  const pages = (await deps.contributions.sitemap()).flatMap((entry) => LANGS.map((lang) => pathIn(lang, entry.path)));
  const files = await deps.contributions.publishedFiles();
  return [...new Set([...pages, '/sitemap.xml', '/robots.txt', ...files])];
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}

function sameBytes(file: string, bytes: Buffer): boolean {
  if (!existsSync(file)) return false;
  return readFileSync(file).equals(bytes);
}

export async function publishSite(deps: PublishDeps, folder: string): Promise<PublishReport> {
  const started = performance.now();
  mkdirSync(folder, { recursive: true });
  const wanted = new Map<string, Buffer>();
  const skipped: PublishReport['skipped'] = [];

  for (const path of await addresses(deps)) {
    const res = await deps.request(path);
    if (res.status !== 200) {
      skipped.push({ path, status: res.status });
      continue;
    }
    wanted.set(fileForPath(path), Buffer.from(await res.arrayBuffer()));
  }
  // The 404 page in each language (nginx: error_page 404).
  for (const lang of LANGS) {
    const res = await deps.request(pathIn(lang, NOT_FOUND_PROBE));
    wanted.set(pathIn(lang, '/404.html').slice(1), Buffer.from(await res.arrayBuffer()));
  }
  for (const name of deps.assets.names()) wanted.set(`assets/${name}`, deps.assets.get(name)!.identity);

  let written = 0;
  let unchanged = 0;
  for (const [relative, bytes] of wanted) {
    const file = join(folder, relative);
    // Addresses come from our own routes, but a file must never land outside the folder.
    if (!normalize(file).startsWith(normalize(folder) + sep)) throw new Error(`refusing to write outside ${folder}: ${relative}`);
    if (sameBytes(file, bytes)) {
      unchanged++;
      continue;
    }
    // The compressed copies first: nginx's gzip_static must never pair a new file with an old .gz.
    if (COMPRESSIBLE.test(relative)) {
      writeAtomically(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      writeAtomically(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    }
    writeAtomically(file, bytes);
    written++;
  }

  const manifestFile = join(folder, MANIFEST);
  const before: string[] = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: string[] }).files : [];
  let removed = 0;
  for (const relative of before) {
    if (wanted.has(relative)) continue;
    for (const file of [relative, `${relative}.gz`, `${relative}.br`]) rmSync(join(folder, file), { force: true });
    removed++;
  }
  writeAtomically(manifestFile, Buffer.from(JSON.stringify({ publishedAt: new Date().toISOString(), files: [...wanted.keys()].sort() }, null, 1)));

  return { folder, files: wanted.size, written, unchanged, removed, skipped, ms: performance.now() - started };
}
