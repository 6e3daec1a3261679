import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, hasChanges, wordDiff } from './word-diff.js';

const oldSide = (parts: ReturnType<typeof wordDiff>) => parts.filter((p) => p.type !== 'ins').map((p) => p.text).join('');
const newSide = (parts: ReturnType<typeof wordDiff>) => parts.filter((p) => p.type !== 'del').map((p) => p.text).join('');

describe('wordDiff', () => {
  it('marks a changed word, not the whole line', () => {
    expect(wordDiff('Cold hands can turn white.\n', 'Cold hands can turn blue.\n')).toEqual([
      { type: 'same', text: 'Cold hands can turn ' },
      { type: 'del', text: 'white' },
      { type: 'ins', text: 'blue' },
      { type: 'same', text: '.\n' },
    ]);
  });

  it('keeps untouched paragraphs whole and shows an added paragraph as one insertion', () => {
    const parts = wordDiff('First.\n\nSecond.\n', 'First.\n\nNew one.\n\nSecond.\n');
    expect(parts).toEqual([
      { type: 'same', text: 'First.\n\n' },
      { type: 'ins', text: 'New one.\n\n' },
      { type: 'same', text: 'Second.\n' },
    ]);
  });

  it('joins changes separated only by spaces into one readable change', () => {
    expect(wordDiff('a b c d', 'a x y d')).toEqual([
      { type: 'same', text: 'a ' },
      { type: 'del', text: 'b c' },
      { type: 'ins', text: 'x y' },
      { type: 'same', text: ' d' },
    ]);
  });

  it('finds no change between equal texts', () => {
    expect(hasChanges(wordDiff('same text\n', 'same text\n'))).toBe(false);
    expect(hasChanges(wordDiff('same text\n', 'same text!\n'))).toBe(true);
  });

  it('always rebuilds both texts exactly', () => {
    const word = fc.constantFrom('skin', 'hands', 'cold', 'the', 'Raynaud’s', ',', '.', ' ', '\n', '\n\n', '[[Link]]', 'é');
    const text = fc.array(word, { maxLength: 60 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = wordDiff(a, b);
        expect(oldSide(parts)).toBe(a);
        expect(newSide(parts)).toBe(b);
        // Never two runs of the same kind in a row.
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.type).not.toBe(parts[i - 1]!.type);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a shortest edit script', () => {
    const ops = diffSequences('abcabba'.split(''), 'cbabac'.split(''));
    const edits = ops.filter((o) => o.type !== 'same').reduce((n, o) => n + o.items.length, 0);
    expect(edits).toBe(5); // Myers (1986), figure 1: D = 5.
  });

  it('handles a large rewrite without running away', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `alpha${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `beta${i}`).join(' ');
    const parts = wordDiff(a, b);
    expect(oldSide(parts)).toBe(a);
    expect(newSide(parts)).toBe(b);
  });
});
