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
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DomainContributions } from '../domain.js';
import { LANGS, type Lang, pathIn } from '../i18n/languages.js';
import type { AssetBundle } from '../web/assets.js';
import { withFolderLock } from './folder-lock.js';
import { FolderWriter } from './folder-writer.js';
import { IndexSynonyms, PAGEFIND_FOLDER, type SearchIndexBuild, openSearchIndex } from './static-search.js';
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

/**
 * Renders addresses through the app, one after another, and hands each file
 * to the writer (and each HTML page to the search index) as it comes, so
 * compression and indexing run beside the next render. HTML pages are noted
 * in `html` (address → file), every file in `files`.
 */
async function render(
  deps: PublishDeps,
  paths: Iterable<string>,
  out: { writer: FolderWriter; index: SearchIndexBuild | null; staticSearch: boolean; html: Map<string, string>; files: Set<string>; skipped: PublishReport['skipped'] },
): Promise<void> {
  for (const path of paths) {
    const res = await deps.request(path);
    if (res.status !== 200) {
      out.skipped.push({ path, status: res.status });
      continue;
    }
    const file = fileForPath(path);
    const isHtml = (res.headers.get('content-type') ?? '').startsWith('text/html');
    if (isHtml) {
      const page = out.staticSearch ? withStaticSearch(await res.text(), deps.assets) : await res.text();
      await out.writer.put(file, Buffer.from(page));
      await out.index?.add({ url: path, html: page });
      out.html.set(path, file);
    } else {
      await out.writer.put(file, Buffer.from(await res.arrayBuffer()));
    }
    out.files.add(file);
  }
}

function removeFiles(folder: string, files: Iterable<string>): number {
  let removed = 0;
  for (const relative of files) {
    for (const file of [relative, `${relative}.gz`, `${relative}.br`]) rmSync(join(folder, file), { force: true });
    removed++;
  }
  return removed;
}

/** Starts the static search's index, when the copy has one. */
async function openIndex(deps: PublishDeps, staticSearch: boolean): Promise<SearchIndexBuild | null> {
  return staticSearch ? openSearchIndex(new IndexSynonyms(await deps.synonymGroups())) : null;
}

/**
 * Every published page (address → file, read from the folder) into the
 * index, in address order: pagefind's files depend on the order pages come
 * in, and a full publish renders (and indexes) in address order, so both
 * ways of publishing write the same index.
 */
async function indexFolder(folder: string, html: Map<string, string>, index: SearchIndexBuild): Promise<void> {
  for (const [url, file] of [...html].sort(([a], [b]) => (a < b ? -1 : 1))) await index.add({ url, html: await readFile(join(folder, file), 'utf8') });
}

/** Writes the static search: its page in each language, then pagefind's files, then its entry file. Returns the files written. */
async function writeSearch(deps: PublishDeps, writer: FolderWriter, index: SearchIndexBuild): Promise<string[]> {
  const written: string[] = [];
  const put = async (relative: string, bytes: Buffer) => {
    await writer.put(relative, bytes);
    written.push(relative);
  };
  for (const lang of LANGS) await put(fileForPath(pathIn(lang, STATIC_SEARCH_PATH)), Buffer.from(withStaticSearch(await deps.staticSearchPage(lang), deps.assets)));
  const { files, entries } = await index.files();
  for (const [relative, bytes] of files) await put(relative, bytes);
  await writer.drain();
  for (const [relative, bytes] of entries) await put(relative, bytes);
  await writer.drain();
  return written;
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
  const writer = new FolderWriter(folder);
  const files = new Set<string>();
  const skipped: PublishReport['skipped'] = [];
  const html = new Map<string, string>();
  const index = await openIndex(deps, staticSearch);
  let pagesOnDiskMs: number;
  try {
    // In address order, so the index gets its pages in the order publishChanges gives them (indexFolder).
    await render(deps, (await addresses(deps)).sort(), { writer, index, staticSearch, html, files, skipped });
    // The 404 page in each language (nginx: error_page 404).
    for (const lang of LANGS) {
      const res = await deps.request(pathIn(lang, NOT_FOUND_PROBE));
      const page = await res.text();
      const file = pathIn(lang, '/404.html').slice(1);
      await writer.put(file, Buffer.from(staticSearch ? withStaticSearch(page, deps.assets) : page));
      files.add(file);
    }
    for (const name of deps.assets.names()) {
      await writer.put(`assets/${name}`, deps.assets.get(name)!.identity);
      files.add(`assets/${name}`);
    }
    await writer.drain();
    pagesOnDiskMs = performance.now() - started;
    if (index) for (const file of await writeSearch(deps, writer, index)) files.add(file);
  } finally {
    // After a failure too: no queued file may still be written once the publish (and its folder lock) has ended.
    await writer.drain().catch(() => undefined);
    await index?.close();
  }

  const before = readManifest(folder)?.files ?? [];
  const removed = removeFiles(
    folder,
    before.filter((f) => !files.has(f)),
  );
  writeManifest(folder, { publishedAt: new Date().toISOString(), files: [...files].sort(), html: Object.fromEntries(html), snapshot, search });
  const ms = performance.now() - started;
  return { folder, files: files.size, written: writer.written, unchanged: writer.unchanged, removed, skipped, ms, pagesOnDiskMs, mode: 'full', changedPages: [] };
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

  const writer = new FolderWriter(folder);
  const rendered = new Set<string>();
  const skipped: PublishReport['skipped'] = [];
  const html = new Map(Object.entries(manifest.html));
  try {
    await render(deps, paths, { writer, index: null, staticSearch, html, files: rendered, skipped });
  } finally {
    // After a failure too: no queued file may still be written once the publish (and its folder lock) has ended.
    await writer.drain().catch(() => undefined);
  }
  await writer.drain();

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

  const all = new Set([...manifest.files.filter((f) => !gone.has(f)), ...rendered]);
  // pagefind builds its index whole: every page is read back from the folder, now that the changed ones are on disk.
  const index = await openIndex(deps, staticSearch);
  if (index) {
    try {
      await indexFolder(folder, html, index);
      const written = new Set(await writeSearch(deps, writer, index));
      // pagefind's file names carry a hash of their content: the old ones go once the new entry file is written.
      const old = manifest.files.filter((f) => f.startsWith(`${PAGEFIND_FOLDER}/`) && !written.has(f));
      removeFiles(folder, old);
      for (const f of old) all.delete(f);
      for (const f of written) all.add(f);
    } finally {
      await index.close();
    }
  }
  writeManifest(folder, { publishedAt: new Date().toISOString(), files: [...all].sort(), html: Object.fromEntries(html), snapshot: after, search });
  return { folder, files: all.size, written: writer.written, unchanged: writer.unchanged, removed, skipped, ms: performance.now() - started, pagesOnDiskMs, mode: 'changes', changedPages: changed };
}
