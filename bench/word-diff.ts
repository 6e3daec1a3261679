/**
 * `npm run bench:diff`: the revision word diff (src/editing/word-diff.ts, on
 * jsdiff) against the hand-written Myers diff it replaced (kept below, only
 * here, as the baseline), on a ~40 KB page text built from the demo content,
 * in the same process, same inputs, alternating runs.
 *
 *   BENCH_RUNS=30   timed diffs per case and implementation (median and p95 printed)
 *
 * Cases: a small edit (a few words and a sentence), an editing session (2% of
 * words reworded, a paragraph added, one removed, one moved), a heavy rewrite
 * (a third of the paragraphs reworded), a complete replacement (every word
 * changed) and the same as one 40 KB line (worst case: the word diff runs into
 * its 2000-edit cap). Numbers, not assertions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { wordDiff } from '../src/editing/word-diff.js';
import { seededRandom } from '../src/search/synthetic-directory.js';
import { packageRoot } from '../src/web/package-root.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 30));
const TARGET_CHARS = 40_000;

/** The demo pages, front matter and body, one after another, then again with each page's paragraphs reversed, to ~40 KB. */
function pageText(): string {
  const dir = join(packageRoot(), 'content', 'pages');
  const pages = readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  const paragraphs: string[] = [];
  for (const round of [0, 1, 2]) {
    for (const page of pages) {
      const ps = page.split(/\n{2,}/).filter((p) => p.trim());
      paragraphs.push(...(round % 2 ? ps.reverse() : ps));
    }
  }
  let text = '';
  for (const p of paragraphs) {
    if (text.length >= TARGET_CHARS) break;
    text += `${p.trim()}\n\n`;
  }
  return text;
}

const SWAPS = ['thick', 'cold', 'patients', 'often', 'may', 'studies', 'the', 'rarely', 'skin', 'hands', 'years', 'doctors'];

/** Rewords a share of the words of the chosen paragraphs, deterministically. */
function reword(paragraph: string, share: number, random: () => number): string {
  return paragraph.replace(/\p{L}+/gu, (w) => (random() < share ? SWAPS[Math.floor(random() * SWAPS.length)]! : w));
}

function edited(text: string, seed: number, kind: 'small' | 'session' | 'heavy'): string {
  const random = seededRandom(seed);
  const ps = text.split('\n\n').filter(Boolean);
  if (kind === 'small') {
    const i = Math.floor(ps.length / 2);
    ps[i] = reword(ps[i]!, 0.15, random);
    ps[i + 1] = `${ps[i + 1]} One more sentence written while editing.`;
  } else if (kind === 'session') {
    for (let i = 0; i < ps.length; i++) ps[i] = reword(ps[i]!, 0.02, random);
    ps.splice(Math.floor(ps.length / 3), 0, 'A new paragraph added in this session, about cold hands and what helps.');
    ps.splice(Math.floor(ps.length / 2), 1);
    const [moved] = ps.splice(Math.floor(ps.length * 0.8), 1);
    ps.splice(Math.floor(ps.length * 0.1), 0, moved!);
  } else {
    for (let i = 0; i < ps.length; i++) if (random() < 0.33) ps[i] = reword(ps[i]!, 0.3, random);
  }
  return `${ps.join('\n\n')}\n\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

type Impl = (a: string, b: string) => DiffPart[];

function check(name: string, impl: Impl, a: string, b: string): DiffPart[] {
  const parts = impl(a, b);
  const oldSide = parts.filter((p) => p.type !== 'ins').map((p) => p.text).join('');
  const newSide = parts.filter((p) => p.type !== 'del').map((p) => p.text).join('');
  if (oldSide !== a || newSide !== b) throw new Error(`${name} does not rebuild both texts`);
  return parts;
}

function main(): void {
  const base = pageText();
  const others = pageText().split('\n\n').reverse().map((p) => reword(p, 1, seededRandom(7))).join('\n\n');
  const cases: Array<[string, string, string]> = [
    ['small edit', base, edited(base, 1, 'small')],
    ['editing session', base, edited(base, 2, 'session')],
    ['heavy rewrite', base, edited(base, 3, 'heavy')],
    ['complete replacement', base, others],
    // One 40 KB paragraph with every word changed: no line matches, the word diff runs into its cap.
    ['one-line replacement', base.replace(/\s+/g, ' '), others.replace(/\s+/g, ' ')],
  ];

  console.log(`word diff of a ${(base.length / 1000).toFixed(1)} KB page text (demo content), ${RUNS} runs each, Node ${process.version}`);
  console.log(`${'case'.padEnd(22)} ${'hand-written (before)'.padStart(24)} ${'jsdiff (after)'.padStart(24)}   changes before / after`);
  for (const [name, a, b] of cases) {
    const impls: Array<[string, Impl]> = [['hand-written', handWrittenWordDiff], ['jsdiff', wordDiff]];
    const changes = impls.map(([n, impl]) => check(n, impl, a, b).filter((p) => p.type !== 'same').length);
    for (const [, impl] of impls) impl(a, b); // warm up
    const samples: number[][] = [[], []];
    for (let r = 0; r < RUNS; r++) {
      impls.forEach(([, impl], i) => {
        const start = performance.now();
        impl(a, b);
        samples[i]!.push(performance.now() - start);
      });
    }
    const cell = (xs: number[]) => `${median(xs).toFixed(2)} ms (p95 ${p95(xs).toFixed(2)})`.padStart(24);
    console.log(`${name.padEnd(22)} ${cell(samples[0]!)} ${cell(samples[1]!)}   ${changes[0]} / ${changes[1]}`);
  }
}

// ---------------------------------------------------------------------------
// The baseline: the hand-written implementation as it was before jsdiff
// (src/editing/word-diff.ts at commit 08cbd78), unchanged but for names.

interface DiffPart {
  type: 'same' | 'ins' | 'del';
  text: string;
}

const MAX_EDITS = 2000;

function handWrittenWordDiff(oldText: string, newText: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const lineOps = diffSequences(oldLines, newLines);
  for (let i = 0; i < lineOps.length; i++) {
    const op = lineOps[i]!;
    if (op.type === 'same') {
      push(parts, 'same', op.items.join(''));
      continue;
    }
    const next = lineOps[i + 1];
    if (op.type === 'del' && next?.type === 'ins') {
      for (const w of diffSequences(tokens(op.items.join('')), tokens(next.items.join('')))) push(parts, w.type, w.items.join(''));
      i++;
    } else {
      push(parts, op.type, op.items.join(''));
    }
  }
  return tidy(parts);
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}’'-]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

function push(parts: DiffPart[], type: DiffPart['type'], text: string): void {
  if (!text) return;
  const last = parts.at(-1);
  if (last?.type === type) last.text += text;
  else parts.push({ type, text });
}

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

interface SeqOp<T> {
  type: DiffPart['type'];
  items: T[];
}

function diffSequences<T>(a: T[], b: T[]): Array<SeqOp<T>> {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Array<SeqOp<T>> = [];
  const add = (type: DiffPart['type'], item: T) => {
    const last = ops.at(-1);
    if (last?.type === type) last.items.push(item);
    else ops.push({ type, items: [item] });
  };
  for (let i = 0; i < start; i++) add('same', a[i]!);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  for (const step of middle(midA, midB)) add(step.type, step.item);
  for (let i = endA; i < a.length; i++) add('same', a[i]!);
  return ops;
}

function middle<T>(a: T[], b: T[]): Array<{ type: DiffPart['type']; item: T }> {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((item) => ({ type: 'ins' as const, item }));
  if (m === 0) return a.map((item) => ({ type: 'del' as const, item }));
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    return [...a.map((item) => ({ type: 'del' as const, item })), ...b.map((item) => ({ type: 'ins' as const, item }))];
  }
  const steps: Array<{ type: DiffPart['type']; item: T }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const at = (k: number) => prev[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      steps.push({ type: 'same', item: a[--x]! });
      y--;
    }
    if (x === prevX) steps.push({ type: 'ins', item: b[--y]! });
    else steps.push({ type: 'del', item: a[--x]! });
  }
  while (x > 0 && y > 0) {
    steps.push({ type: 'same', item: a[--x]! });
    y--;
  }
  return steps.reverse();
}

// Last: the baseline above uses constants that must be initialised first.
main();
