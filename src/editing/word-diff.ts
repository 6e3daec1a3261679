import { type ChangeObject, Diff, diffLines } from 'diff';

/** One run of a diff: text both sides share, or text only the new (ins) or old (del) side has. */
export interface DiffPart {
  type: 'same' | 'ins' | 'del';
  text: string;
}

// Beyond this many edits between two sequences the difference is shown as a plain replacement.
const MAX_EDITS = 2000;
// jsdiff's Myers diff is several times slower than a typed-array one (npm run bench:diff):
// a few ms for a real page (the demo's longest is 2 KB), but about half a second for a
// 40 KB page rewritten from end to end. Past this budget the changed stretches left are
// shown as plain replacements, so no diff holds the server up for long.
const TIME_BUDGET_MS = 250;

/**
 * Word tokens: words (with inner apostrophes and hyphens: Raynaud’s, well-known),
 * numbers (2.5), single punctuation marks, runs of spaces, and each line break.
 * Whitespace is a token of its own (jsdiff's diffWords compares words ignoring
 * it) so both texts can be rebuilt exactly from the parts.
 */
const TOKEN = /\n|[^\S\n]+|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
// Scripts written without spaces between words.
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

class WordDiff extends Diff<string, string> {
  // Unicode word segmentation (ICU) finds the words of Chinese, Japanese or Thai text. Only
  // such runs go through it: V8's segmenter slows down sharply on long strings (about
  // 0.5 s for 40 KB of text on Node 20, where the regular expression takes 10 ms).
  readonly #segmenter = new Intl.Segmenter('en', { granularity: 'word' });

  override tokenize(value: string): string[] {
    const tokens: string[] = [];
    for (const token of value.match(TOKEN) ?? []) {
      if (UNSPACED.test(token)) for (const s of this.#segmenter.segment(token)) tokens.push(s.segment);
      else tokens.push(token);
    }
    return tokens;
  }
}

const words = new WordDiff();

/**
 * A readable word-level diff: lines are matched first (so a moved paragraph
 * costs little), then the words of each changed stretch of lines are diffed.
 * Joining the 'same' and 'del' parts gives the old text; 'same' and 'ins' the new.
 */
export function wordDiff(oldText: string, newText: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const deadline = Date.now() + TIME_BUDGET_MS;
  const limits = () => ({ maxEditLength: MAX_EDITS, timeout: deadline - Date.now() });
  const lineChanges = diffLines(oldText, newText, limits()) ?? replacement(oldText, newText);
  for (let i = 0; i < lineChanges.length; i++) {
    const change = lineChanges[i]!;
    const next = lineChanges[i + 1];
    // A deletion next to an insertion is a changed stretch: diff it word by word.
    if (change.removed && next?.added) {
      const wordChanges = (Date.now() < deadline && words.diff(change.value, next.value, limits())) || replacement(change.value, next.value);
      for (const w of wordChanges) push(parts, kind(w), w.value);
      i++;
    } else {
      push(parts, kind(change), change.value);
    }
  }
  return tidy(parts);
}

/** Whether two texts differ at all (cheaper than a diff when only the answer matters). */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.type !== 'same');
}

/** Too different to be worth aligning: old out, new in. */
function replacement(oldText: string, newText: string): Array<ChangeObject<string>> {
  return [
    { value: oldText, removed: true, added: false, count: 1 },
    { value: newText, removed: false, added: true, count: 1 },
  ];
}

function kind(change: ChangeObject<string>): DiffPart['type'] {
  return change.added ? 'ins' : change.removed ? 'del' : 'same';
}

function push(parts: DiffPart[], type: DiffPart['type'], text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last?.type === type) last.text += text;
  else parts.push({ type, text });
}

/**
 * Readability pass: a change is shown as "old, then new"; and when only spaces
 * separate two changes they become one ("<del>a b</del><ins>c d</ins>", not four pieces).
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  type Group = { same: string } | { del: string; ins: string };
  const groups: Group[] = [];
  for (const p of parts) {
    const last = groups.at(-1);
    if (p.type === 'same') {
      groups.push({ same: p.text });
    } else if (last && 'del' in last) {
      last[p.type] += p.text;
    } else {
      groups.push({ del: '', ins: '', [p.type]: p.text } as Group);
    }
    // change, spaces, change → one change holding the spaces on both sides.
    const [a, b, c] = groups.slice(-3);
    if (a && b && c && 'del' in a && 'same' in b && /^[ \t]+$/.test(b.same) && 'del' in c) {
      groups.splice(-3, 3, { del: a.del + b.same + c.del, ins: a.ins + b.same + c.ins });
    }
  }
  const out: DiffPart[] = [];
  for (const g of groups) {
    if ('same' in g) push(out, 'same', g.same);
    else {
      push(out, 'del', g.del);
      push(out, 'ins', g.ins);
    }
  }
  return out;
}
