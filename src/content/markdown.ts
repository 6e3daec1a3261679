import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { slugify } from '../directory/slug.js';
import { normaliseCitationKey } from './inline.js';
import { isSafeLink } from './links.js';

/** What the renderer needs to know about the page it renders for. */
export interface RenderContext {
  /**
   * Where a [[link]] goes; wanted pages get a distinct class. A null href (a
   * wanted page shown to a reader) makes the link plain text: nothing to follow.
   */
  resolveLink(targetSlug: string): { href: string | null; wanted: boolean };
  /**
   * The reference number and fragment of a [@key] on this page, or null if
   * unknown; `id` names this marker, so the reference can link back to it.
   */
  citation(key: string): { number: number; anchor: string; id?: string } | null;
  /** The fragment of footnote N, or null if the page has no such footnote. */
  footnote(n: number): string | null;
  /** The words the renderer adds, in the reader's language (English when omitted: the editor's tools). */
  words?: MarkdownWords;
}

/** Text the renderer writes around the author's Markdown. */
export interface MarkdownWords {
  /** After a link to a page nobody has written yet, starting with a space. */
  wantedNote: string;
  unknownCitation(key: string): string;
  /** Screen-reader name of reference link [n]. */
  reference(n: number): string;
  footnote(n: number): string;
}

const ENGLISH_WORDS: MarkdownWords = {
  wantedNote: ' (page not written yet)',
  unknownCitation: (key) => `[unknown citation ${key}]`,
  reference: (n) => `Reference ${n}`,
  footnote: (n) => `Footnote ${n}`,
};
const wordsOf = (env: unknown) => (env as RenderContext).words ?? ENGLISH_WORDS;

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'a', 'em', 'strong', 'ul', 'ol', 'li', 'code', 'blockquote', 'sup', 'br', 'span'],
  allowedAttributes: { a: ['href', 'id', 'class', 'title', 'aria-label'], span: ['class'], sup: ['class'] },
  allowedClasses: { a: ['wanted', 'cite-ref', 'footnote-ref'], span: ['wanted', 'wanted-note'], sup: ['ref'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

/**
 * Markdown with the directory's inline syntax, rendered to sanitised HTML.
 * Raw HTML in the source is escaped, not passed through; the sanitiser is a
 * second wall in case a plugin or rule ever lets something through.
 */
type InlineRule = Parameters<InstanceType<typeof MarkdownIt>['inline']['ruler']['push']>[1];

export function createMarkdownRenderer() {
  // No typographer: it would turn a reader's typed quotes (5'10"), "--" and "(c)" into other characters.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image', 'heading', 'lheading', 'table', 'code', 'fence', 'hr', 'html_block', 'html_inline']);
  md.validateLink = (url) => isSafeLink(url);
  md.inline.ruler.before('link', 'wiki_link', wikiLinkRule);
  md.inline.ruler.before('link', 'citation', citationRule);
  md.inline.ruler.before('link', 'footnote_ref', footnoteRule);

  md.renderer.rules.wiki_link = (tokens, idx, _opts, env) => {
    const t = tokens[idx]!;
    const { href, wanted } = (env as unknown as RenderContext).resolveLink(slugify((t.meta as { target: string }).target));
    const label = md.utils.escapeHtml(t.content);
    if (href === null) return `<span class="wanted">${label}</span>`;
    return wanted
      ? `<a href="${md.utils.escapeHtml(href)}" class="wanted">${label}<span class="wanted-note">${md.utils.escapeHtml(wordsOf(env).wantedNote)}</span></a>`
      : `<a href="${md.utils.escapeHtml(href)}">${label}</a>`;
  };
  md.renderer.rules.citation = (tokens, idx, _opts, env) => {
    const key = tokens[idx]!.content;
    const ref = (env as unknown as RenderContext).citation(key);
    if (!ref) return `<span class="wanted-note">${md.utils.escapeHtml(wordsOf(env).unknownCitation(key))}</span>`;
    const id = ref.id ? ` id="${md.utils.escapeHtml(ref.id)}"` : '';
    return `<sup class="ref"><a href="#${ref.anchor}"${id} class="cite-ref" aria-label="${md.utils.escapeHtml(wordsOf(env).reference(ref.number))}">[${ref.number}]</a></sup>`;
  };
  md.renderer.rules.footnote_ref = (tokens, idx, _opts, env) => {
    const n = Number(tokens[idx]!.content);
    const anchor = (env as unknown as RenderContext).footnote(n);
    if (!anchor) return `[^${n}]`;
    return `<sup class="ref"><a href="#${anchor}" class="footnote-ref" aria-label="${md.utils.escapeHtml(wordsOf(env).footnote(n))}">${n}</a></sup>`;
  };

  return {
    /** Block Markdown (paragraphs, lists) to safe HTML. */
    render(source: string, context: RenderContext): string {
      return sanitizeHtml(md.render(source, context as never), ALLOWED);
    },
    /** One line of Markdown without the wrapping paragraph. */
    renderInline(source: string, context: RenderContext): string {
      return sanitizeHtml(md.renderInline(source, context as never), ALLOWED);
    },
  };
}
export type MarkdownRenderer = ReturnType<typeof createMarkdownRenderer>;

const wikiLinkRule: InlineRule = (state, silent) => {
  if (!state.src.startsWith('[[', state.pos)) return false;
  const m = /^\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]/.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) {
    const token = state.push('wiki_link', '', 0);
    token.meta = { target: m[1]!.trim() };
    token.content = (m[2] ?? m[1]!).trim();
  }
  state.pos += m[0].length;
  return true;
}

const citationRule: InlineRule = (state, silent) => {
  if (!state.src.startsWith('[@', state.pos)) return false;
  const m = /^\[@([A-Za-z0-9][A-Za-z0-9_:./;()\-]{0,299})\]/.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) state.push('citation', '', 0).content = normaliseCitationKey(m[1]!);
  state.pos += m[0].length;
  return true;
}

const footnoteRule: InlineRule = (state, silent) => {
  if (!state.src.startsWith('[^', state.pos)) return false;
  const m = /^\[\^(\d{1,3})\]/.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) state.push('footnote_ref', '', 0).content = m[1]!;
  state.pos += m[0].length;
  return true;
}
