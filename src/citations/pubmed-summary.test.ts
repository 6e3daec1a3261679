import { describe, expect, it } from 'vitest';
import { authorFromEsummary, citationFromEsummary, EsummaryDocument, issuedFromPubDate } from './pubmed-summary.js';
import { readFixture } from './test-support/fixtures.js';

function documentFrom(fixture: string, uid: string): EsummaryDocument {
  const json = JSON.parse(readFixture(fixture)) as { result: Record<string, unknown> };
  return EsummaryDocument.parse(json.result[uid]);
}

describe('citationFromEsummary', () => {
  it('maps the real PubMed record 27933103', () => {
    expect(citationFromEsummary(documentFrom('esummary-27933103.json', '27933103'))).toEqual({
      key: 'pmid:27933103',
      csl: {
        type: 'article-journal',
        title: 'Programmatic conversion of crystal structures into 3D printable files using Jmol',
        author: [
          { family: 'Scalfani', given: 'VF' },
          { family: 'Williams', given: 'AJ' },
          { family: 'Tkachenko', given: 'V' },
          { family: 'Karapetyan', given: 'K' },
          { family: 'Pshenichnov', given: 'A' },
          { family: 'Hanson', given: 'RM' },
          { family: 'Liddie', given: 'JM' },
          { family: 'Bara', given: 'JE' },
        ],
        'container-title': 'Journal of cheminformatics',
        'container-title-short': 'J Cheminform',
        issued: { 'date-parts': [[2016]] },
        volume: '8',
        page: '66',
        DOI: '10.1186/s13321-016-0181-z',
        PMID: '27933103',
        PMCID: 'PMC5122160',
      },
      pmid: '27933103',
      pmcid: 'PMC5122160',
      doi: '10.1186/s13321-016-0181-z',
      pubTypes: ['Journal Article'],
    });
  });

  it('maps collective names, suffixes, month dates and upper-case DOIs', () => {
    const record = citationFromEsummary(documentFrom('esummary-multi.json', '90000002'));
    expect(record.csl.author).toEqual([
      { literal: 'Example Scleroderma Study Group' },
      { family: 'van der Beispiel', given: 'JH' },
      { family: 'Muster', given: 'A', suffix: 'Jr' },
    ]);
    expect(record.csl.issued).toEqual({ 'date-parts': [[2012, 8]] });
    expect(record.csl.page).toBe('1654-8');
    expect(record.doi).toBe('10.5555/example.2012.0002');
    expect(record.pubTypes).toEqual(['Journal Article', 'Systematic Review', 'Meta-Analysis', 'Review']);
  });

  it('leaves out what PubMed does not know and keeps bracketed (translated) titles', () => {
    const record = citationFromEsummary(documentFrom('esummary-multi.json', '90000003'));
    expect(record.csl.title).toBe('[A constructed randomised trial without DOI or PMCID]');
    expect(record.csl.issued).toEqual({ 'date-parts': [[2013, 6, 11]] });
    expect(record.csl).not.toHaveProperty('volume');
    expect(record.csl).not.toHaveProperty('DOI');
    expect(record).not.toHaveProperty('doi');
    expect(record).not.toHaveProperty('pmcid');
    expect(record.pmid).toBe('90000003');
  });
});

describe('authorFromEsummary', () => {
  it.each([
    ['Klareskog L', { family: 'Klareskog', given: 'L' }],
    ['Scalfani VF', { family: 'Scalfani', given: 'VF' }],
    ['van der Beispiel JH', { family: 'van der Beispiel', given: 'JH' }],
    ['Muster A Jr', { family: 'Muster', given: 'A', suffix: 'Jr' }],
    ['Åkesson Å', { family: 'Åkesson', given: 'Å' }],
    ['Madonna', { family: 'Madonna' }],
  ])('%s', (name, expected) => {
    expect(authorFromEsummary({ name, authtype: 'Author' })).toEqual(expected);
  });

  it('keeps collective names whole and skips empty or unknown kinds', () => {
    expect(authorFromEsummary({ name: 'EUSTAR Co-authors', authtype: 'CollectiveName' })).toEqual({ literal: 'EUSTAR Co-authors' });
    expect(authorFromEsummary({ name: ' ', authtype: 'Author' })).toBeUndefined();
    expect(authorFromEsummary({ name: 'Someone X', authtype: 'Investigator' })).toBeUndefined();
  });
});

describe('issuedFromPubDate', () => {
  it.each([
    ['2006', '', [2006]],
    ['2012 Aug', '', [2012, 8]],
    ['2013 Jun 11', '', [2013, 6, 11]],
    ['2012 Aug-Sep', '', [2012, 8]],
    ['2012 Jan 5-12', '', [2012, 1, 5]],
    ['1998 Dec-1999 Jan', '', [1998, 12]],
    ['2006 Spring', '', [2006]],
    ['', '2016/11/23 00:00', [2016, 11, 23]],
    ['Unknown', '2001/02/03 00:00', [2001, 2, 3]],
  ])('%j (sortpubdate %j)', (pubdate, sortpubdate, parts) => {
    expect(issuedFromPubDate(pubdate, sortpubdate)).toEqual({ 'date-parts': [parts] });
  });

  it('returns undefined when there is no date at all', () => {
    expect(issuedFromPubDate('', '')).toBeUndefined();
  });
});
