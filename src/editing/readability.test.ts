import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { measureDigests, measurePage, measureText, plainText, sentencesOf } from './readability.js';

describe('syllable counts (the syllable package)', () => {
  // Dictionary syllable counts (Merriam-Webster divisions) for common and health words;
  // where dictionaries disagree, each count one of them gives.
  const known: Record<string, number | number[]> = {
    the: 1, cat: 1, cats: 1, skin: 1, blood: 1, heart: 1, years: 1, whole: 1, make: 1, makes: 1, liked: 1, used: 1,
    played: 1, free: 1, queue: 1, were: 1, there: 1, some: 1, have: 1,
    table: 2, tables: 2, simple: 2, little: 2, doctor: 2, cancer: 2, kidney: 2, study: 2, studies: 2, studied: 2, needed: 2,
    wanted: 2, pages: 2, boxes: 2, because: 2, yellow: 2, research: 2, treatment: 2, raynaud: 2, agreed: 2, people: 2,
    syllable: 3, beautiful: 3, serious: 3, previous: 3, medicine: 3, digestive: 3, actual: 3, calcium: 3, media: 3,
    earlier: 3, systemic: 3, arthritis: 3, careful: 2, created: 3,
    biology: 4, scleroderma: 4, medication: 4, inflammation: 4, hypertension: 4, situation: 4,
    autoimmune: [3, 4], // CMUdict: AO2 T OY1 M Y UW0 N (3); Merriam-Webster: au·to·im·mune (4)
    rheumatism: 4, continuous: 4, esophagus: 4, calcinosis: 4, pulmonary: 4,
    readability: 5,
  };
  for (const [word, n] of Object.entries(known)) {
    it(`"${word}" has ${n}`, () => expect([n].flat()).toContain(syllable(word)));
  }

  it('ignores case, apostrophes and punctuation, reads hyphenated words as their parts, and gives nothing for no letters', () => {
    expect(syllable('Raynaud’s')).toBe(2);
    expect(syllable('DOCTOR,')).toBe(2);
    expect(syllable('well-known')).toBe(2);
    expect(syllable('1999')).toBe(0);
  });

  it('gives every word at least one syllable and never more than its letters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[a-z]{1,20}$/), fc.constantFrom('constructor', 'tostring', 'prototype', 'hasownproperty')), (word) => {
        const n = syllable(word);
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(word.length);
      }),
    );
  });

  it('agrees with the CMU Pronouncing Dictionary on at least 97% of familiar words and 93% of dictionary words', () => {
    // fixtures/README.md: 1,500 words with CMUdict counts. Measured with syllable 5.0.1: 97.7% and 93.8%.
    const rows = readFileSync(new URL('./fixtures/cmudict-syllables.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1);
    const share = (list: string) => {
      const words = rows.map((r) => r.split('\t')).filter((r) => r[2] === list);
      const agreeing = words.filter(([word, counts]) => counts!.split(',').map(Number).includes(syllable(word!)));
      return { words: words.length, agreeing: agreeing.length / words.length };
    };
    expect(share('familiar').words).toBe(1000);
    expect(share('familiar').agreeing).toBeGreaterThanOrEqual(0.97);
    expect(share('dictionary').words).toBe(500);
    expect(share('dictionary').agreeing).toBeGreaterThanOrEqual(0.93);
  });
});

describe('plainText', () => {
  it('keeps what readers read and drops citation, link and footnote syntax', () => {
    const text = plainText('See [[Causes: Genetics|genes]] and [[Raynaud Phenomenon]] [@shahin-2006].[^2] Read *more* at https://example.org/x.');
    expect(text).toBe('See genes and Raynaud Phenomenon . Read more at ');
  });
});

describe('sentencesOf', () => {
  it('splits on end punctuation and paragraph breaks but not on common abbreviations', () => {
    expect(sentencesOf('Dr. Smith treats skin, e.g. hands. Is it catching? No!\n\nA new paragraph')).toEqual([
      'Dr Smith treats skin, eg hands.',
      'Is it catching?',
      'No!',
      'A new paragraph',
    ]);
  });
});

describe('measureText', () => {
  it('applies both published formulas to exact counts', () => {
    // 6 one-syllable words in one sentence: FK = 0.39×6 + 11.8×1 − 15.59 = −1.45; SMOG = 1.043×√0 + 3.1291.
    const r = measureText('The cat sat on the mat.');
    expect(r).toMatchObject({ words: 6, sentences: 1, syllables: 6, polysyllables: 0 });
    // Shown to one decimal: −1.45 (−1.4499… in floating point) → −1.4; 3.1291 → 3.1.
    expect(r.fleschKincaid).toBe(-1.4);
    expect(r.smog).toBe(3.1);
  });

  it('rates plain patient text low and dense clinical text high', () => {
    const plain = measureText(
      'Scleroderma makes the skin hard and tight. It can also harm the blood vessels. Cold hands can turn white or blue. Talk to your doctor if this happens. Keep your hands warm.',
    );
    const dense = measureText(
      'Systemic sclerosis is a heterogeneous autoimmune connective tissue disorder characterised by microvascular dysfunction, immunological abnormalities and progressive fibrosis of the integument and visceral organs. Interstitial pulmonary involvement constitutes the predominant determinant of mortality in contemporary observational cohorts.',
    );
    expect(plain.fleschKincaid!).toBeLessThan(6);
    expect(plain.smog!).toBeLessThan(8);
    expect(dense.fleschKincaid!).toBeGreaterThan(14);
    expect(dense.smog!).toBeGreaterThan(14);
  });

  it('rises when sentences get longer and when words get longer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 10 }), (length, extra) => {
        const sentence = (n: number, word: string) => `${Array.from({ length: n }, () => word).join(' ')}.`;
        const short = measureText(sentence(length, 'cat'));
        const longer = measureText(sentence(length + extra, 'cat'));
        const longerWords = measureText(sentence(length, 'medication'));
        expect(longer.fleschKincaid!).toBeGreaterThan(short.fleschKincaid!);
        expect(longerWords.fleschKincaid!).toBeGreaterThan(short.fleschKincaid!);
        expect(longerWords.smog!).toBeGreaterThan(short.smog!);
      }),
    );
  });

  it('gives no grade for a page without text', () => {
    expect(measureText('')).toMatchObject({ words: 0, fleschKincaid: null, smog: null });
    expect(measurePage({ summary: '', sections: [] }).fleschKincaid).toBeNull();
  });

  it('measures a page from its summary and every entry, whatever the kind', () => {
    const r = measurePage({
      summary: 'Cold hands.',
      sections: [
        { heading: 'A', entries: [{ kind: 'summary', body: 'Warm gloves help.' }, { kind: 'research', citationKey: 'x', body: 'A study [@x] found this.' }] },
        { heading: 'B', entries: [{ kind: 'news', outlet: 'O', date: '2020-01-01', body: 'News said so.' }] },
      ],
    });
    expect(r).toMatchObject({ sentences: 4, words: 2 + 3 + 4 + 3 });
  });

  it('measures each research and news digest on its own, in page order, named by its first words', () => {
    const digests = measureDigests({
      sections: [
        { heading: 'A', entries: [{ kind: 'summary', body: 'Warm gloves help.' }, { kind: 'research', citationKey: 'x', body: 'A study [@x] found that cold hands got better with warm gloves in winter.' }] },
        { heading: 'B', entries: [{ kind: 'news', outlet: 'O', date: '2020-01-01', body: 'Investigators characterised immunological abnormalities.' }] },
      ],
    });
    expect(digests.map((d) => [d.number, d.kind, d.opening, d.readability.words])).toEqual([
      [1, 'research', 'A study found that cold hands got better…', 13],
      [2, 'news', 'Investigators characterised immunological abnormalities.', 4],
    ]);
    // The page's grade averages these away; each digest keeps its own.
    expect(digests[1]!.readability.fleschKincaid!).toBeGreaterThan(digests[0]!.readability.fleschKincaid! + 10);
  });
});

describe('reading ease in Spanish (Fernández Huerta) and French (Kandel–Moles)', () => {
  it('counts Spanish syllables, with diphthongs and hiatus', async () => {
    const { spanishSyllables } = await import('./readability.js');
    const cases: Array<[string, number]> = [['casa', 2], ['esclerodermia', 5], ['investigación', 5], ['día', 2], ['leer', 2], ['hoy', 1], ['causa', 2], ['poeta', 3], ['genes', 2]];
    for (const [word, n] of cases) expect(spanishSyllables(word), word).toBe(n);
  });

  it('counts French syllables, with silent final e', async () => {
    const { frenchSyllables } = await import('./readability.js');
    const cases: Array<[string, number]> = [['maladie', 3], ['cause', 1], ['causes', 1], ['sclérodermie', 4], ['eau', 1], ['peuvent', 1], ['infection', 3], ['gènes', 1]];
    for (const [word, n] of cases) expect(frenchSyllables(word), word).toBe(n);
  });

  it('scores short plain sentences as easier than long ones of long words, and has no formula for Arabic', async () => {
    const { measureEase, easeVerdict } = await import('./readability.js');
    const plain = measureEase('El sol sale. La casa es azul. Hoy hace frío.', 'es')!;
    const dense = measureEase('La esclerodermia sistémica progresiva constituye una enfermedad autoinmunitaria caracterizada por fibrosis cutánea generalizada y afectación multiorgánica considerablemente heterogénea.', 'es')!;
    expect(plain.formula).toBe('fernandez-huerta');
    expect(plain.score!).toBeGreaterThan(dense.score!);
    expect(easeVerdict(plain.score)).toBe('easy');
    expect(easeVerdict(dense.score)).toBe('hard');
    // By hand: 3 sentences, 10 words, 15 syllables → 206.84 − 60 × 1.5 − 1.02 × 10/3 = 113.4.
    expect(plain).toMatchObject({ words: 10, sentences: 3, syllables: 15, score: 113.4 });
    const fr = measureEase('Le chat dort. La maison est bleue.', 'fr')!;
    // 2 sentences, 7 words, 8 syllables → 207 − 73.6 × 8/7 − 1.015 × 3.5 = 119.3.
    expect(fr).toMatchObject({ formula: 'kandel-moles', words: 7, sentences: 2, syllables: 8, score: 119.3 });
    expect(measureEase('تصلب الجلد مرض.', 'ar')).toBeNull();
    expect(measureEase('', 'fr')!.score).toBeNull();
  });
});
