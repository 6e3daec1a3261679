import { describe, expect, it } from 'vitest';
import { type DigestRow, buildEvidenceMap, digestsByPage, evidenceKind, pageEvidence, readingAid } from './evidence.js';
import { buildTree } from './tree.js';

// Placeholder pages and studies: the tests are about shaping, not medical content.
const tree = buildTree([
  { id: 1, slug: 'topic', title: 'Topic', summary: '', parent_id: null, position: 0 },
  { id: 2, slug: 'cause-a', title: 'Cause A', summary: '', parent_id: 1, position: 1 },
  { id: 3, slug: 'cause-b', title: 'Cause B', summary: '', parent_id: 1, position: 2 },
  { id: 4, slug: 'cause-b-detail', title: 'Cause B detail', summary: '', parent_id: 3, position: 0 },
  { id: 5, slug: 'cause-c', title: 'Cause C', summary: '', parent_id: 1, position: 3 },
]);

let nextEntry = 1;
function digest(pageId: number, year: number | null, pubTypes: string[] = [], extra: Partial<DigestRow> = {}): DigestRow {
  const id = nextEntry++;
  return { entryId: id, pageId, citationId: 100 + id, citationTitle: `Study ${id}`, issuedYear: year, pubTypes, openFlags: [], ...extra };
}

describe('evidence kinds', () => {
  it('fold PubMed publication types into the map’s kinds, strongest first, unknown when none is recorded', () => {
    expect(evidenceKind(['Review', 'Meta-Analysis'])).toBe('review');
    expect(evidenceKind(['Randomized Controlled Trial'])).toBe('trial');
    expect(evidenceKind(['Observational Study'])).toBe('observational');
    expect(evidenceKind(['Case Reports'])).toBe('case-report');
    expect(evidenceKind(['Practice Guideline'])).toBe('other');
    expect(evidenceKind(['Journal Article'])).toBe('other');
    expect(evidenceKind([])).toBe('not-recorded');
  });
});

describe('buildEvidenceMap', () => {
  const rows = [
    digest(1, 2010, ['Review']),
    digest(4, 2006, ['Observational Study']),
    digest(2, 2012, ['Observational Study'], { openFlags: ['retracted'] }),
    digest(3, null, []),
    digest(2, 2008, ['Retracted Publication', 'Case Reports']),
    digest(2, 2008, [], { citationId: null, citationTitle: null }),
  ];
  const map = buildEvidenceMap(tree, 'topic', digestsByPage(rows))!;

  it('has a row for the topic’s own digests, then one per child with its whole subtree, oldest first and undated last', () => {
    expect(map.rows.map((r) => [r.node.slug, r.own, r.marks.map((m) => m.year)])).toEqual([
      ['topic', true, [2010]],
      ['cause-a', false, [2008, 2008, 2012]],
      ['cause-b', false, [2006, null]],
    ]);
    // A digest on a grandchild is drawn in its child's row but leads to its own page.
    expect(map.rows[2]!.marks[0]!.page.slug).toBe('cause-b-detail');
  });

  it('lists children with no digests apart, and counts kinds, undated studies and retractions', () => {
    expect(map.withoutDigests.map((n) => n.slug)).toEqual(['cause-c']);
    expect(map.total).toBe(6);
    expect(map.undated).toBe(1);
    expect(map.years).toEqual({ from: 2006, to: 2012 });
    expect(map.byKind).toEqual({ review: 1, trial: 0, observational: 2, 'case-report': 1, other: 0, 'not-recorded': 2 });
    // One from an open retraction-watch flag, one from the publication types.
    expect(map.retracted).toBe(2);
    expect(map.rows[1]!.marks.map((m) => m.retraction)).toEqual(['retracted', null, 'retracted']);
  });

  it('maps a leaf topic as one row and an unknown slug as nothing', () => {
    const leaf = buildEvidenceMap(tree, 'cause-b-detail', digestsByPage(rows))!;
    expect(leaf.rows.map((r) => [r.node.slug, r.own, r.marks.length])).toEqual([['cause-b-detail', true, 1]]);
    expect(buildEvidenceMap(tree, 'no-such-page', digestsByPage(rows))).toBeNull();
    expect(buildEvidenceMap(tree, 'cause-c', digestsByPage(rows))!.total).toBe(0);
  });
});

describe('readingAid', () => {
  const mapOf = (rows: DigestRow[]) => buildEvidenceMap(tree, 'topic', digestsByPage(rows))!;

  it('says “most are observational and from before 2010” only when the data say so', () => {
    const lines = readingAid(
      mapOf([digest(2, 2004, ['Observational Study']), digest(2, 2006, ['Cohort Studies']), digest(3, 2008, ['Observational Study']), digest(3, 2015, ['Review'])]),
      2026,
    );
    expect(lines).toEqual([
      { key: 'aidCount', values: { count: 4, rows: 2 } },
      { key: 'aidKindMost', kind: 'observational', values: { count: 3, total: 4 } },
      { key: 'aidYearsRange', values: { from: 2004, to: 2015, age: 11 } },
      { key: 'aidYearsMostBefore', values: { year: 2010 } },
    ]);
  });

  it('says honestly when kinds and years are not recorded, and never invents a majority', () => {
    expect(readingAid(mapOf([digest(2, null), digest(3, null)]), 2026)).toEqual([
      { key: 'aidCount', values: { count: 2, rows: 2 } },
      { key: 'aidKindAllUnknown' },
      { key: 'aidYearsNone' },
    ]);
    expect(readingAid(mapOf([digest(2, 2020, ['Review']), digest(3, 2021, ['Case Reports']), digest(3, 2021)]), 2026)).toEqual([
      { key: 'aidCount', values: { count: 3, rows: 2 } },
      { key: 'aidKindMixed', kinds: ['review', 'case-report'] },
      { key: 'aidKindSomeUnknown', values: { count: 1 } },
      { key: 'aidYearsRange', values: { from: 2020, to: 2021, age: 5 } },
    ]);
  });

  it('counts undated studies and retractions, says one study, one year and “all” as such, and has a line for no digests', () => {
    expect(readingAid(mapOf([digest(2, 2013, ['Review'], { openFlags: ['retracted'] }), digest(2, null, ['Review'])]), 2026)).toEqual([
      { key: 'aidCount', values: { count: 2, rows: 1 } },
      { key: 'aidKindAll', kind: 'review', values: { count: 2 } },
      { key: 'aidYearsSingle', values: { year: 2013, age: 13 } },
      { key: 'aidYearsUndated', values: { count: 1 } },
      { key: 'aidRetracted', values: { count: 1 } },
    ]);
    expect(readingAid(mapOf([digest(2, 2013, ['Case Reports']), digest(3, 2013, ['Review']), digest(3, 2013, ['Review'])]), 2026)).toEqual([
      { key: 'aidCount', values: { count: 3, rows: 2 } },
      { key: 'aidKindMost', kind: 'review', values: { count: 2, total: 3 } },
      { key: 'aidYearsOne', values: { year: 2013, age: 13 } },
    ]);
    expect(readingAid(mapOf([digest(2, 2024, ['Observational Study'])]), 2026)).toEqual([
      { key: 'aidCount', values: { count: 1, rows: 1 } },
      { key: 'aidKindSingle', kind: 'observational' },
      { key: 'aidYearsSingle', values: { year: 2024, age: 2 } },
    ]);
    expect(readingAid(mapOf([]), 2026)).toEqual([{ key: 'aidNone' }]);
  });
});

describe('pageEvidence', () => {
  it('gives each page with digests its newest year and kinds', () => {
    const byPage = pageEvidence(digestsByPage([digest(2, 2001, ['Review']), digest(2, 2011), digest(3, null, ['Case Reports'])]));
    expect(byPage.get(2)).toEqual({ newestYear: 2011, kinds: new Set(['review', 'not-recorded']), digests: 2 });
    expect(byPage.get(3)).toEqual({ newestYear: null, kinds: new Set(['case-report']), digests: 1 });
    expect(byPage.has(5)).toBe(false);
  });
});
