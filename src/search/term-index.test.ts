import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermInfo } from './backend.js';
import { editDistance } from './edit-distance.js';
import { TermIndex } from './term-index.js';

const info = (term: string, uses = 1): TermInfo => ({ term, display: term, pageDocs: 0, entryDocs: uses });

describe('TermIndex (the vocabulary in memory)', () => {
  it('finds typo neighbours, nearest and most used first', async () => {
    const index = new TermIndex([info('scleroderma', 50), info('sclerosis', 40), info('sclerodactyly', 3), info('lung', 9)]);
    expect((await index.near('sclerodema', 2, 5)).map((t) => t.term)).toEqual(['scleroderma']);
    expect((await index.near('lunh', 1, 5)).map((t) => t.term)).toEqual(['lung']);
  });

  it('counts every document under the empty term, which is no word to complete or correct to', async () => {
    const index = new TermIndex([{ term: '', display: '', pageDocs: 7, entryDocs: 90 }, info('a', 3), info('ab', 2)]);
    expect((await index.counts(['', 'a'])).get('')).toMatchObject({ pageDocs: 7, entryDocs: 90 });
    expect((await index.withPrefix('', 10)).map((t) => t.term)).toEqual(['a', 'ab']);
    expect((await index.near('b', 1, 10)).map((t) => t.term)).toEqual(['a', 'ab']);
    expect(index.size).toBe(2);
  });

  it('completes prefixes, most used first', async () => {
    const index = new TermIndex([info('sclerosis', 40), info('scleroderma', 50), info('scar', 9), info('sclerodactyly', 3)]);
    expect((await index.withPrefix('scler', 2)).map((t) => t.term)).toEqual(['scleroderma', 'sclerosis']);
    expect(await index.withPrefix('zz', 5)).toEqual([]);
  });

  it('misses no neighbour a full scan would find (property: the trigram filter is lossless)', async () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'e', 'l', 'r', 's', 'n'), minLength: 3, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(word, { maxLength: 60 }), word, fc.integer({ min: 1, max: 2 }), async (vocabulary, query, max) => {
        const index = new TermIndex(vocabulary.map((t) => info(t)));
        const expected = vocabulary.filter((t) => t !== query && editDistance(query, t, max) <= max).sort();
        expect((await index.near(query, max, 1000)).map((t) => t.term).sort()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
