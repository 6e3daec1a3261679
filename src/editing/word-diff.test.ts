import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasChanges, wordDiff } from './word-diff.js';

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
    const word = fc.constantFrom('skin', 'hands', 'cold', 'the', 'Raynaud’s', ',', '.', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '[[Link]]', 'é', '疾病', '。', '2.5');
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

  it('marks a changed word inside a line of Chinese or Japanese, not the whole run of characters', () => {
    // No spaces between words: Unicode word segmentation finds them.
    const parts = wordDiff('硬皮病是一种自身免疫性疾病。\n', '硬皮病是一种慢性疾病。\n');
    expect(parts).toEqual([
      { type: 'same', text: '硬皮病是一种' },
      { type: 'del', text: '自身免疫性' },
      { type: 'ins', text: '慢性' },
      { type: 'same', text: '疾病。\n' },
    ]);
    expect(wordDiff('腎臓の検査を受けます。', '肺の検査を受けます。')[0]).toEqual({ type: 'del', text: '腎臓' });
  });

  it('shows a change of spacing, which the rendered page keeps, as a change', () => {
    const parts = wordDiff('Cold  hands.\n', 'Cold hands.\n');
    expect(hasChanges(parts)).toBe(true);
    expect(oldSide(parts)).toBe('Cold  hands.\n');
    expect(newSide(parts)).toBe('Cold hands.\n');
    // A line break added inside a paragraph is a change too.
    expect(hasChanges(wordDiff('Cold hands turn white.', 'Cold hands\nturn white.'))).toBe(true);
  });

  it('separates punctuation from the word it follows but keeps apostrophes and decimals inside words', () => {
    expect(wordDiff('See Raynaud’s, 2.5 mg.', 'See Raynaud’s; 2.5 mg.')).toEqual([
      { type: 'same', text: 'See Raynaud’s' },
      { type: 'del', text: ',' },
      { type: 'ins', text: ';' },
      { type: 'same', text: ' 2.5 mg.' },
    ]);
    expect(wordDiff('a dose of 2.5 mg', 'a dose of 2.25 mg')).toEqual([
      { type: 'same', text: 'a dose of ' },
      { type: 'del', text: '2.5' },
      { type: 'ins', text: '2.25' },
      { type: 'same', text: ' mg' },
    ]);
  });

  it('handles empty texts on either side', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'New.\n')).toEqual([{ type: 'ins', text: 'New.\n' }]);
    expect(wordDiff('Old.\n', '')).toEqual([{ type: 'del', text: 'Old.\n' }]);
  });

  it('keeps a small edit small in a long page', () => {
    const paragraph = (i: number) => `Paragraph ${i} says the skin can tighten and the hands can turn white in the cold.\n\n`;
    const before = Array.from({ length: 500 }, (_, i) => paragraph(i)).join('');
    const after = before.replace('Paragraph 250 says the skin', 'Paragraph 250 says the thick skin');
    const parts = wordDiff(before, after);
    expect(parts.filter((p) => p.type !== 'same')).toEqual([{ type: 'ins', text: 'thick ' }]);
    expect(oldSide(parts)).toBe(before);
    expect(newSide(parts)).toBe(after);
  });

  it('handles a large rewrite without running away', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `alpha${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `beta${i}`).join(' ');
    const parts = wordDiff(a, b);
    expect(oldSide(parts)).toBe(a);
    expect(newSide(parts)).toBe(b);
  });
});
