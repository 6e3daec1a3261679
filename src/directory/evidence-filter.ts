/**
 * Sorting and filtering the A–Z and the tree by the evidence of each page
 * (its own research digests): query parameters, so it works without
 * JavaScript and every choice has an address.
 */
import { z } from 'zod';
import { EVIDENCE_KINDS, type PageEvidence } from './evidence.js';

export const EVIDENCE_AGES = ['any', 'recent', 'older', 'none'] as const;
export const EVIDENCE_SORTS = ['title', 'newest', 'oldest'] as const;

/** A value nobody's form sends (typed by hand, an old link) falls back to "everything, by name" rather than an error page. */
export const EvidenceFilterQuery = z.object({
  age: z.enum(EVIDENCE_AGES).catch('any'),
  kind: z.enum(['any', ...EVIDENCE_KINDS]).catch('any'),
  sort: z.enum(EVIDENCE_SORTS).catch('title'),
});
export type EvidenceFilter = z.infer<typeof EvidenceFilterQuery>;

export function parseEvidenceFilter(query: Record<string, string | undefined>): EvidenceFilter {
  return EvidenceFilterQuery.parse({ age: query.age, kind: query.kind, sort: query.sort });
}

export function isDefaultFilter(f: EvidenceFilter): boolean {
  return f.age === 'any' && f.kind === 'any' && f.sort === 'title';
}

/** The filter as a query string (no "?" for the default), also the render cache's key part. */
export function filterQuery(f: EvidenceFilter): string {
  return isDefaultFilter(f) ? '' : `?${new URLSearchParams({ age: f.age, kind: f.kind, sort: f.sort })}`;
}

/** Whether a page's own evidence passes the filter; `staleYears` is ATOZ_STALE_EVIDENCE_YEARS, the dashboard's measure too. */
export function matchesEvidence(e: PageEvidence | undefined, f: EvidenceFilter, thisYear: number, staleYears: number): boolean {
  if (f.age === 'none') return !e && f.kind === 'any';
  if (f.age !== 'any') {
    if (!e || e.newestYear === null) return false;
    const old = thisYear - e.newestYear > staleYears;
    if ((f.age === 'older') !== old) return false;
  }
  return f.kind === 'any' || (e?.kinds.has(f.kind) ?? false);
}

/** Newest or oldest evidence first; then pages whose digests have no year, then pages with none; ties by name. */
export function compareByEvidence(f: EvidenceFilter, evidence: ReadonlyMap<number, PageEvidence>) {
  // Dated evidence by year, then "year not recorded", then "no digests".
  const rank = (id: number): [number, number] => {
    const e = evidence.get(id);
    if (!e) return [2, 0];
    if (e.newestYear === null) return [1, 0];
    return [0, f.sort === 'newest' ? -e.newestYear : e.newestYear];
  };
  return (a: { id: number; sortTitle: string }, b: { id: number; sortTitle: string }): number => {
    if (f.sort !== 'title') {
      const [ra, ya] = rank(a.id);
      const [rb, yb] = rank(b.id);
      if (ra !== rb) return ra - rb;
      if (ya !== yb) return ya - yb;
    }
    return a.sortTitle.localeCompare(b.sortTitle);
  };
}
