import { describe, expect, it } from 'vitest';
import { highlight, snippet } from './snippet.js';

const marked = (segments: Array<{ text: string; mark: boolean }>) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('snippets', () => {
  it('marks every form of a matched term, as written', () => {
    expect(marked(highlight("Raynaud's and raynauds, not Raynaudx", new Set(['raynaud'])))).toBe("[Raynaud's] and [raynauds], not Raynaudx");
    expect(marked(highlight('TGFβ signalling', new Set(['beta'])))).toBe('[TGFβ] signalling');
  });

  it('keeps markup-looking text as text (views escape it)', () => {
    const segments = highlight('<script>alert(1)</script> lung', new Set(['lung']));
    expect(segments).toEqual([{ text: '<script>alert(1)</script> ', mark: false }, { text: 'lung', mark: true }]);
  });

  it('shows the part with the most matches, cut with ellipses', () => {
    const text = `${'filler '.repeat(60)}the lung and the heart ${'filler '.repeat(60)}`;
    const s = snippet(text, new Set(['lung', 'heart']));
    expect(s.matched).toBe(true);
    expect(marked(s.segments)).toMatch(/^… .*\[lung\] and the \[heart\].* …$/);
    expect(s.segments.map((x) => x.text).join('').length).toBeLessThan(300);
  });

  it('starts at the beginning when nothing matches', () => {
    expect(snippet('Plain words only.', new Set(['lung']))).toEqual({ segments: [{ text: 'Plain words only.', mark: false }], matched: false });
  });
});
