/** One run of a diff: text both sides share, or text only the new (ins) or old (del) side has. */
export interface DiffPart {
  type: 'same' | 'ins' | 'del';
  text: string;
}

// Beyond this many edits between two sequences the difference is shown as a plain replacement.
const MAX_EDITS = 2000;

/**
 * A readable word-level diff: lines are matched first (so a moved paragraph
 * costs little), then the words of each changed stretch of lines are diffed.
 * Joining the 'same' and 'del' parts gives the old text; 'same' and 'ins' the new.
 */
export function wordDiff(oldText: string, newText: string): DiffPart[] {
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
    // A deletion next to an insertion is a changed stretch: diff it word by word.
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

/** Whether two texts differ at all (cheaper than a diff when only the answer matters). */
export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((p) => p.type !== 'same');
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Words, runs of whitespace and single punctuation marks, so "skin," → "skin" + ",". */
function tokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}’'-]+|[^\s\p{L}\p{N}]/gu) ?? [];
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

interface SeqOp<T> {
  type: DiffPart['type'];
  items: T[];
}

/** Myers' O(ND) shortest edit script between two sequences, common ends trimmed first. */
export function diffSequences<T>(a: T[], b: T[]): Array<SeqOp<T>> {
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
    // Too different to be worth aligning: old out, new in.
    return [...a.map((item) => ({ type: 'del' as const, item })), ...b.map((item) => ({ type: 'ins' as const, item }))];
  }
  // Walk the trace back from the end to recover the path.
  const steps: Array<{ type: DiffPart['type']; item: T }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!; // v as it was before step d, indexed from k = -d - 1
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
