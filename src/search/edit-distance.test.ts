import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTypos, editDistance } from './edit-distance.js';

/** Plain optimal string alignment distance, without early exits: the reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('counts the slips readers make', () => {
    expect(editDistance('sclerodema', 'scleroderma', 2)).toBe(1);
    expect(editDistance('kallikrien', 'kallikrein', 2)).toBe(1); // swapped neighbours count once
    expect(editDistance('raynaud', 'reynaud', 2)).toBe(1);
    expect(editDistance('lupus', 'lupus', 1)).toBe(0);
  });

  it('agrees with the plain algorithm up to the bound, and says "more" beyond it (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const exact = reference(a, b);
        expect(editDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('allows no slip under 5 letters, one from 5, two from 8', () => {
    expect([allowedTypos('lung'), allowedTypos('lupus'), allowedTypos('sclerosi'), allowedTypos('scleroderma')]).toEqual([0, 1, 2, 2]);
  });
});
