/**
 * The static copy's search: a pagefind index of every published page, one
 * index per language (pagefind groups pages by their <html lang>, and its
 * script loads the index of the search page's language), written into
 * /pagefind/ beside the pages.
 *
 * What pagefind cannot do, and how far we get:
 * - Synonyms: pagefind has no synonym table (nothing at query time). We feed
 *   ours in at index time instead: a page containing one member of a group
 *   ("SSc") is indexed with the other members too ("systemic sclerosis"), at
 *   a low weight, so a search for either finds it. Pagefind matches words,
 *   not phrases, so a multi-word member is found by its words; and a term
 *   added only after the last publish is not known until the next one.
 * - Chinese and Japanese: the index languages are the interface languages
 *   (en, es, fr, ar), for which pagefind splits words at spaces. Runs of Han,
 *   Hiragana and Katakana are split into words with Intl.Segmenter before
 *   indexing, and public/static-search.js splits the query the same way.
 */
import { terms } from '../search/normalize.js';
import { TaskWindow } from './task-window.js';

/** Where the index and pagefind's script go in the folder. */
export const PAGEFIND_FOLDER = 'pagefind';

/** One page to index: its address and its HTML as published. */
export interface IndexedPage {
  url: string;
  html: string;
}

const CJK_RUN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+/g;

/** Chinese or Japanese runs split into words with spaces between ("東京都に住む" → " 東京 都 に 住む "); other text unchanged. */
export function splitCjkWords(text: string): string {
  return text.replace(CJK_RUN, (run) => {
    const lang = /[\u3040-\u30ff]/.test(run) ? 'ja' : 'zh';
    const words = [...new Intl.Segmenter(lang, { granularity: 'word' }).segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
    return ` ${words.join(' ')} `;
  });
}

/** The same, on the text between tags of an HTML document (attributes are left alone). */
function splitCjkInHtml(html: string): string {
  CJK_RUN.lastIndex = 0;
  if (!CJK_RUN.test(html)) return html;
  return html.replace(/>([^<]+)</g, (_, text: string) => `>${splitCjkWords(text)}<`);
}

/** The synonym table, ready to be matched against pages' text. */
export class IndexSynonyms {
  private readonly groups: Array<Array<{ written: string; key: string }>>;

  constructor(groups: string[][]) {
    this.groups = groups
      .map((members) => members.map((written) => ({ written, key: terms(written).join(' ') })).filter((m) => m.key))
      .filter((members) => members.length > 1);
  }

  /** The other members of every group one of whose members the text contains, as written by editors. */
  extraTermsFor(text: string): string[] {
    const haystack = ` ${terms(text).join(' ')} `;
    const extra = new Set<string>();
    for (const members of this.groups) {
      const present = members.filter((m) => haystack.includes(` ${m.key} `));
      if (!present.length) continue;
      for (const m of members) if (!present.includes(m)) extra.add(m.written);
    }
    return [...extra];
  }
}

/**
 * What pagefind reads of a page: its <html> tag (the language), <title> and
 * <main> only, CJK split, synonyms added. The header, menus and footer are
 * the same on every page and not indexed, so they are not sent either: each
 * page crosses to pagefind's process as base64 in JSON, and half of every
 * page is that furniture.
 */
export function htmlForIndex(html: string, synonyms: IndexSynonyms): string | null {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start < 0 || end < 0) return null;
  const main = html.slice(start, end);
  const text = main.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  const extra = synonyms.extraTermsFor(text);
  // Only the index reads this; the published page is unchanged.
  const added = extra.length ? `<p data-pagefind-weight="0.5">${extra.map(escapeText).join(', ')}</p>` : '';
  const opening = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
  const title = /<title>[^<]*<\/title>/i.exec(html.slice(0, start))?.[0] ?? '';
  const marked = `<!DOCTYPE html>${opening}<head><meta charset="utf-8">${title}</head><body><main data-pagefind-body${main.slice('<main'.length)}${added}</main></body></html>`;
  return splitCjkInHtml(marked);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An index being built: pages are added one at a time (a few in flight), the files read once at the end. */
export interface SearchIndexBuild {
  add(page: IndexedPage): Promise<void>;
  /**
   * The index's files, relative to the site folder, in two groups to write
   * one after the other: `files`, then `entries`. The entry file names the
   * others, so writing it last means no reader's browser is pointed at a
   * file not written yet.
   */
  files(): Promise<{ files: Map<string, Buffer>; entries: Map<string, Buffer> }>;
  close(): Promise<void>;
}

/** Pages sent to pagefind before waiting for its answers: it indexes in its own process, beside our renders. */
const PAGES_IN_FLIGHT = 16;

/**
 * Starts an index with pagefind's Node API, which runs pagefind's binary as
 * a service; the caller must `close` it.
 */
export async function openSearchIndex(synonyms: IndexSynonyms): Promise<SearchIndexBuild> {
  // Loaded only when a static copy is written: the live server never starts pagefind.
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) {
    await pagefind.close();
    throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  }
  const adding = new TaskWindow(PAGES_IN_FLIGHT);
  return {
    add: (page) =>
      adding.add(async () => {
        const content = htmlForIndex(page.html, synonyms);
        if (content === null) return;
        const added = await index.addHTMLFile({ url: page.url, content });
        if (added.errors.length) throw new Error(`pagefind could not index ${page.url}: ${added.errors.join('; ')}`);
      }),
    async files() {
      await adding.drain();
      const built = await index.getFiles();
      if (built.errors.length) throw new Error(`pagefind could not write its index: ${built.errors.join('; ')}`);
      const files = new Map<string, Buffer>();
      const entries = new Map<string, Buffer>();
      for (const file of built.files) {
        const relative = `${PAGEFIND_FOLDER}/${file.path.replace(/^\/+/, '')}`;
        // The playground and the ready-made UI are not used: our page and script speak the site's languages.
        if (/(^|\/)playground\//.test(file.path)) continue;
        (/pagefind-entry\.json$/.test(file.path) ? entries : files).set(relative, Buffer.from(file.content));
      }
      return { files, entries };
    },
    async close() {
      await adding.drain().catch(() => undefined);
      await index.deleteIndex();
      await pagefind.close();
    },
  };
}

/** The index of `pages` at once (the offline pack): its files with the entry file last. */
export async function buildSearchIndex(pages: IndexedPage[], synonyms: IndexSynonyms): Promise<Map<string, Buffer>> {
  const build = await openSearchIndex(synonyms);
  try {
    for (const page of pages) await build.add(page);
    const { files, entries } = await build.files();
    return new Map([...files, ...entries]);
  } finally {
    await build.close();
  }
}
