import { ownValue } from '../web/known-key.js';

/**
 * Turns one citeproc-js HTML bibliography entry into a safe inline fragment:
 * wrappers removed, only CSL's inline formatting kept, all text re-escaped.
 * Why: citeproc passes "micro-HTML" from titles and names through, and its
 * wrappers are <div>s that are invalid inside a paragraph or list item.
 */

// citeproc's inline formatting → the only tags we emit. Everything else is dropped, its text kept.
const KEPT_TAGS = new Set(['i', 'b', 'sup', 'sub']);
const SMALL_CAPS = /font-variant\s*:\s*small-caps/i;
const TAG_OR_TEXT = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)\/?>|([^<]+)|(<)/g;

type OpenTag = 'i' | 'b' | 'sup' | 'sub' | 'small-caps' | 'dropped';

/** Sanitises one entry: no <div>, no attributes except our small-caps class, balanced tags, escaped text. */
export function sanitizeEntryHtml(entryHtml: string): string {
  // Vancouver puts the reference number of a one-item bibliography ("1.") in a margin <div>; the page numbers its own list.
  const withoutNumber = entryHtml.replace(/<div class="csl-left-margin">[\s\S]*?<\/div>/g, '');
  const out: string[] = [];
  const open: OpenTag[] = [];

  for (const match of withoutNumber.matchAll(TAG_OR_TEXT)) {
    const [, closing, rawName, attributes = '', textRun, strayLessThan] = match;
    if (textRun !== undefined || strayLessThan !== undefined) {
      out.push(escapeHtml(decodeEntities(textRun ?? '<')));
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    if (closing) closeTag(name, open, out);
    else openTag(name, attributes, open, out);
  }
  while (open.length > 0) out.push(closingMarkup(open.pop()));
  return out.join('').replace(/[ \t\r\n]+/g, ' ').trim(); // not \s: keep no-break spaces
}

function openTag(name: string, attributes: string, open: OpenTag[], out: string[]): void {
  if (KEPT_TAGS.has(name)) {
    open.push(name as OpenTag);
    out.push(`<${name}>`);
  } else if (name === 'span') {
    const kind: OpenTag = SMALL_CAPS.test(attributes) ? 'small-caps' : 'dropped';
    open.push(kind);
    if (kind === 'small-caps') out.push('<span class="cite-smallcaps">');
  }
  // Any other tag (div, a, script, br…) is dropped; its text content stays.
}

function closeTag(name: string, open: OpenTag[], out: string[]): void {
  const matches = (tag: OpenTag) => (name === 'span' ? tag === 'small-caps' || tag === 'dropped' : tag === name);
  const index = open.findLastIndex(matches);
  if (index === -1) return; // a closing tag nothing opened: drop it
  while (open.length > index) out.push(closingMarkup(open.pop()));
}

function closingMarkup(tag: OpenTag | undefined): string {
  if (tag === undefined || tag === 'dropped') return '';
  return tag === 'small-caps' ? '</span>' : `</${tag}>`;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities citeproc emits (&#38; &#60; &amp; …); unknown ones stay as literal text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ownValue(NAMED_ENTITIES, body.toLowerCase()) ?? entity;
  });
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Plain text of a sanitised fragment. */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}
