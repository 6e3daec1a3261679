import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCitationFormatter, exportBibliography, type FormattedCitation, identifierLinks } from './format.js';
import { citationFromEsummary, EsummaryDocument } from './pubmed-summary.js';
import { type CitationRecord, citationFromBibliographyEntry } from './record.js';
import { readFixture } from './test-support/fixtures.js';

const real: CitationRecord = citationFromEsummary(
  EsummaryDocument.parse((JSON.parse(readFixture('esummary-27933103.json')) as { result: Record<string, unknown> }).result['27933103']),
);

const xiong = citationFromBibliographyEntry('xiong-2008', {
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
});

const PUBMED = '<a class="cite-link" href="https://pubmed.ncbi.nlm.nih.gov/27933103/">PubMed</a>';
const PMC = '<a class="cite-link" href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5122160/">PMC</a>';
const REAL_DOI = '<a class="cite-link" href="https://doi.org/10.1186/s13321-016-0181-z">DOI</a>';
const MISSING = '<span class="cite-missing">No PubMed record linked</span>';

const vancouver = createCitationFormatter('vancouver');
const apa = createCitationFormatter('apa');

/** Every tag in the output must be one we allow; anything else means unsafe pass-through. */
function unexpectedTags(html: string): string[] {
  const allowed = /^<(\/?(i|b|sup|sub|span|a)|span class="cite-(smallcaps|missing)"|a class="cite-link" href="https:\/\/[^"<>\s]+")>$/;
  return (html.match(/<[^>]*>?/g) ?? []).filter((tag) => !allowed.test(tag));
}

describe('createCitationFormatter: html', () => {
  it('formats the real PubMed record in Vancouver style, followed by PubMed, PMC and DOI links', () => {
    expect(vancouver.html(real)).toBe(
      'Scalfani VF, Williams AJ, Tkachenko V, Karapetyan K, Pshenichnov A, Hanson RM, et al. Programmatic conversion of crystal structures into 3D printable files using Jmol. J Cheminform. 2016;8:66. doi:10.1186/s13321-016-0181-z PubMed PMID: 27933103; PubMed Central PMCID: PMC5122160. ' +
        `${PUBMED} ${PMC} ${REAL_DOI}`,
    );
  });

  it('formats the real record in APA style with italic journal and volume', () => {
    expect(apa.html(real)).toBe(
      'Scalfani, V. F., Williams, A. J., Tkachenko, V., Karapetyan, K., Pshenichnov, A., Hanson, R. M., Liddie, J. M., &amp; Bara, J. E. (2016). Programmatic conversion of crystal structures into 3D printable files using Jmol. <i>Journal of Cheminformatics</i>, <i>8</i>, 66. https://doi.org/10.1186/s13321-016-0181-z ' +
        `${PUBMED} ${PMC} ${REAL_DOI}`,
    );
  });

  it('says when no PubMed record is linked, still linking the DOI', () => {
    const html = vancouver.html(xiong);
    expect(html).toBe(
      'Xiong M, Arnett FC. Differential Dynamic Properties of Scleroderma Fibroblasts in Response to Perturbation of Environmental Stimuli. PLoS ONE. 2008;3(2):e1693. doi:10.1371/journal.pone.0001693 ' +
        `<a class="cite-link" href="https://doi.org/10.1371/journal.pone.0001693">DOI</a> ${MISSING}`,
    );
  });

  it('keeps PubMed-style run-together initials ("FC") intact in both styles', () => {
    expect(vancouver.text(xiong)).toMatch(/^Xiong M, Arnett FC\./);
    expect(apa.text(xiong)).toMatch(/^Xiong, M., & Arnett, F. C. \(2008\)/);
  });

  it('never emits <div> wrappers, csl- classes or the one-item reference number', () => {
    for (const html of [vancouver.html(real), apa.html(real), vancouver.html(xiong), apa.html(xiong)]) {
      expect(html).not.toMatch(/<div|csl-|^1\./);
      expect(unexpectedTags(html)).toEqual([]);
    }
  });

  it('escapes hostile titles, names and identifiers', () => {
    const hostile = citationFromBibliographyEntry('hostile', {
      title: 'Cure <script>alert(1)</script> & "more" <img src=x onerror=alert(2)>',
      author: [{ literal: '"><iframe src=javascript:alert(3)>' }, { family: 'O\'Brien <b onclick="x">', given: 'J' }],
      'container-title': '</i><a href="javascript:alert(4)">J</a>',
      issued: 2020,
      DOI: '10.5555/x"><script>alert(5)</script>#?',
    });
    for (const formatter of [vancouver, apa]) {
      const html = formatter.html(hostile);
      expect(unexpectedTags(html)).toEqual([]);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('href="https://doi.org/10.5555/x%22%3E%3Cscript%3Ealert(5)%3C/script%3E%23%3F"');
    }
  });

  it('stays safe for arbitrary mixes of markup in titles and names', () => {
    const fragment = fc.constantFrom('<i>', '</i>', '<b>', '<sup>', '</span>', '<span style="font-variant:small-caps;">', '<script>', '<div>', '<a href="javascript:x">', '"', "'", '&', '&lt;', '&#60;', '<', '>', 'word', ' ');
    const text = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, (title, family) => {
        const record = citationFromBibliographyEntry('prop', { title, author: [{ family: `X${family}`, given: 'A' }], issued: 2001 });
        expect(unexpectedTags(vancouver.html(record))).toEqual([]);
        expect(unexpectedTags(apa.html(record))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

describe('createCitationFormatter: text', () => {
  it('gives the plain citation without links, entities decoded', () => {
    expect(apa.text(real)).toBe(
      'Scalfani, V. F., Williams, A. J., Tkachenko, V., Karapetyan, K., Pshenichnov, A., Hanson, R. M., Liddie, J. M., & Bara, J. E. (2016). Programmatic conversion of crystal structures into 3D printable files using Jmol. Journal of Cheminformatics, 8, 66. https://doi.org/10.1186/s13321-016-0181-z',
    );
    expect(vancouver.text(xiong)).not.toMatch(/PubMed record|<|&amp;/);
  });
});

describe('createCitationFormatter: cache', () => {
  it('formats a record once, and again only when its content changes', () => {
    const store = new Map<string, FormattedCitation>();
    const formatter = createCitationFormatter('vancouver', { cache: store });
    for (let i = 0; i < 50; i++) formatter.html(xiong);
    expect(store.size).toBe(1);
    const edited = { ...xiong, csl: { ...xiong.csl, title: 'A corrected title' } };
    expect(formatter.html(edited)).toContain('A corrected title');
    expect(store.size).toBe(2);
    expect(formatter.text(edited)).toContain('A corrected title');
    expect(store.size).toBe(2);
  });

  it('keeps styles apart in a shared cache', () => {
    const store = new Map<string, FormattedCitation>();
    createCitationFormatter('vancouver', { cache: store }).html(real);
    const html = createCitationFormatter('apa', { cache: store }).html(real);
    expect(html).toContain('(2016)');
    expect(store.size).toBe(2);
  });

  it('serves 1,000 formatted citations from cache in well under a second', () => {
    const records = Array.from({ length: 20 }, (_, i) =>
      citationFromBibliographyEntry(`perf-${i}`, { title: `Study ${i}`, author: [{ family: `Author${i}`, given: 'AB' }], issued: 2000 + i }),
    );
    const formatter = createCitationFormatter('apa');
    for (const record of records) formatter.html(record); // cold: citeproc runs once per record
    const started = performance.now();
    for (let round = 0; round < 50; round++) for (const record of records) formatter.html(record);
    expect(performance.now() - started).toBeLessThan(250);
  });
});

describe('identifierLinks', () => {
  it('links PMC without PubMed and marks the missing PubMed record', () => {
    const record: CitationRecord = { key: 'k', csl: { type: 'article-journal' }, pmcid: 'PMC1', pubTypes: [] };
    expect(identifierLinks(record)).toBe(`<a class="cite-link" href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/">PMC</a> ${MISSING}`);
  });
});

describe('exportBibliography', () => {
  it('exports RIS with keys as ids', () => {
    const ris = exportBibliography([real, xiong], 'ris');
    expect(ris.match(/^TY {2}- JOUR$/gm)).toHaveLength(2);
    expect(ris).toMatch(/^ID {2}- pmid:27933103$/m);
    expect(ris).toMatch(/^DO {2}- 10\.1371\/journal\.pone\.0001693$/m);
    expect(ris).toMatch(/^AU {2}- Arnett, F\. C\.$/m);
  });

  it('exports BibTeX', () => {
    const bibtex = exportBibliography([real], 'bibtex');
    expect(bibtex).toMatch(/^@article\{/);
    expect(bibtex).toContain('doi = {10.1186/s13321-016-0181-z}');
    expect(bibtex).toContain('journal = {Journal of cheminformatics}');
  });

  it('exports CSL-JSON that round-trips ids and identifiers', () => {
    const items = JSON.parse(exportBibliography([real, xiong], 'csl-json')) as Record<string, unknown>[];
    expect(items.map((item) => item.id)).toEqual(['pmid:27933103', 'xiong-2008']);
    expect(items[0]).toMatchObject({ PMID: '27933103', PMCID: 'PMC5122160', DOI: '10.1186/s13321-016-0181-z', title: real.csl.title });
  });

  it('exports an empty bibliography', () => {
    expect(JSON.parse(exportBibliography([], 'csl-json'))).toEqual([]);
    expect(exportBibliography([], 'ris').trim()).toBe('');
  });
});
