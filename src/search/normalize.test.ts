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
    expect(['cells', 'therapies', 'diseases', 'raynauds', 'sclerosis', 'lupus', 'ages', 'news'].map(stem)).toEqual([
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

  it('only ever produces [a-z0-9] terms, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        for (const t of terms(text)) expect(t).toMatch(/^[a-z0-9]{1,40}$/);
        expect(foldText(text)).not.toMatch(/\p{M}/u);
      }),
      { numRuns: 500 },
    );
  });
});
