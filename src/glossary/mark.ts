/**
 * Marks the first use of each glossary term in a page's body text: a
 * <dfn> in a button that opens its definition as a popover (declarative
 * HTML, no JavaScript; browsers without popovers show the definition inline,
 * so it stays readable). Never inside headings, links, code or another mark,
 * and never a term that is the page’s own subject. The static copy’s search
 * (pagefind) skips the definitions, so a page is not found by its glossary words.
 */
import { escapeHtml } from '../citations/csl-html.js';
import type { GlossaryEntry } from './store.js';

/** Text in these is never marked: a definition button inside a link or heading would be a control inside a control, or noise. */
const SKIP = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'kbd', 'samp', 'dfn', 'abbr', 'button', 'script', 'style', 'sup', 'sub', 'summary', 'label', 'select', 'textarea', 'option']);

export interface MarkLabels {
  /** The link in the popover to the term's own glossary page. */
  more: string;
  /** Site path of a term's glossary page. */
  href(slug: string): string;
  /** The link's words are in the interface language, inside English text: its lang and dir when that is not English. */
  linkLang?: { lang?: string; dir?: string } | undefined;
}

/** How a word is written in escaped HTML text: apostrophes in any form, spaces and hyphens loosely. */
function pattern(word: string): string {
  return [...word.trim()]
    .map((ch) => {
      if (ch === "'" || ch === '’') return "(?:'|’|&#39;|&#x27;|&apos;|&rsquo;)";
      if (/\s/.test(ch)) return '(?:\\s|&nbsp;|&#160;)+';
      if (ch === '-' || ch === '‐') return '[-‐]';
      return ch.replace(/[.*+?^${}()|[\]\\&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
    })
    .join('');
}

const normal = (s: string) => s.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();

export interface GlossaryMarker {
  /** The HTML of each body part, in reading order, with the first use of each term marked. */
  mark(parts: readonly string[], options: { pageTitle: string }): string[];
}

export function createMarker(entries: readonly GlossaryEntry[], labels: MarkLabels): GlossaryMarker {
  const words = entries.flatMap((entry) => [entry.term, ...entry.synonyms].filter((w) => w.trim().length > 1).map((w) => ({ word: w, entry })));
  // Longest first, so "Raynaud's phenomenon" wins over "Raynaud's".
  words.sort((a, b) => b.word.length - a.word.length);
  const byWord = new Map(words.map((w) => [normal(w.word), w.entry]));
  const regex = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map((w) => pattern(w.word)).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null;
  const decode = (s: string) => s.replace(/&#39;|&#x27;|&apos;|&rsquo;/g, "'").replace(/&nbsp;|&#160;/g, ' ').replace(/&amp;/g, '&').replace(/‐/g, '-');

  const widget = (text: string, entry: GlossaryEntry) => {
    const id = `gloss-${entry.slug}`;
    return (
      `<span class="gloss"><button type="button" class="gloss-term" popovertarget="${id}"><dfn>${text}</dfn></button>` +
      `<span class="gloss-definition" id="${id}" popover="" role="note" data-pagefind-ignore=""><strong>${escapeHtml(entry.term)}</strong>: ${escapeHtml(entry.definition)} ` +
      `<a href="${escapeHtml(labels.href(entry.slug))}"${Object.entries(labels.linkLang ?? {}).map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`).join('')}>${escapeHtml(labels.more)}</a></span></span>`
    );
  };

  return {
    mark(parts, { pageTitle }) {
      if (!regex) return [...parts];
      const title = normal(pageTitle);
      // A term that names the page itself (or is all of a "Causes: X" title's X) is the page's subject: not marked there.
      const subject = (entry: GlossaryEntry) => [entry.term, ...entry.synonyms].some((w) => { const n = normal(w); return title === n || title.endsWith(`: ${n}`); });
      const used = new Set<string>();
      return parts.map((html) => {
        const tokens = html.split(/(<[^>]*>)/);
        let skipping = 0;
        for (let i = 0; i < tokens.length; i++) {
          const token = tokens[i]!;
          if (token.startsWith('<')) {
            const tag = /^<\s*(\/?)\s*([a-zA-Z0-9]+)/.exec(token);
            if (tag && SKIP.has(tag[2]!.toLowerCase()) && !token.endsWith('/>')) skipping += tag[1] ? -1 : 1;
            if (skipping < 0) skipping = 0;
            continue;
          }
          if (skipping || !token.trim()) continue;
          tokens[i] = token.replace(regex, (match) => {
            const entry = byWord.get(normal(decode(match)));
            if (!entry || used.has(entry.slug) || subject(entry)) return match;
            used.add(entry.slug);
            return widget(match, entry);
          });
        }
        return tokens.join('');
      });
    },
  };
}
