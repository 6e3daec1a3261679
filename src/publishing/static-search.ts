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

/** What pagefind reads of a page: its <main> only (not the header, menus and footer on every page), CJK split, synonyms added. */
export function htmlForIndex(html: string, synonyms: IndexSynonyms): string | null {
  const start = html.indexOf('<main');
  const end = html.lastIndexOf('</main>');
  if (start < 0 || end < 0) return null;
  const main = html.slice(start, end);
  const text = main.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
  const extra = synonyms.extraTermsFor(text);
  // Only the index reads this; the published page is unchanged.
  const added = extra.length ? `<p data-pagefind-weight="0.5">${extra.map(escapeText).join(', ')}</p>` : '';
  const marked = `${html.slice(0, start)}<main data-pagefind-body${main.slice('<main'.length)}${added}${html.slice(end)}`;
  return splitCjkInHtml(marked);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Builds the index of `pages` with pagefind's Node API (it runs pagefind's
 * binary as a service) and returns its files, relative to the site folder,
 * the entry file last: it names the others, so writing it last means no
 * reader's browser is pointed at a file not written yet.
 */
export async function buildSearchIndex(pages: IndexedPage[], synonyms: IndexSynonyms): Promise<Map<string, Buffer>> {
  // Loaded only when a static copy is written: the live server never starts pagefind.
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const page of pages) {
      const content = htmlForIndex(page.html, synonyms);
      if (content === null) continue;
      const added = await index.addHTMLFile({ url: page.url, content });
      if (added.errors.length) throw new Error(`pagefind could not index ${page.url}: ${added.errors.join('; ')}`);
    }
    const built = await index.getFiles();
    if (built.errors.length) throw new Error(`pagefind could not write its index: ${built.errors.join('; ')}`);
    const files = new Map<string, Buffer>();
    const entries: Array<[string, Buffer]> = [];
    for (const file of built.files) {
      const relative = `${PAGEFIND_FOLDER}/${file.path.replace(/^\/+/, '')}`;
      // The playground and the ready-made UI are not used: our page and script speak the site's languages.
      if (/(^|\/)playground\//.test(file.path)) continue;
      if (/pagefind-entry\.json$/.test(file.path)) entries.push([relative, Buffer.from(file.content)]);
      else files.set(relative, Buffer.from(file.content));
    }
    for (const [relative, bytes] of entries) files.set(relative, bytes);
    return files;
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }
}
