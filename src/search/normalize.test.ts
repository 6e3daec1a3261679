import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, indexText, stem, terms, termsWithDisplay, wordsWithOffsets } from './normalize.js';

describe('search terms', () => {
  it('folds diacritics, apostrophes and case, so spellings meet', () => {
    expect(terms('Sjögren')).toEqual(terms('Sjogren'));
    expect(terms("Raynaud's")).toEqual(terms('Raynauds'));
    expect(terms('Raynaud’s')).toEqual(terms('RAYNAUDS'));
    expect(terms('Raynaud´s')).toEqual(['raynaud']);
    expect(terms('Straße')).toEqual(['strasse']);
  });

  it('spells out Greek letters as clinicians write them', () => {
    expect(terms('TGFβ')).toEqual(['tgf', 'beta']);
    expect(terms('TGF-beta')).toEqual(['tgf', 'beta']);
    expect(terms('TNF-α')).toEqual(terms('TNF alpha'));
  });

  it('splits on everything that is not a letter or digit', () => {
    expect(terms('TIMP-2 (S100A8); sCD40/CD40')).toEqual(['timp', '2', 's100a8', 'scd40', 'cd40']);
  });

  it('folds plurals and possessives but leaves -is, -us and short words alone', () => {
    expect(['cells', 'therapies', 'diseases', 'raynauds', 'sclerosis', 'lupus', 'ages', 'news'].map((t) => stem(t))).toEqual([
      'cell', 'therapy', 'disease', 'raynaud', 'sclerosis', 'lupus', 'ages', 'news',
    ]);
  });

  it('leaves out stop words, so "what is scleroderma" looks for scleroderma', () => {
    expect(terms('What is scleroderma?')).toEqual(['scleroderma']);
    expect(terms('mercury OR kallikrein AND NOT silica')).toEqual(['mercury', 'kallikrein', 'silica']);
  });

  it('keeps the written form of a term for "Did you mean"', () => {
    expect(termsWithDisplay("Raynaud's and SSc").get('raynaud')).toBe("raynaud's");
    expect(termsWithDisplay("Raynaud's and SSc").get('ssc')).toBe('SSc');
  });

  it('folds a Hangul syllable the same alone and beside a combining mark (a case the property below found)', () => {
    const text = '\u{13440}\u0000가';
    expect(wordsWithOffsets(text).flatMap((w) => w.terms)).toEqual(terms(text));
    expect(terms('가')).toEqual([terms(text)[1]]);
  });

  it('cuts unspaced scripts the same in a text and in its highlighted words (cases the property below found)', () => {
    // ICU calls 〻 a word before a Han letter and not alone; the Thai run's apostrophe cuts it only when read alone.
    for (const text of ['〻𠀀', 'า’ာမြ်']) {
      expect(wordsWithOffsets(text).flatMap((w) => w.terms), text).toEqual(terms(text));
    }
    expect(terms('〻𠀀')).toEqual(['〻', '𠀀']);
  });

  it('cuts a text into words with offsets that hold exactly the index terms (property)', () => {
    // Highlighting marks words by these offsets; it may only ever mark terms the index holds.
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        expect(wordsWithOffsets(text).flatMap((w) => w.terms)).toEqual(terms(text));
        expect(indexText(text)).toBe(terms(text).join(' '));
        for (const w of wordsWithOffsets(text)) expect(terms(text.slice(w.start, w.end))).toEqual(w.terms);
      }),
      { numRuns: 500 },
    );
  });

  it('only ever produces terms of letters, digits and marks, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('en', 'es', 'fr', 'ar') as fc.Arbitrary<'en' | 'es' | 'fr' | 'ar'>, (text, lang) => {
        for (const t of terms(text, lang)) expect(t).toMatch(/^[\p{L}\p{N}\p{M}]{1,40}$/u);
        // No Latin diacritics or Arabic tashkeel survive folding.
        expect(foldText(text)).not.toMatch(/[\u0300-\u036f\u064b-\u065f]/u);
      }),
      { numRuns: 500 },
    );
  });
});

describe('search terms in other languages', () => {
  it('folds Spanish plurals, singular and plural meeting', () => {
    const pairs = [['causa', 'causas'], ['infección', 'infecciones'], ['factor', 'factores'], ['gen', 'genes'], ['vez', 'veces'], ['paciente', 'pacientes'], ['enfermedad', 'enfermedades'], ['autoinmune', 'autoinmunes'], ['ambiental', 'ambientales']];
    for (const [one, many] of pairs) expect(terms(many!, 'es')).toEqual(terms(one!, 'es'));
    // English rules alone would not bring these together.
    expect(terms('genes')).not.toEqual(terms('gen'));
    expect(terms('enfermedades')).not.toEqual(terms('enfermedad'));
  });

  it('folds French plurals (-s, -x, -aux → -al) and elision', () => {
    const pairs = [['cause', 'causes'], ['viral', 'viraux'], ['jumeau', 'jumeaux'], ['genou', 'genoux'], ['gène', 'gènes'], ['rayonnement', 'rayonnements']];
    for (const [one, many] of pairs) expect(terms(many!, 'fr')).toEqual(terms(one!, 'fr'));
    expect(terms('stress', 'fr')).toEqual(['stress']);
    expect(terms("l'ADN d’une infection qu'on", 'fr')).toEqual(['adn', 'infection']);
    expect(wordsWithOffsets("l'ADN", 'fr')).toEqual([{ start: 0, end: 5, terms: ['adn'], folded: ['adn'] }]);
  });

  it('leaves out each language’s own stop words', () => {
    expect(terms('causas de la esclerodermia', 'es')).toEqual(['causa', 'esclerodermia']);
    expect(terms('les causes de la sclérodermie', 'fr')).toEqual(['cause', 'sclerodermie']);
  });

  it('normalises Arabic letters: alef forms, taa marbuta, alef maqsura, tashkeel, tatweel; the article comes off', () => {
    expect(terms('تَصَلُّب', 'ar')).toEqual(terms('تصلب', 'ar'));
    expect(terms('أسباب', 'ar')).toEqual(terms('اسباب', 'ar'));
    expect(terms('إصابة آلام', 'ar')).toEqual(terms('اصابه الام', 'ar'));
    expect(terms('مستشفى', 'ar')).toEqual(terms('مستشفي', 'ar'));
    expect(terms('الجلـــد', 'ar')).toEqual(['جلد']);
    expect(terms('والعدوى', 'ar')).toEqual(terms('عدوي', 'ar'));
    expect(terms('١٢٣', 'ar')).toEqual(['123']);
  });

  it('cuts Chinese, Japanese and Thai into words, so a word inside a sentence is a term of its own', () => {
    expect(terms('強皮症の原因は何ですか')).toContain('原因');
    expect(terms('硬皮病的原因')).toContain('原因');
    expect(terms('โรคหนังแข็งคืออะไร')).toEqual(expect.arrayContaining(['โรค', 'หนัง', 'แข็ง']));
    // The offsets of each word are its own, for highlighting.
    const text = 'これは強皮症の原因です';
    for (const w of wordsWithOffsets(text)) expect(terms(text.slice(w.start, w.end))).toEqual(w.terms);
  });
});
