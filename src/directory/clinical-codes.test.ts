import { describe, expect, test } from 'vitest';
import { codeLabel, codeLink, codeText, readCode, verhoeffValid } from './clinical-codes.js';

describe('reading clinical codes', () => {
  test('each system’s codes are read into canonical form', () => {
    expect(readCode('ICD-10-CM:M34.9')).toEqual({ code: { system: 'ICD-10-CM', code: 'M34.9' } });
    expect(readCode('icd10cm m349')).toEqual({ code: { system: 'ICD-10-CM', code: 'M34.9' } });
    expect(readCode('ICD-10-CM: M34')).toEqual({ code: { system: 'ICD-10-CM', code: 'M34' } });
    expect(readCode('ORPHA:90291')).toEqual({ code: { system: 'ORPHA', code: '90291' } });
    expect(readCode('Orphanet 90291')).toEqual({ code: { system: 'ORPHA', code: '90291' } });
    expect(readCode('MeSH:d012595')).toEqual({ code: { system: 'MeSH', code: 'D012595' } });
    expect(readCode('SNOMED CT:73211009')).toEqual({ code: { system: 'SNOMED CT', code: '73211009' } });
    expect(readCode('SNOMED CT 73211009')).toEqual({ code: { system: 'SNOMED CT', code: '73211009' } });
    expect(readCode('OMIM:601863')).toEqual({ code: { system: 'OMIM', code: '601863' } });
    expect(readCode('ICD-11:4a40.0')).toEqual({ code: { system: 'ICD-11', code: '4A40.0' } });
    expect(readCode('ICD-11:4A40@1234567')).toEqual({ code: { system: 'ICD-11', code: '4A40', whoEntity: '1234567' } });
  });

  test('an unknown system is named in the answer, with the systems we know', () => {
    expect(readCode('ICD-9:710.1')).toEqual({ problem: '"ICD-9" is not a code system we know: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM' });
    expect(readCode('M34.9')).toEqual({ problem: '"M34.9" needs its code system first, e.g. "ICD-10-CM:M34.9" or "ORPHA:90291"' });
  });

  test('a malformed code is refused with an example of its system’s form', () => {
    expect(readCode('ICD-10-CM:M34-9')).toEqual({ problem: '"M34-9" is not in the form of ICD-10-CM codes (for example M34.9)' });
    expect(readCode('ICD-10-CM:U07.1')).toHaveProperty('problem');
    expect(readCode('ORPHA:0')).toHaveProperty('problem');
    expect(readCode('ORPHA:abc')).toHaveProperty('problem');
    expect(readCode('MeSH:D12595')).toHaveProperty('problem');
    expect(readCode('OMIM:781750')).toHaveProperty('problem');
    expect(readCode('ICD-11:4I40')).toHaveProperty('problem');
    expect(readCode('ICD-11:4A40@x1')).toEqual({ problem: '"x1" is not a WHO entity number: it is the digits at the end of the address of the code in the ICD-11 browser' });
    expect(readCode('MeSH:D012595@1')).toEqual({ problem: 'only ICD-11 codes take a WHO entity number after "@"' });
  });

  test('SNOMED CT identifiers must pass their check digit and name a concept', () => {
    expect(verhoeffValid('73211009')).toBe(true);
    expect(verhoeffValid('73211008')).toBe(false);
    expect(readCode('SNOMED CT:73211008')).toEqual({ problem: '"73211008" is not a SNOMED CT identifier: its check digit is wrong' });
    // A made-up identifier with a correct check digit whose partition (01) is that of descriptions.
    expect(readCode('SNOMED CT:12345013')).toEqual({ problem: '"12345013" is a SNOMED CT identifier, but not of a concept' });
  });
});

describe('showing clinical codes', () => {
  test('codes are written back as they are read', () => {
    for (const text of ['ICD-10-CM:M34.9', 'ORPHA:90291', 'MeSH:D012595', 'ICD-11:4A40@1234567', 'SNOMED CT:73211009', 'OMIM:601863']) {
      const read = readCode(text);
      expect('code' in read && codeText(read.code)).toBe(text);
    }
  });

  test('ORPHA codes keep their prefix for readers; others show the code alone', () => {
    expect(codeLabel({ system: 'ORPHA', code: '90291' })).toBe('ORPHA:90291');
    expect(codeLabel({ system: 'MeSH', code: 'D012595' })).toBe('D012595');
  });

  test('each code links to the body that keeps it; an ICD-11 code without its WHO entity has no link', () => {
    expect(codeLink({ system: 'ICD-10-CM', code: 'M34.9' })).toBe(
      'https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=M34.9&knowledgeResponseType=text/html',
    );
    expect(codeLink({ system: 'ORPHA', code: '90291' })).toBe('https://www.orpha.net/en/disease/detail/90291');
    expect(codeLink({ system: 'MeSH', code: 'D012595' })).toBe('https://meshb.nlm.nih.gov/record/ui?ui=D012595');
    expect(codeLink({ system: 'ICD-11', code: '4A40', whoEntity: '1234567' })).toBe('https://icd.who.int/browse/latest-release/mms/en#1234567');
    expect(codeLink({ system: 'ICD-11', code: '4A40' })).toBeNull();
    expect(codeLink({ system: 'OMIM', code: '601863' })).toBe('https://omim.org/entry/601863');
  });
});
