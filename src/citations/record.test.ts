import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { CitationRecord, CitationRecordError, citationFromBibliographyEntry } from './record.js';

const xiong = {
  type: 'article-journal',
  author: [
    { family: 'Xiong', given: 'M' },
    { family: 'Arnett', given: 'FC' },
  ],
  title: 'Differential Dynamic Properties of Scleroderma Fibroblasts in Response to Perturbation of Environmental Stimuli',
  'container-title': 'PLoS ONE',
  'container-title-short': 'PLoS ONE',
  issued: 2008,
  volume: '3',
  issue: '2',
  page: 'e1693',
  DOI: '10.1371/journal.pone.0001693',
};

function errorFor(key: string, entry: unknown): CitationRecordError {
  try {
    citationFromBibliographyEntry(key, entry);
  } catch (error) {
    if (error instanceof CitationRecordError) return error;
    throw error;
  }
  throw new Error('expected a CitationRecordError');
}

describe('citationFromBibliographyEntry', () => {
  it('turns a bibliography.yaml entry into a record with canonical identifiers', () => {
    const record = citationFromBibliographyEntry('xiong-2008', xiong);
    expect(record).toEqual({
      key: 'xiong-2008',
      csl: { ...xiong, issued: { 'date-parts': [[2008]] } },
      doi: '10.1371/journal.pone.0001693',
      pubTypes: [],
    });
    expect(CitationRecord.parse(record)).toEqual(record);
  });

  it.each([
    ['2012-08', [2012, 8]],
    ['2013-06-11', [2013, 6, 11]],
    ['2006', [2006]],
    [2006, [2006]],
    [new Date(Date.UTC(2013, 5, 11)), [2013, 6, 11]],
    [{ 'date-parts': [[2010, 12]] }, [2010, 12]],
  ])('reads issued %j', (issued, parts) => {
    const record = citationFromBibliographyEntry('k', { title: 'T', issued });
    expect(record.csl.issued).toEqual({ 'date-parts': [parts] });
  });

  it('defaults the type, stringifies numeric fields and keeps extra CSL fields', () => {
    const record = citationFromBibliographyEntry('k', { title: 'T', volume: 39, issue: 8, publisher: 'Example Press' });
    expect(record.csl).toEqual({ type: 'article-journal', title: 'T', volume: '39', issue: '8', publisher: 'Example Press' });
  });

  it('lower-cases the DOI identifier, strips resolver prefixes, and reads PMID/PMCID/URL', () => {
    const record = citationFromBibliographyEntry('k', {
      title: 'T',
      DOI: 'https://doi.org/10.1186/S13321-016-0181-Z',
      PMID: 27933103,
      PMCID: 'pmc5122160',
      URL: 'https://example.org/paper',
    });
    expect(record.csl.DOI).toBe('10.1186/S13321-016-0181-Z');
    expect(record).toMatchObject({ doi: '10.1186/s13321-016-0181-z', pmid: '27933103', pmcid: 'PMC5122160', url: 'https://example.org/paper' });
    expect(record.csl).toMatchObject({ PMID: '27933103', PMCID: 'PMC5122160' });
  });

  it('accepts group authors as literal names', () => {
    const record = citationFromBibliographyEntry('k', { title: 'T', author: [{ literal: 'Scleroderma Study Group' }] });
    expect(record.csl.author).toEqual([{ literal: 'Scleroderma Study Group' }]);
  });

  it.each([
    [{ title: 'T', issued: 'Aug 2012' }, /"bad-1": issued: must be a year, "YYYY-MM" or "YYYY-MM-DD"/],
    [{ title: 'T', issued: '2013-02-30' }, /"bad-1": issued: "2013-02-30" is not a real date/],
    [{ title: 'T', issued: 20120 }, /issued: must be a year/],
    [{ title: 'T', author: [{ given: 'L' }] }, /"bad-1": author\[0\]: a name needs a family name/],
    [{ title: 'T', PMID: 'abc' }, /PMID: PMID must be 1 to 9 digits \(got "abc"\)/],
    [{ title: 'T', PMCID: '123abc' }, /PMCID: PMCID must look like PMC1234567/],
    [{ title: 'T', DOI: '10.13/x' }, /DOI: DOI must look like/],
    [{ title: 'T', URL: 'javascript:alert(1)' }, /URL: must be an http\(s\) web address/],
    [{ title: 42 }, /title: .*expected string/],
    ['just a string', /"bad-1": .*expected object/],
  ])('rejects %j naming the key and field', (entry, message) => {
    const error = errorFor('bad-1', entry);
    expect(error.message).toMatch(message);
    expect(error.key).toBe('bad-1');
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.cause).toBeInstanceOf(ZodError);
  });
});

describe('CitationRecord schema', () => {
  const valid = { key: 'pmid:1', csl: { type: 'article-journal' }, pmid: '1', pubTypes: [] };

  it('accepts a minimal record', () => {
    expect(CitationRecord.parse(valid)).toEqual(valid);
  });

  it.each([
    [{ ...valid, doi: '10.1371/JOURNAL.PONE.0001693' }, 'doi'],
    [{ ...valid, doi: 'https://doi.org/10.1371/journal.pone.0001693' }, 'doi'],
    [{ ...valid, pmid: '0' }, 'pmid'],
    [{ ...valid, pmcid: '5122160' }, 'pmcid'],
    [{ ...valid, url: 'ftp://example.org/x' }, 'url'],
    [{ ...valid, pubTypes: undefined }, 'pubTypes'],
    [{ ...valid, key: ' ' }, 'key'],
  ])('rejects %j at %s', (record, field) => {
    const result = CitationRecord.safeParse(record);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});
