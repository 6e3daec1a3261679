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
import { LANGS, type Lang, pathIn } from '../i18n/languages.js';
import type { AssetBundle } from '../web/assets.js';
import { withFolderLock } from './folder-lock.js';
import { IndexSynonyms, PAGEFIND_FOLDER, buildSearchIndex } from './static-search.js';
import { STATIC_SEARCH_PATH } from './views/static-search-page.js';
import { isLiveOnly } from './nginx-config.js';

export interface PublishDeps {
  /** Sends a request to the app as an anonymous reader would. */
  request(path: string): Promise<Response>;
  contributions: Pick<DomainContributions, 'sitemap' | 'publishedFiles'>;
  assets: AssetBundle;
  /** The static search page in a language (src/publishing/views/static-search-page.tsx), as HTML. */
  staticSearchPage(lang: Lang): Promise<string>;
  /** The synonym table's groups of terms, fed into the static search index. */
  synonymGroups(): Promise<string[][]>;
  /** The site as it is now, to compare with the last publish (publishChanges). */
  snapshot(): Promise<SiteSnapshot>;
}

export interface PublishOptions {
  /**
   * Where the search box sends readers: 'static' (the default) writes a
   * pagefind index and a search page into the copy, for a copy without a
   * live server; 'live' keeps /search, which the nginx configuration passes
   * to the live atoz.
   */
  search?: 'static' | 'live';
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
  /** When the pages were on disk (before the search index, which follows). */
  pagesOnDiskMs: number;
  /** 'full': every address rendered; 'changes': only what the changed pages affect. */
  mode: 'full' | 'changes';
  /** The pages whose change was published ('changes' only). */
  changedPages: string[];
}

/** The manifest of what the last publish wrote, so the next one knows what to remove. */
const MANIFEST = '.atoz-published.json';
/** Types worth compressing; images and archives are not. */
const COMPRESSIBLE = /\.(html|xml|txt|json|css|js|svg|ris|bib)$/;
/** A path that no page will ever have: its answer is the 404 page. */
const NOT_FOUND_PROBE = '/directory/published-copy-404';
/** The type-ahead script asks the live server: a copy with static search leaves it out. */
const TYPE_AHEAD_SCRIPT = (assets: AssetBundle) => `<script src="${assets.url('search.js')}" defer></script>`;

/** A page of a copy with static search: its search box and search links go to the static search page. */
export function withStaticSearch(html: string, assets: AssetBundle): string {
  return html
    .replaceAll(TYPE_AHEAD_SCRIPT(assets), '')
    .replace(/(action|href)="((?:\/[a-z]{2})?)\/search(["?])/g, (_, attribute: string, lang: string, after: string) => `${attribute}="${lang}${STATIC_SEARCH_PATH}${after}`);
}

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
  const pages = (await deps.contributions.sitemap()).filter((entry) => !isLiveOnly(entry.path)).flatMap((entry) => LANGS.map((lang) => pathIn(lang, entry.path)));
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

/** What the manifest keeps of the site as published: enough to tell, next time, which files a change affects. */
export interface SiteSnapshot {
  /** Live pages by slug: when each last changed, its parent, and the pages it links to. */
  pages: Record<string, { changedAt: string; parent: string | null; links: string[] }>;
  /** Reading order (previous and next links). */
  order: string[];
  /**
   * A fingerprint of everything else every page shows or the copy holds
   * (settings, assets, synonyms, news, the other addresses): when it
   * differs, everything is published again.
   */
  stamp: string;
}

interface Manifest {
  publishedAt: string;
  files: string[];
  /** HTML pages by address → file, for the search index. */
  html?: Record<string, string>;
  snapshot?: SiteSnapshot;
  search?: 'static' | 'live';
}

function readManifest(folder: string): Manifest | null {
  const file = join(folder, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null; // A damaged manifest: publish everything again.
  }
}

/** Renders addresses through the app into `wanted`; HTML pages are noted in `html` (address → file). */
async function render(deps: PublishDeps, paths: Iterable<string>, staticSearch: boolean, wanted: Map<string, Buffer>, html: Map<string, string>, skipped: PublishReport['skipped']): Promise<void> {
  for (const path of paths) {
    const res = await deps.request(path);
    if (res.status !== 200) {
      skipped.push({ path, status: res.status });
      continue;
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const isHtml = (res.headers.get('content-type') ?? '').startsWith('text/html');
    wanted.set(fileForPath(path), isHtml && staticSearch ? Buffer.from(withStaticSearch(bytes.toString('utf8'), deps.assets)) : bytes);
    if (isHtml) html.set(path, fileForPath(path));
  }
}

/** Writes the files whose bytes changed, each atomically, compressed copies first. */
function writeChanged(folder: string, files: Map<string, Buffer>): { written: number; unchanged: number } {
  let written = 0;
  let unchanged = 0;
  for (const [relative, bytes] of files) {
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
  return { written, unchanged };
}

function removeFiles(folder: string, files: Iterable<string>): number {
  let removed = 0;
  for (const relative of files) {
    for (const file of [relative, `${relative}.gz`, `${relative}.br`]) rmSync(join(folder, file), { force: true });
    removed++;
  }
  return removed;
}

/** The static search: its page in each language and the pagefind index of every HTML page (read from `files`, else from the folder). */
async function searchFiles(deps: PublishDeps, folder: string, html: Map<string, string>, files: Map<string, Buffer>): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const lang of LANGS) out.set(fileForPath(pathIn(lang, STATIC_SEARCH_PATH)), Buffer.from(withStaticSearch(await deps.staticSearchPage(lang), deps.assets)));
  const pages = [...html]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([url, file]) => ({ url, html: (files.get(file) ?? readFileSync(join(folder, file))).toString('utf8') }));
  for (const [relative, bytes] of await buildSearchIndex(pages, new IndexSynonyms(await deps.synonymGroups()))) out.set(relative, bytes);
  return out;
}

function writeManifest(folder: string, manifest: Manifest): void {
  writeAtomically(join(folder, MANIFEST), Buffer.from(JSON.stringify(manifest)));
}

/** Writes (or brings up to date) the whole copy: every address rendered, only changed files written, gone ones removed. */
export async function publishSite(deps: PublishDeps, folder: string, options: PublishOptions = {}): Promise<PublishReport> {
  return withFolderLock(folder, () => publishEverything(deps, folder, options));
}

async function publishEverything(deps: PublishDeps, folder: string, options: PublishOptions): Promise<PublishReport> {
  const search = options.search ?? 'static';
  const staticSearch = search === 'static';
  const started = performance.now();
  mkdirSync(folder, { recursive: true });
  const snapshot = await deps.snapshot();
  const wanted = new Map<string, Buffer>();
  const skipped: PublishReport['skipped'] = [];
  const html = new Map<string, string>();

  await render(deps, await addresses(deps), staticSearch, wanted, html, skipped);
  // The 404 page in each language (nginx: error_page 404).
  for (const lang of LANGS) {
    const res = await deps.request(pathIn(lang, NOT_FOUND_PROBE));
    const page = await res.text();
    wanted.set(pathIn(lang, '/404.html').slice(1), Buffer.from(staticSearch ? withStaticSearch(page, deps.assets) : page));
  }
  for (const name of deps.assets.names()) wanted.set(`assets/${name}`, deps.assets.get(name)!.identity);
  if (staticSearch) for (const [relative, bytes] of await searchFiles(deps, folder, html, wanted)) wanted.set(relative, bytes);

  const { written, unchanged } = writeChanged(folder, wanted);
  const before = readManifest(folder)?.files ?? [];
  const removed = removeFiles(
    folder,
    before.filter((f) => !wanted.has(f)),
  );
  writeManifest(folder, { publishedAt: new Date().toISOString(), files: [...wanted.keys()].sort(), html: Object.fromEntries(html), snapshot, search });
  const ms = performance.now() - started;
  return { folder, files: wanted.size, written, unchanged, removed, skipped, ms, pagesOnDiskMs: ms, mode: 'full', changedPages: [] };
}

/** /directory/<slug>/… and /news/topics/<slug>/… in any language: files of one page. */
const PAGE_FILE = /^(?:\/[a-z]{2})?\/(?:directory|news\/topics)\/([^/]+)\/(?:[^/]+\.[a-z]+|evidence)$/;

/**
 * The pages a change shows on, by the dependency rules of the reader views:
 * a changed, added or removed page; every page above it before and after (a
 * parent lists its children, and each ancestor's evidence map and evidence at
 * a glance count the digests under it); its descendants (their breadcrumbs name it); its
 * neighbours in reading order before and after (previous and next links);
 * the pages that link to it (link labels, wanted links) and the pages it
 * linked to before or links to now (their "linked from" lists).
 */
export function affectedPages(before: SiteSnapshot, after: SiteSnapshot): { changed: string[]; affected: Set<string> } {
  const slugs = new Set([...Object.keys(before.pages), ...Object.keys(after.pages)]);
  const changed = [...slugs].filter((slug) => {
    const a = before.pages[slug];
    const b = after.pages[slug];
    return !a || !b || a.changedAt !== b.changedAt || a.parent !== b.parent || a.links.join('\n') !== b.links.join('\n');
  });
  const affected = new Set<string>();
  const childrenOf = new Map<string, string[]>();
  for (const [slug, page] of Object.entries(after.pages)) if (page.parent) childrenOf.set(page.parent, [...(childrenOf.get(page.parent) ?? []), slug]);
  const addDescendants = (slug: string) => {
    for (const child of childrenOf.get(slug) ?? []) if (!affected.has(child)) (affected.add(child), addDescendants(child));
  };
  const neighbours = (order: string[], slug: string) => {
    const i = order.indexOf(slug);
    return i < 0 ? [] : [order[i - 1], order[i + 1]];
  };
  const changedSet = new Set(changed);
  for (const slug of changed) {
    affected.add(slug);
    for (const snapshot of [before, after]) {
      const page = snapshot.pages[slug];
      // Every page above: their evidence maps and "evidence at a glance" count the digests under them.
      for (let p = page?.parent, hops = 0; p && hops < 1000; p = snapshot.pages[p]?.parent, hops++) affected.add(p);
      for (const target of page?.links ?? []) affected.add(target);
      for (const n of neighbours(snapshot.order, slug)) if (n) affected.add(n);
    }
    addDescendants(slug);
  }
  for (const [slug, page] of Object.entries({ ...before.pages, ...after.pages })) if (page.links.some((target) => changedSet.has(target))) affected.add(slug);
  return { changed, affected };
}

/**
 * Brings the copy up to date after a change, publishing only the files the
 * change affects (affectedPages, in every language, with their downloads
 * and feeds; the lists: home, the directory, the A–Z, the bibliography;
 * the sitemap and the site's feeds). The pages are on disk first; the search
 * index, which pagefind builds whole, follows. Anything outside the rules
 * (settings, assets, synonyms, news, no manifest yet) publishes everything.
 */
export async function publishChanges(deps: PublishDeps, folder: string, options: PublishOptions = {}): Promise<PublishReport> {
  return withFolderLock(folder, () => publishChanged(deps, folder, options));
}

async function publishChanged(deps: PublishDeps, folder: string, options: PublishOptions): Promise<PublishReport> {
  const search = options.search ?? 'static';
  const started = performance.now();
  const manifest = readManifest(folder);
  const after = await deps.snapshot();
  const before = manifest?.snapshot;
  if (!manifest || !before || manifest.search !== search || before.stamp !== after.stamp || !manifest.html) return publishEverything(deps, folder, options);
  const { changed, affected } = affectedPages(before, after);
  const staticSearch = search === 'static';
  const live = new Set(Object.keys(after.pages));
  const pagePaths = [...affected].filter((slug) => live.has(slug)).map((slug) => `/directory/${slug}`);
  const lists = ['/', '/directory', '/directory/a-z', '/bibliography'];
  const files = (await deps.contributions.publishedFiles()).filter((path) => {
    const slug = PAGE_FILE.exec(path)?.[1];
    return slug === undefined || affected.has(slug);
  });
  const paths = [...new Set([...[...pagePaths, ...lists].flatMap((p) => LANGS.map((lang) => pathIn(lang, p))), '/sitemap.xml', ...files])];

  const wanted = new Map<string, Buffer>();
  const skipped: PublishReport['skipped'] = [];
  const html = new Map(Object.entries(manifest.html));
  await render(deps, paths, staticSearch, wanted, html, skipped);
  let { written, unchanged } = writeChanged(folder, wanted);

  // Files of pages that are gone, and addresses that no longer answer.
  const gone = new Set<string>();
  for (const slug of changed.filter((s) => !live.has(s))) {
    for (const path of manifest.files) if (path.split('/').includes(slug) && /(^|\/)(directory|topics)\//.test(path)) gone.add(path);
  }
  for (const s of skipped) gone.add(fileForPath(s.path));
  for (const [url, file] of html) if (gone.has(file)) html.delete(url);
  const removed = removeFiles(
    folder,
    [...gone].filter((f) => manifest.files.includes(f)),
  );
  const pagesOnDiskMs = performance.now() - started;

  const all = new Set([...manifest.files.filter((f) => !gone.has(f)), ...wanted.keys()]);
  if (staticSearch) {
    const index = await searchFiles(deps, folder, html, wanted);
    const result = writeChanged(folder, index);
    written += result.written;
    unchanged += result.unchanged;
    // pagefind's file names carry a hash of their content: the old ones go once the new entry file is written.
    const old = manifest.files.filter((f) => f.startsWith(`${PAGEFIND_FOLDER}/`) && !index.has(f));
    removeFiles(folder, old);
    for (const f of old) all.delete(f);
    for (const f of index.keys()) all.add(f);
  }
  writeManifest(folder, { publishedAt: new Date().toISOString(), files: [...all].sort(), html: Object.fromEntries(html), snapshot: after, search });
  return { folder, files: all.size, written, unchanged, removed, skipped, ms: performance.now() - started, pagesOnDiskMs, mode: 'changes', changedPages: changed };
}
