import { describe, expect, it } from 'vitest';
import { EMPTY_MANUAL, cslFromManual, cslFromPaste, detectFormat, keyBaseFor, recordFromEntry } from './manual-entry.js';

// Fictional references: only their shape matters here.
const RIS = ['TY  - JOUR', 'AU  - Ortiz, Ana', 'AU  - Lee, Min', 'TI  - A test article pasted as RIS', 'JO  - Journal of Tests', 'PY  - 2019', 'VL  - 12', 'IS  - 3', 'SP  - 45', 'EP  - 67', 'ER  - ', ''].join('\n');
const BIBTEX = '@article{anything, author = {Ortiz, Ana and Lee, Min}, title = {A test article pasted as BibTeX}, journal = {Journal of Tests}, year = {2020}, volume = {4}, pages = {1--9}, doi = {10.1371/journal.pone.0001693}}';
const CSL = '{"type":"report","title":"A test report as CSL-JSON","author":[{"literal":"Test Organisation"}],"issued":{"date-parts":[[2021]]}}';

describe('a pasted reference', () => {
  it('tells the three formats apart by how they start', () => {
    expect(detectFormat(RIS)).toBe('ris');
    expect(detectFormat(`  ${BIBTEX}`)).toBe('bibtex');
    expect(detectFormat(CSL)).toBe('csl-json');
    expect(detectFormat('Ortiz A. A test article. J Tests. 2019.')).toBeNull();
  });

  it('reads RIS through citation-js', () => {
    const read = cslFromPaste(RIS);
    if (!('csl' in read)) throw new Error(JSON.stringify(read));
    expect(read.format).toBe('ris');
    expect(read.csl.title).toBe('A test article pasted as RIS');
    expect(read.csl.author?.map((a) => a.family)).toEqual(['Ortiz', 'Lee']);
    expect(read.csl['container-title']).toBe('Journal of Tests');
    expect(read.csl.issued?.['date-parts'][0]?.[0]).toBe(2019);
    expect(String(read.csl.volume)).toBe('12');
    expect(read.csl.page).toBe('45-67');
  });

  it('reads BibTeX through citation-js, with its DOI', () => {
    const read = cslFromPaste(BIBTEX);
    if (!('csl' in read)) throw new Error(JSON.stringify(read));
    expect(read.csl.title).toBe('A test article pasted as BibTeX');
    expect(read.csl.DOI).toBe('10.1371/journal.pone.0001693');
    const record = recordFromEntry(keyBaseFor(read.csl), read.csl)!;
    expect(record.key).toBe('ortiz-2020');
    expect(record.doi).toBe('10.1371/journal.pone.0001693');
  });

  it('reads CSL-JSON as it is', () => {
    const read = cslFromPaste(CSL);
    if (!('csl' in read)) throw new Error(JSON.stringify(read));
    expect(read.csl.type).toBe('report');
    expect(keyBaseFor(read.csl)).toBe('test-organisation-2021');
  });

  it('says what is wrong: nothing pasted, another format, unreadable, several at once, no title', () => {
    const problem = (text: string) => ('problem' in cslFromPaste(text) ? (cslFromPaste(text) as { problem: { key: string } }).problem.key : 'read');
    expect(problem('  ')).toBe('pasteEmpty');
    expect(problem('Ortiz A. A test article. 2019.')).toBe('pasteUnrecognised');
    expect(problem('{"type": "report", "title": ')).toBe('pasteUnreadable');
    expect(problem(`[${CSL}, ${CSL}]`)).toBe('pasteSeveral');
    expect(problem('{"type":"report"}')).toBe('pasteNoTitle');
  });
});

describe('the by-hand form', () => {
  it('makes a CSL item from the fields, authors family name first, organisations as written', () => {
    const read = cslFromManual({ ...EMPTY_MANUAL, type: 'report', authors: 'Ortiz, Ana\nTest Organisation\n', title: 'A test report typed by hand.', journal: 'Test Press', year: '2018', pages: '10-12', doi: 'https://doi.org/10.1371/journal.pone.0001693', pmid: '27933103' });
    if (!('csl' in read)) throw new Error(JSON.stringify(read));
    expect(read.csl).toEqual({
      type: 'report',
      title: 'A test report typed by hand',
      author: [{ family: 'Ortiz', given: 'Ana' }, { literal: 'Test Organisation' }],
      'container-title': 'Test Press',
      issued: { 'date-parts': [[2018]] },
      page: '10-12',
      DOI: '10.1371/journal.pone.0001693',
      PMID: '27933103',
    });
  });

  it('names every field that is wrong', () => {
    const read = cslFromManual({ ...EMPTY_MANUAL, year: '19', doi: 'not a doi', pmid: '0123', url: 'ftp://example.org' });
    expect('problems' in read && read.problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      'm-title:manualTitleMissing',
      'm-year:manualYearInvalid',
      'm-doi:manualDoiInvalid',
      'm-pmid:manualPmidInvalid',
      'm-url:manualUrlInvalid',
    ]);
  });
});
