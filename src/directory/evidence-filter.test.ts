import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { compareByEvidence, filterQuery, matchesEvidence, parseEvidenceFilter } from './evidence-filter.js';

const evidence = (newestYear: number | null, ...kinds: PageEvidence['kinds'] extends ReadonlySet<infer K> ? K[] : never): PageEvidence => ({ newestYear, kinds: new Set(kinds), digests: kinds.length || 1 });

describe('evidence filter', () => {
  it('reads the address, falling back to everything by name for values no form sends', () => {
    expect(parseEvidenceFilter({})).toEqual({ age: 'any', kind: 'any', sort: 'title' });
    expect(parseEvidenceFilter({ age: 'older', kind: 'trial', sort: 'newest' })).toEqual({ age: 'older', kind: 'trial', sort: 'newest' });
    expect(parseEvidenceFilter({ age: 'ancient', kind: '<script>', sort: 'x' })).toEqual({ age: 'any', kind: 'any', sort: 'title' });
    expect(filterQuery(parseEvidenceFilter({}))).toBe('');
    expect(filterQuery(parseEvidenceFilter({ kind: 'review' }))).toBe('?age=any&kind=review&sort=title');
  });

  it('matches by the age of the newest study against the stale-evidence years, by kind, and pages with no digests', () => {
    const f = (q: Record<string, string>) => parseEvidenceFilter(q);
    const recent = evidence(2022, 'trial');
    const old = evidence(2010, 'review');
    const undated = evidence(null, 'case-report');
    expect([recent, old, undated, undefined].map((e) => matchesEvidence(e, f({ age: 'recent' }), 2026, 7))).toEqual([true, false, false, false]);
    expect([recent, old, undated, undefined].map((e) => matchesEvidence(e, f({ age: 'older' }), 2026, 7))).toEqual([false, true, false, false]);
    expect([recent, old, undated, undefined].map((e) => matchesEvidence(e, f({ age: 'none' }), 2026, 7))).toEqual([false, false, false, true]);
    expect([recent, old, undated, undefined].map((e) => matchesEvidence(e, f({ kind: 'review' }), 2026, 7))).toEqual([false, true, false, false]);
    // Exactly the threshold is still recent, as on the dashboard ("older than").
    expect(matchesEvidence(evidence(2019, 'trial'), f({ age: 'recent' }), 2026, 7)).toBe(true);
  });

  it('sorts newest or oldest first, then undated digests, then pages without any, ties by name', () => {
    const byPage = new Map([[1, evidence(2010, 'review')], [2, evidence(2020, 'trial')], [3, evidence(null, 'other')]]);
    const pages = [{ id: 4, sortTitle: 'D' }, { id: 3, sortTitle: 'C' }, { id: 1, sortTitle: 'A' }, { id: 2, sortTitle: 'B' }, { id: 5, sortTitle: 'B2' }];
    const order = (sort: string) => [...pages].sort(compareByEvidence(parseEvidenceFilter({ sort }), byPage)).map((p) => p.id);
    expect(order('newest')).toEqual([2, 1, 3, 5, 4]);
    expect(order('oldest')).toEqual([1, 2, 3, 5, 4]);
    expect(order('title')).toEqual([1, 2, 5, 3, 4]);
  });
});
