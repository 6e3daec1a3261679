import { describe, expect, test } from 'vitest';
import { PageDocument } from '../directory/document.js';
import { createI18n } from '../i18n/localizer.js';
import { problemText } from './problem-text.js';
import { editingTextOf } from './views/text.js';

const i18n = createI18n();
const english = editingTextOf(i18n.forLang('en'));
const spanish = editingTextOf(i18n.forLang('es'));

/** A page with everything wrong that the schema checks, so every phrase it writes shows up. */
const broken = {
  slug: 'Not A Slug',
  title: ' ',
  parentSlug: 'x'.repeat(300),
  position: 2_000_000,
  summary: 'x'.repeat(600),
  authorKeys: [''],
  createdOn: '2024-02-30',
  updatedOn: 'yesterday',
  reviewIntervalMonths: 0,
  footnotes: [''],
  alsoSee: [{ target: '', label: 'x' }],
  codes: [{ system: 'ICD-11', code: '4A40', whoEntity: 'x' }],
  sections: [
    {
      heading: '',
      entries: [
        { kind: 'summary', body: '' },
        { kind: 'research', citationKey: '', body: 'x'.repeat(20_001) },
        { kind: 'news', outlet: '', date: '2024-13-01', url: 'ftp://example.org/x', headline: 'x'.repeat(301), body: 'Text.' },
        { kind: 'news', outlet: 'Paper', date: '2024-01-01', url: 'not a url', body: 'Text.' },
      ],
    },
  ],
};

/** Phrases the save checks (src/editing/validate.ts) and the store write, with example values. */
const SAVE_PHRASES = [
  'the address "causes-genetics" is already used by another page',
  'the address "causes-genetics" belongs to a deleted page; restore that page from the dashboard or choose another address',
  'the address "causes-genetics" is already taken by another new page that is still a draft',
  'there is no published page "causes-x" to put this page under',
  'there is no page "causes-x" to put this page under',
  'a page cannot be moved under itself or one of its own sub-pages',
  'no author with the key "nobody-here"',
  'no author with the key "a", "b"',
  'must be a web address starting with http:// or https://',
  'unknown citation key [@smith-2020]: add it to the bibliography first, or check the spelling',
  'unknown citation keys [@a], [@b]: add them to the bibliography first, or check the spelling',
  // Clinical codes (src/directory/clinical-codes.ts).
  '"M34.9" needs its code system first, e.g. "ICD-10-CM:M34.9" or "ORPHA:90291"',
  '"ICD-9" is not a code system we know: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM',
  '"M34-9" is not in the form of ICD-10-CM codes (for example M34.9)',
  '"73211008" is not a SNOMED CT identifier: its check digit is wrong',
  '"12345013" is a SNOMED CT identifier, but not of a concept',
  'only ICD-11 codes take a WHO entity number after "@"',
  '"x1" is not a WHO entity number: it is the digits at the end of the address of the code in the ICD-11 browser',
  'MeSH D012595 is listed twice',
];

describe('problem phrases in the editor’s language', () => {
  const schemaPhrases = [...new Set(PageDocument.safeParse(broken).error!.issues.map((i) => i.message))];

  test('the broken page really produces the schema’s phrases (the check below has something to check)', () => {
    expect(schemaPhrases).toEqual(
      expect.arrayContaining(['is required', 'may use only lower-case letters, digits and single hyphens', 'must be at most 500 characters', 'is not a real calendar date', 'is empty', 'needs a citation', 'needs an outlet', 'must be an http(s) address', 'is longer than 20,000 characters']),
    );
  });

  test('every phrase the schema and the save checks write has a translation', () => {
    const untranslated = [...schemaPhrases, ...SAVE_PHRASES].filter((phrase) => problemText(spanish, phrase) === phrase);
    expect(untranslated).toEqual([]);
  });

  test('English keeps the schema’s own words, and the facts (limits, addresses, keys) survive translation', () => {
    const plural = 'no author with the key "a", "b"';
    for (const phrase of ['is required', 'must be at most 500 characters', 'is not a real calendar date', ...SAVE_PHRASES.filter((p) => p !== plural)]) expect(problemText(english, phrase)).toBe(phrase);
    // Two keys are counted: "keys".
    expect(problemText(english, plural)).toBe('no author with the keys "a", "b"');
    expect(problemText(spanish, 'must be at most 500 characters')).toBe('debe tener como máximo 500 caracteres');
    expect(problemText(spanish, 'is longer than 20,000 characters')).toMatch(/^debe tener como máximo 20.000 caracteres$/);
    expect(problemText(spanish, 'the address "causes-genetics" is already used by another page')).toBe('la dirección «causes-genetics» ya la usa otra página');
    expect(problemText(spanish, 'unknown citation keys [@a], [@b]: add them to the bibliography first, or check the spelling')).toBe(
      'claves de cita desconocidas [@a], [@b]: añádalas antes a la bibliografía o compruebe la ortografía',
    );
  });

  test('a phrase it does not know is shown as it is, not lost', () => {
    expect(problemText(spanish, 'something new the schema says')).toBe('something new the schema says');
  });
});
