import type { Lang } from '../i18n/languages.js';
import { type TextWord, wordsWithOffsets } from './normalize.js';

/**
 * A piece of result text: plain, or a matched word to show in <mark>. Views
 * render segments as text nodes, so they are escaped like any other text:
 * no HTML is ever built from document or query text here.
 */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Content words (stop words do not count) shown around the matches. */
const SNIPPET_WORDS = 28;
/** Words kept before the first match of the window, for context. */
const LEAD_IN = 5;

/** The whole text with every word holding one of `terms` marked. */
export function highlight(text: string, terms: ReadonlySet<string>, lang: Lang = 'en'): Segment[] {
  return segmentsOf(text, 0, text.length, wordsWithOffsets(text, lang), terms);
}

/**
 * The part of `text` with the most matched words, about SNIPPET_WORDS words
 * long, with "…" where it was cut; `matched` says whether anything matched.
 */
export function snippet(text: string, terms: ReadonlySet<string>, lang: Lang = 'en'): { segments: Segment[]; matched: boolean } {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = wordsWithOffsets(flat, lang);
  if (!words.length) return { segments: flat ? [{ text: flat.slice(0, 300), mark: false }] : [], matched: false };
  const hits = words.map((w) => w.terms.some((t) => terms.has(t)));
  let best = 0;
  let bestCount = -1;
  for (let i = 0; i < words.length; i++) {
    if (!hits[i]) continue;
    let count = 0;
    for (let j = i; j < Math.min(words.length, i + SNIPPET_WORDS); j++) if (hits[j]) count++;
    if (count > bestCount) {
      bestCount = count;
      best = i;
    }
  }
  const matched = bestCount > 0;
  const first = matched ? Math.max(0, best - LEAD_IN) : 0;
  const last = Math.min(words.length, first + SNIPPET_WORDS) - 1;
  const start = first === 0 ? 0 : words[first]!.start;
  const end = last === words.length - 1 ? flat.length : words[last]!.end;
  // The words already found are the window's words: cutting at word edges changes no word.
  const segments = segmentsOf(flat, start, end, words.slice(first, last + 1), terms);
  if (start > 0) segments.unshift({ text: '… ', mark: false });
  if (end < flat.length) segments.push({ text: ' …', mark: false });
  return { segments: merge(segments), matched };
}

/** `text` from `start` to `end`, with its `words` (those of that stretch, positions in `text`) that hold a term marked. */
function segmentsOf(text: string, start: number, end: number, words: TextWord[], terms: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  let at = start;
  for (const w of words) {
    if (!w.terms.some((t) => terms.has(t))) continue;
    if (w.start > at) out.push({ text: text.slice(at, w.start), mark: false });
    out.push({ text: text.slice(w.start, w.end), mark: true });
    at = w.end;
  }
  if (at < end) out.push({ text: text.slice(at, end), mark: false });
  return merge(out);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && prev.mark === s.mark && !s.mark) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
