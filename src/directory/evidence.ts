/**
 * The evidence map's data: every research digest of a page and the pages under
 * it, by the child page (cause) it belongs to, the year of its study, the kind
 * of study and whether it was retracted; and the plain-language reading aid
 * computed from it. Pure functions over rows the queries read, so the shaping
 * is tested without a database.
 */
import { type RetractionStatus, type StudyTypeId, retractionStatus, studyTypeFromPubTypes } from '../citations/study-type.js';
import type { DirectoryTree, TreeNode } from './tree.js';

/** The kinds of study the map tells apart, each drawn with its own shape. */
export const EVIDENCE_KINDS = ['review', 'trial', 'observational', 'case-report', 'other', 'not-recorded'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** PubMed's finer study types, folded into the map's kinds (guidelines and editorials are neither reviews nor studies: "other"). */
const KIND_OF: Record<StudyTypeId, EvidenceKind> = {
  'meta-analysis': 'review',
  'systematic-review': 'review',
  review: 'review',
  'randomised-trial': 'trial',
  'clinical-trial': 'trial',
  observational: 'observational',
  'case-report': 'case-report',
  guideline: 'other',
  editorial: 'other',
  other: 'other',
  unknown: 'not-recorded',
};

export function evidenceKind(pubTypes: readonly string[]): EvidenceKind {
  return KIND_OF[studyTypeFromPubTypes(pubTypes).id];
}

/** One research digest as the queries read it. */
export interface DigestRow {
  entryId: number;
  pageId: number;
  /** The study; null for a digest whose citation is missing. */
  citationId: number | null;
  citationTitle: string | null;
  issuedYear: number | null;
  pubTypes: readonly string[];
  /** Open retraction-watch flags of the citation (src/citations/flags.ts). */
  openFlags: readonly RetractionStatus[];
}

/** A mark on the map: one digest. */
export interface EvidenceMark {
  entryId: number;
  /** The page the digest is on (the row's page or one under it). */
  page: { slug: string; title: string };
  year: number | null;
  kind: EvidenceKind;
  retraction: RetractionStatus | null;
  citationTitle: string | null;
}

export interface EvidenceRow {
  /** The child page (cause) the row stands for; the topic itself for digests on its own page. */
  node: { slug: string; title: string; sortTitle: string };
  /** Whether the row is the topic's own page rather than a child. */
  own: boolean;
  marks: EvidenceMark[];
}

export interface EvidenceMap {
  topic: { slug: string; title: string };
  rows: EvidenceRow[];
  /** Children with no research digest in their part of the tree. */
  withoutDigests: Array<{ slug: string; title: string; sortTitle: string }>;
  /** Oldest and newest recorded year; null when no digest has a year. */
  years: { from: number; to: number } | null;
  total: number;
  undated: number;
  byKind: Record<EvidenceKind, number>;
  retracted: number;
}

/** Retracted beats a retraction notice beats an erratum; an open flag counts as much as the publication types. */
function strongestRetraction(pubTypes: readonly string[], flags: readonly RetractionStatus[]): RetractionStatus | null {
  const all = new Set<RetractionStatus>([...flags, ...(retractionStatus(pubTypes) ? [retractionStatus(pubTypes)!] : [])]);
  for (const s of ['retracted', 'retraction-notice', 'erratum'] as const) if (all.has(s)) return s;
  return null;
}

/** Groups rows by page id once, for every map drawn from them. */
export function digestsByPage(rows: readonly DigestRow[]): Map<number, DigestRow[]> {
  const byPage = new Map<number, DigestRow[]>();
  for (const r of rows) byPage.set(r.pageId, [...(byPage.get(r.pageId) ?? []), r]);
  return byPage;
}

function subtree(node: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (n: TreeNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/**
 * The map of one topic: a row for the topic's own digests (if any), then one
 * per child in tree order with the digests of the child and everything under
 * it; children without digests are listed apart. Marks in a row run oldest
 * first, undated last.
 */
export function buildEvidenceMap(tree: DirectoryTree, slug: string, byPage: ReadonlyMap<number, readonly DigestRow[]>): EvidenceMap | null {
  const topic = tree.bySlug.get(slug);
  if (!topic) return null;
  const markOf = (row: DigestRow, page: TreeNode): EvidenceMark => ({
    entryId: row.entryId,
    page: { slug: page.slug, title: page.title },
    year: row.issuedYear,
    kind: row.citationId === null ? 'not-recorded' : evidenceKind(row.pubTypes),
    retraction: strongestRetraction(row.pubTypes, row.openFlags),
    citationTitle: row.citationTitle,
  });
  const byYear = (a: EvidenceMark, b: EvidenceMark) => (a.year ?? Infinity) - (b.year ?? Infinity) || a.entryId - b.entryId;
  const label = (n: TreeNode) => ({ slug: n.slug, title: n.title, sortTitle: n.sortTitle });

  const rows: EvidenceRow[] = [];
  const withoutDigests: EvidenceMap['withoutDigests'] = [];
  const own = (byPage.get(topic.id) ?? []).map((r) => markOf(r, topic)).sort(byYear);
  if (own.length) rows.push({ node: label(topic), own: true, marks: own });
  for (const child of topic.children) {
    const marks = subtree(child).flatMap((n) => (byPage.get(n.id) ?? []).map((r) => markOf(r, n))).sort(byYear);
    if (marks.length) rows.push({ node: label(child), own: false, marks });
    else withoutDigests.push(label(child));
  }

  const all = rows.flatMap((r) => r.marks);
  const years = all.flatMap((m) => (m.year === null ? [] : [m.year]));
  const byKind = Object.fromEntries(EVIDENCE_KINDS.map((k) => [k, 0])) as Record<EvidenceKind, number>;
  for (const m of all) byKind[m.kind]++;
  return {
    topic: { slug: topic.slug, title: topic.title },
    rows,
    withoutDigests,
    years: years.length ? { from: Math.min(...years), to: Math.max(...years) } : null,
    total: all.length,
    undated: all.length - years.length,
    byKind,
    retracted: all.filter((m) => m.retraction === 'retracted').length,
  };
}

/**
 * The reading aid: a few short sentences, each a message key with its values
 * (the view words them in the reader's language). Every claim is computed from
 * the map; what is not recorded is said so, never guessed.
 */
export type ReadingAidLine =
  | { key: 'aidNone' }
  | { key: 'aidCount'; values: { count: number; rows: number } }
  | { key: 'aidKindAllUnknown' }
  | { key: 'aidKindMost'; kind: EvidenceKind; values: { count: number; total: number } }
  | { key: 'aidKindAll'; kind: EvidenceKind; values: { count: number } }
  | { key: 'aidKindSingle'; kind: EvidenceKind }
  | { key: 'aidKindMixed'; kinds: EvidenceKind[] }
  | { key: 'aidKindSomeUnknown'; values: { count: number } }
  | { key: 'aidYearsNone' }
  | { key: 'aidYearsRange'; values: { from: number; to: number; age: number } }
  | { key: 'aidYearsOne'; values: { year: number; age: number } }
  | { key: 'aidYearsSingle'; values: { year: number; age: number } }
  | { key: 'aidYearsMostBefore'; values: { year: number } }
  | { key: 'aidYearsUndated'; values: { count: number } }
  | { key: 'aidRetracted'; values: { count: number } };

export function readingAid(map: Pick<EvidenceMap, 'rows' | 'total' | 'undated' | 'byKind' | 'years' | 'retracted'>, thisYear: number): ReadingAidLine[] {
  if (map.total === 0) return [{ key: 'aidNone' }];
  const lines: ReadingAidLine[] = [{ key: 'aidCount', values: { count: map.total, rows: map.rows.length } }];

  const unknown = map.byKind['not-recorded'];
  const recorded = map.total - unknown;
  if (recorded === 0) lines.push({ key: 'aidKindAllUnknown' });
  else {
    const kinds = EVIDENCE_KINDS.filter((k) => k !== 'not-recorded' && map.byKind[k] > 0).sort((a, b) => map.byKind[b] - map.byKind[a]);
    const top = kinds[0]!;
    // "Most" means more than half of the studies whose kind is known; one study or all of them are said so.
    if (recorded === 1 && map.total === 1) lines.push({ key: 'aidKindSingle', kind: top });
    else if (map.byKind[top] === recorded) lines.push({ key: 'aidKindAll', kind: top, values: { count: recorded } });
    else if (map.byKind[top] * 2 > recorded) lines.push({ key: 'aidKindMost', kind: top, values: { count: map.byKind[top], total: recorded } });
    else lines.push({ key: 'aidKindMixed', kinds });
    if (unknown > 0) lines.push({ key: 'aidKindSomeUnknown', values: { count: unknown } });
  }

  const dated = map.rows.flatMap((r) => r.marks.flatMap((m) => (m.year === null ? [] : [m.year]))).sort((a, b) => a - b);
  if (!map.years || dated.length === 0) lines.push({ key: 'aidYearsNone' });
  else {
    const age = Math.max(0, thisYear - map.years.to);
    if (dated.length === 1) lines.push({ key: 'aidYearsSingle', values: { year: map.years.to, age } });
    else lines.push(map.years.from === map.years.to ? { key: 'aidYearsOne', values: { year: map.years.to, age } } : { key: 'aidYearsRange', values: { from: map.years.from, to: map.years.to, age } });
    // The first decade boundary before which more than half of the dated studies lie, said only when it is in the past.
    const boundary = Math.floor(dated[Math.floor(dated.length / 2)]! / 10) * 10 + 10;
    const before = dated.filter((y) => y < boundary).length;
    if (before * 2 > dated.length && boundary <= thisYear - 5 && map.years.to >= boundary) lines.push({ key: 'aidYearsMostBefore', values: { year: boundary } });
    if (map.undated > 0) lines.push({ key: 'aidYearsUndated', values: { count: map.undated } });
  }
  if (map.retracted > 0) lines.push({ key: 'aidRetracted', values: { count: map.retracted } });
  return lines;
}

/** A page's own evidence, for sorting and filtering the A–Z and the tree. */
export interface PageEvidence {
  newestYear: number | null;
  kinds: ReadonlySet<EvidenceKind>;
  digests: number;
}

export function pageEvidence(byPage: ReadonlyMap<number, readonly DigestRow[]>): Map<number, PageEvidence> {
  const out = new Map<number, PageEvidence>();
  for (const [pageId, rows] of byPage) {
    const years = rows.flatMap((r) => (r.issuedYear === null ? [] : [r.issuedYear]));
    out.set(pageId, {
      newestYear: years.length ? Math.max(...years) : null,
      kinds: new Set(rows.map((r) => (r.citationId === null ? 'not-recorded' : evidenceKind(r.pubTypes)))),
      digests: rows.length,
    });
  }
  return out;
}
