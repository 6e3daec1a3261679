import { describe, expect, it } from 'vitest';
import { normaliseDoi, normalisePmcid, normalisePmid, parseCitationInput } from './identifiers.js';

describe('parseCitationInput: PubMed IDs', () => {
  it.each([
    ['12345678', '12345678'],
    ['  12345678\n', '12345678'],
    ['PMID: 12345678', '12345678'],
    ['pmid:12345678', '12345678'],
    ['PMID 1', '1'],
    ['https://pubmed.ncbi.nlm.nih.gov/12345678/', '12345678'],
    ['https://pubmed.ncbi.nlm.nih.gov/12345678', '12345678'],
    ['https://pubmed.ncbi.nlm.nih.gov/12345678/?from_term=x', '12345678'],
    ['http://www.ncbi.nlm.nih.gov/pubmed/17304655', '17304655'],
    ['999999999', '999999999'],
  ])('reads %j as PMID %s', (input, pmid) => {
    expect(parseCitationInput(input)).toEqual({ kind: 'pmid', pmid });
  });

  it.each([
    ['0', /0 is not a PubMed ID/],
    ['PMID: 000', /0 is not a PubMed ID/],
    ['01234', /never start with 0/],
    ['1234567890', /10 digits.*at most 9/],
    ['PMID: abc', /does not contain a PubMed ID/],
    ['https://pubmed.ncbi.nlm.nih.gov/', /does not contain a PubMed ID/],
    ['https://pubmed.ncbi.nlm.nih.gov/abc/', /does not contain a PubMed ID/],
    ['12 345', /neither a PubMed ID nor a DOI/],
  ])('rejects %j with a clear message', (input, message) => {
    const result = parseCitationInput(input);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toMatch(message);
  });
});

describe('parseCitationInput: DOIs', () => {
  const doi = '10.1371/journal.pone.0001693';
  it.each([
    doi,
    `  ${doi} `,
    `doi:${doi}`,
    `DOI: ${doi}`,
    `https://doi.org/${doi}`,
    `http://doi.org/${doi}`,
    `https://dx.doi.org/${doi}`,
    `https://doi.org/10.1371%2Fjournal.pone.0001693`,
    '10.1371/JOURNAL.PONE.0001693',
  ])('reads %j', (input) => {
    expect(parseCitationInput(input)).toEqual({ kind: 'doi', doi });
  });

  it('keeps unusual but legal DOI suffixes', () => {
    expect(parseCitationInput('10.1002/(sici)1097-0258(19980815/30)17:15/16<1661::aid-sim968>3.0.co;2-2')).toEqual({
      kind: 'doi',
      doi: '10.1002/(sici)1097-0258(19980815/30)17:15/16<1661::aid-sim968>3.0.co;2-2',
    });
  });

  it.each(['10.1371', '10.13/x', '10.1371/', 'doi:', 'doi: 11.1371/x', '10.1371/has space', 'https://doi.org/'])(
    'rejects %j as a malformed DOI',
    (input) => {
      const result = parseCitationInput(input);
      expect(result.kind).toBe('invalid');
      expect(result.kind === 'invalid' && result.message).toMatch(/does not look like a DOI/);
    },
  );
});

describe('parseCitationInput: other text', () => {
  it('asks for an identifier when empty', () => {
    const result = parseCitationInput('   ');
    expect(result).toEqual({ kind: 'invalid', message: expect.stringMatching(/Enter a PubMed ID/) });
  });

  it('refuses other web addresses', () => {
    const result = parseCitationInput('https://example.org/paper/12345678');
    expect(result).toEqual({ kind: 'invalid', message: expect.stringMatching(/web address/) });
  });

  it('refuses free text', () => {
    expect(parseCitationInput('Xiong 2008 PLoS ONE').kind).toBe('invalid');
  });
});

describe('normalisers', () => {
  it('normalises PMIDs', () => {
    expect(normalisePmid(27933103)).toBe('27933103');
    expect(normalisePmid('PMID: 27933103')).toBe('27933103');
    expect(normalisePmid('27933103x')).toBeNull();
    expect(normalisePmid(0)).toBeNull();
  });

  it('normalises DOIs to lower case without prefix', () => {
    expect(normaliseDoi('https://doi.org/10.1186/S13321-016-0181-Z')).toBe('10.1186/s13321-016-0181-z');
    expect(normaliseDoi('not a doi')).toBeNull();
  });

  it('normalises PMCIDs', () => {
    expect(normalisePmcid('pmc5122160')).toBe('PMC5122160');
    expect(normalisePmcid('5122160')).toBe('PMC5122160');
    expect(normalisePmcid('pmc-id: PMC5122160;')).toBeNull();
  });
});
