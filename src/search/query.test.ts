import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TermInfo } from './backend.js';
import { tsQuery } from './postgres-backend.js';
import { MAX_QUERY_CHARS, MAX_QUERY_WORDS, correctedText, expressionFor, likelyMatches, parseQuery, scanFor, spanFor } from './query.js';
import { ftsQuery } from './sqlite-backend.js';
import { SynonymTable } from './synonyms.js';

const synonyms = new SynonymTable([
  { group_id: 1, term: 'SSc' },
  { group_id: 1, term: 'systemic sclerosis' },
  { group_id: 1, term: 'scleroderma' },
]);
const everywhere = (terms: string[]) => new Map<string, TermInfo>(terms.map((t) => [t, { term: t, display: t, pageDocs: 1, entryDocs: 1 }]));

describe('parseQuery', () => {
  it('turns words into groups with their synonyms', () => {
    const q = parseQuery('SSc lung', synonyms);
    expect(q.groups.map((g) => g.alternatives.map((a) => `${a.tier}:${a.terms.join('+')}`))).toEqual([
      ['0:ssc', '1:systemic+sclerosis', '1:scleroderma'],
      ['0:lung'],
    ]);
  });

  it('keeps where each word stood, to rewrite the query for "Did you mean"', () => {
    const q = parseQuery('What is sclerodema?', null);
    q.groups[0]!.correction = { term: 'scleroderma', display: 'scleroderma', pageDocs: 3, entryDocs: 9 };
    expect(correctedText(q)).toBe('What is scleroderma?');
  });

  it('uses the first 200 characters and 10 words of a long query, and says so', () => {
    const long = parseQuery('lung '.repeat(400), null);
    expect(long.shortened).toBe(true);
    expect(long.text.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    const many = parseQuery(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' '), null);
    expect(many.groups).toHaveLength(MAX_QUERY_WORDS);
    expect(many.shortened).toBe(true);
  });

  it('reads query syntax as plain words: quotes, stars, carets, columns, parentheses, NEAR, AND/OR/NOT', () => {
    const words = (text: string) => parseQuery(text, null).groups.map((g) => g.terms.join(' ')).sort();
    for (const text of ['"mercury" OR kallikrein* NEAR(title)', 'title:mercury ^kallikrein NOT near', '((mercury AND kallikrein) near) {title}', '-mercury +kallikrein near: title!']) {
      expect(words(text)).toEqual(['kallikrein', 'mercury', 'near', 'title']);
    }
  });

  it('never lets anything but quoted terms of letters and digits into FTS5 or to_tsquery text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const q = parseQuery(text, synonyms);
        const counts = everywhere(q.groups.flatMap((g) => g.alternatives.flatMap((a) => a.terms)));
        const expression = expressionFor(q, 2, 'entry', counts);
        if (!expression) return;
        expect(ftsQuery(expression)).toMatch(/^(?:[() ]|AND|OR|"[\p{L}\p{N}\p{M}]+")+$/u);
        expect(tsQuery(expression)).toMatch(/^[()&| \p{L}\p{N}\p{M}]+$/u);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('how a newest-first match is read (scanFor)', () => {
  // Entry scope: 100,000 digests.
  const counts = (entries: Record<string, number>) =>
    new Map<string, TermInfo>(Object.entries({ '': 100_000, ...entries }).map(([t, n]) => [t, { term: t, display: t, pageDocs: 0, entryDocs: n }]));

  it('knows a single word exactly, and two words between chance and the rarer word', () => {
    const c = counts({ cell: 3000, lung: 20_000 });
    expect(likelyMatches([[['cell']]], 'entry', c)).toBeCloseTo(3000);
    const both = likelyMatches([[['cell']], [['lung']]], 'entry', c)!;
    expect(both).toBeGreaterThan((3000 * 20_000) / 100_000);
    expect(both).toBeLessThan(3000);
    // An index from before the documents were counted: unknown, and the database's planner chooses.
    expect(likelyMatches([[['cell']]], 'entry', new Map())).toBeNull();
    // The words of one alternative are a phrase (a synonym, "TGF-β"): as common as its rarer word.
    expect(likelyMatches([[['cell', 'lung']]], 'entry', c)).toBeCloseTo(3000);
    expect(scanFor([[['cell']]], 'entry', new Map(), 60)).toBeUndefined();
  });

  it('reads newest first when most documents match, and collects the matches when few do', () => {
    const c = counts({ still: 89_000, hormone: 300, mosaicism: 97_000, dcssc: 270, diffuse: 180, cutaneous: 100 });
    expect(scanFor([[['still']]], 'entry', c, 60)).toBe('newest-first');
    expect(scanFor([[['mosaicism']]], 'entry', c, 60)).toBe('newest-first');
    // The planner's bad case: two words, one common, found together in few documents.
    expect(scanFor([[['hormone']], [['mosaicism']]], 'entry', c, 60)).toBe('all-matches');
    // A synonym group whose long alternatives are rare together.
    expect(scanFor([[['dcssc'], ['diffuse', 'cutaneous']]], 'entry', c, 60)).toBe('all-matches');
  });

  it('counts the digests a newest-first walk passes when it looks for pages (one table holds both)', () => {
    // 22,500 page documents beside 100,000 digests; "race" in 850 pages.
    const c = new Map<string, TermInfo>([
      ['', { term: '', display: '', pageDocs: 22_500, entryDocs: 100_000 }],
      ['race', { term: 'race', display: 'race', pageDocs: 850, entryDocs: 24_000 }],
    ]);
    // Among pages alone, 60 of 850 would turn up within 1,600 rows; among every document, only after 8,600.
    expect(scanFor([[['race']]], 'page', c, 60)).toBe('all-matches');
    expect(scanFor([[['race']]], 'entry', c, 60)).toBe('newest-first');
  });

  it('looks among the newest ids when a word is in too few documents to read newest first and too many to collect', () => {
    const c = new Map<string, TermInfo>([
      ['', { term: '', display: '', pageDocs: 225_000, entryDocs: 1_000_000 }],
      ['infected', { term: 'infected', display: 'infected', pageDocs: 300, entryDocs: 8_000 }],
      ['hormone', { term: 'hormone', display: 'hormone', pageDocs: 3, entryDocs: 100 }],
      ['mosaicism', { term: 'mosaicism', display: 'mosaicism', pageDocs: 200_000, entryDocs: 970_000 }],
    ]);
    const ids = { min: 1, max: 1_300_000 };
    // In 8,000 of 1,225,000 documents: newest first reads about 9,200 rows, collecting 8,000 matches costs twice as much.
    const expression = [[['infected']]];
    expect(scanFor(expression, 'entry', c, 60)).toBe('newest-first'); // without the id range
    expect(scanFor(expression, 'entry', c, 60, ids)).toBe('newest-span');
    // The span is sized to hold four times the limit of the likely matches: the newest share of the ids.
    expect(spanFor(expression, 'entry', c, 60, ids, 'newest-span')).toEqual({ above: 1_300_000 - Math.ceil((240 / 8_000) * 1_300_000), newest: 1_300_000 });
    // Reading newest first stops where three times the limit likely are.
    expect(spanFor([[['mosaicism']]], 'entry', c, 60, ids, 'newest-first')).toEqual({ above: 1_300_000 - Math.ceil((180 / 970_000) * 1_300_000), newest: 1_300_000 });
    // Most documents match: newest first still reads least.
    expect(scanFor([[['mosaicism']]], 'entry', c, 60, ids)).toBe('newest-first');
    // Likely fewer together than a span would need to hold: collect them.
    expect(scanFor([[['hormone']], [['mosaicism']]], 'entry', c, 60, ids)).toBe('all-matches');
  });
});
