import { describe, expect, it } from 'vitest';
import { idSpans } from './postgres-backend.js';

/** The spans a tsquery names, as [width, number]. */
const named = (query: string) => query.split(' | ').map((s) => s.replace(/'/g, '').slice(1).split('.').map(Number) as [number, number]);

describe('the id spans a search among the newest documents names (idSpans)', () => {
  it('names spans of 4,096 ids in a small directory, from the one holding the first id to one past the newest', () => {
    expect(idSpans(100, 5000)).toBe("'~12.0' | '~12.1' | '~12.2'");
  });

  it('names a few wide spans rather than many narrow ones in a large directory', () => {
    // 300,000 ids: spans of 65,536, the widest of which it still takes four.
    expect(idSpans(1_000_000, 1_300_000)).toBe(["'~16.15'", "'~16.16'", "'~16.17'", "'~16.18'", "'~16.19'", "'~16.20'"].join(' | '));
  });

  it('covers every id above the first and up to the newest, whatever the range', () => {
    for (const [above, newest] of [[0, 1], [4095, 4096], [123_456, 987_654], [2_000_000, 2_000_100], [0, 5_000_000]] as const) {
      const spans = named(idSpans(above, newest));
      const width = spans[0]![0];
      expect(spans.every(([w]) => w === width)).toBe(true);
      expect(spans.length).toBeLessThanOrEqual(17);
      const numbers = new Set(spans.map(([, n]) => n));
      for (const id of [above + 1, Math.ceil((above + newest) / 2), newest]) expect(numbers.has(id >> width)).toBe(true);
    }
  });
});
