/**
 * An offline pack (`npm run atoz -- offline <file.zip> --topic <slug> --lang <lang>`):
 * one ZIP of a topic and every page under it, in one language, for a clinic
 * with poor internet. Pages are the published ones with their links made
 * relative (<slug>.html side by side, index.html the topic itself), the
 * stylesheet with its print styles, the topic's reference downloads, and the
 * static search (search.html with a pagefind index of the pack's pages).
 * Links to pages outside the pack go to the live site's address.
 *
 * Browsers do not run pagefind from file:// addresses (module scripts and
 * WebAssembly need http): the pages work opened from disk; the search works
 * once the folder is served by any static server (python3 -m http.server).
 */
import { zipSync } from 'fflate';
import type { DirectoryTree } from '../directory/tree.js';
import { type Lang, pathIn } from '../i18n/languages.js';
import type { PublishDeps } from './publish.js';
import { withStaticSearch } from './publish.js';
import { IndexSynonyms, PAGEFIND_FOLDER, buildSearchIndex } from './static-search.js';
import { STATIC_SEARCH_PATH } from './views/static-search-page.js';

export class OfflinePackError extends Error {
  override name = 'OfflinePackError';
}

export interface OfflinePack {
  zip: Uint8Array;
  pages: string[];
  files: string[];
}

/** Where a site address lives in the pack, or null when the pack does not carry it. */
type Locate = (path: string) => string | null;

/** Every site-internal address in href, src and action made relative to the pack, or absolute on the live site. */
function relativeLinks(html: string, locate: Locate, baseUrl: string): string {
  return html.replace(/\s(href|src|action)="(\/(?!\/)[^"#]*)(#[^"]*)?"/g, (_, attribute: string, path: string, fragment: string | undefined) => {
    const inPack = locate(path.replace(/&amp;/g, '&'));
    return ` ${attribute}="${inPack ?? baseUrl + path}${fragment ?? ''}"`;
  });
}

export async function offlinePack(deps: PublishDeps & { tree(): Promise<DirectoryTree>; baseUrl: string }, topic: string, lang: Lang): Promise<OfflinePack> {
  const tree = await deps.tree();
  const root = tree.bySlug.get(topic);
  if (!root) throw new OfflinePackError(`No page "${topic}" in the directory.`);
  const slugs: string[] = [];
  const walk = (node: typeof root) => {
    slugs.push(node.slug);
    for (const child of node.children) walk(child);
  };
  walk(root);
  const inPack = new Set(slugs);

  const downloads = (await deps.contributions.publishedFiles()).filter((path) => {
    const m = /^\/directory\/([^/]+)\/([^/]+)$/.exec(path);
    return m !== null && inPack.has(m[1]!);
  });
  const downloadFile = (path: string) => `files/${path.slice('/directory/'.length).replace('/', '-')}`;
  const assets = deps.assets.names().filter((name) => !/^(editor|search)\./.test(name));

  const locate: Locate = (path) => {
    const clean = path.split('?')[0]!;
    if (clean.startsWith('/assets/') && assets.includes(clean.slice('/assets/'.length))) return clean.slice(1);
    if (downloads.includes(clean)) return downloadFile(clean);
    if (clean === pathIn(lang, STATIC_SEARCH_PATH) || clean === pathIn(lang, '/search')) return 'search.html';
    const page = new RegExp(`^${pathIn(lang, '/directory/').replace(/\//g, '\\/')}([^/]+)$`).exec(clean);
    if (page && inPack.has(page[1]!)) return `${page[1]}.html`;
    return null;
  };

  const files: Record<string, Uint8Array> = {};
  const pages: Array<{ url: string; html: string }> = [];
  for (const slug of slugs) {
    const res = await deps.request(pathIn(lang, `/directory/${slug}`));
    if (res.status !== 200) throw new OfflinePackError(`/directory/${slug} answered ${res.status}.`);
    const html = relativeLinks(withStaticSearch(await res.text(), deps.assets), locate, deps.baseUrl);
    files[`${slug}.html`] = Buffer.from(html);
    if (slug === topic) files['index.html'] = Buffer.from(html);
    pages.push({ url: `${slug}.html`, html });
  }
  for (const path of downloads) {
    const res = await deps.request(path);
    if (res.status === 200) files[downloadFile(path)] = new Uint8Array(await res.arrayBuffer());
  }
  for (const name of assets) files[`assets/${name}`] = deps.assets.get(name)!.identity;
  const searchPage = (await deps.staticSearchPage(lang)).replace('data-bundle="/pagefind/"', `data-bundle="${PAGEFIND_FOLDER}/"`);
  files['search.html'] = Buffer.from(relativeLinks(withStaticSearch(searchPage, deps.assets), locate, deps.baseUrl));
  for (const [relative, bytes] of await buildSearchIndex(pages, new IndexSynonyms(await deps.synonymGroups()))) files[relative] = bytes;

  // pagefind's files are compressed already; the rest compresses well.
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, [bytes, { level: name.startsWith(`${PAGEFIND_FOLDER}/`) ? 0 : 6 }]])), { mtime: new Date('2000-01-01T00:00:00Z') });
  return { zip, pages: slugs, files: Object.keys(files).sort() };
}
