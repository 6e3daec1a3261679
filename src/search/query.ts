import type { IdRange, MatchExpression, MatchOptions, TermInfo, VocabularyReader } from './backend.js';
import type { DocumentScope } from './documents.js';
import { allowedTypos } from './edit-distance.js';
import type { Lang } from '../i18n/languages.js';
import { STOPWORDS } from './stopwords.js';
import { stem, wordsWithOffsets } from './normalize.js';
import { type SynonymTable, synonymSpans } from './synonyms.js';
import { uses } from './term-index.js';
import { EVERY_DOCUMENT } from './vocabulary.js';

/** Longest query the type-ahead endpoint accepts, and the part of a longer query the results page uses. */
export const MAX_QUERY_CHARS = 200;
/** Words (after leaving out stop words) a query may use; more are ignored and the reader is told. */
export const MAX_QUERY_WORDS = 10;

/** How a document matched: 0 the words as typed, 1 a synonym, 2 a typo correction or word completion. */
export type Tier = 0 | 1 | 2;

/** A way for a group to match: a document holding all these terms. */
export interface Alternative {
  terms: string[];
  tier: Tier;
}

/** One thing the reader asked for: a word, or a run of words the synonym table knows ("natural killer cells"). */
export interface QueryGroup {
  /** The terms as typed (exact). */
  terms: string[];
  /** The words before stemming ("cells"), for rules that count typed letters. */
  typed: string;
  /** Where the words stand in the query text (for "Did you mean"). */
  start: number;
  end: number;
  /** Exact first; then synonyms, corrections, completions. */
  alternatives: Alternative[];
  /** The best typo correction, when the word looks misspelt. */
  correction: TermInfo | null;
}

export interface ParsedQuery {
  /** The query text used (cut to MAX_QUERY_CHARS, control characters removed). */
  text: string;
  groups: QueryGroup[];
  /** True when part of the query was left out (too long, too many words). */
  shortened: boolean;
}

/**
 * Splits the reader's text into groups; nothing in it is ever query syntax
 * (see normalize.ts). Words are folded by the rules of `lang`, the reader's
 * language; where English folds a word otherwise, the English form is an
 * exact alternative too, for the English pages searched with it.
 */
export function parseQuery(input: string, synonyms: SynonymTable | null, lang: Lang = 'en'): ParsedQuery {
  const clean = input.replace(/\p{C}+/gu, ' ');
  const text = clean.slice(0, MAX_QUERY_CHARS).trim();
  const tokens = wordsWithOffsets(text, lang).flatMap((w) => w.terms.map((term, i) => ({ term, folded: w.folded[i]!, start: w.start, end: w.end })));
  const spans = synonymSpans(tokens.map((t) => t.term), synonyms);
  const groups: QueryGroup[] = [];
  let at = 0;
  for (const span of spans) {
    const first = tokens[at]!;
    const last = tokens[at + span.length - 1]!;
    at += span.length;
    if (groups.some((g) => g.terms.join(' ') === span.join(' '))) continue; // "ssc ssc" asks once
    const alternatives: Alternative[] = [{ terms: span, tier: 0 }];
    if (lang !== 'en' && span.length === 1 && !STOPWORDS.has(first.folded)) {
      const english = stem(first.folded);
      if (english !== span[0]) alternatives.push({ terms: [english], tier: 0 });
    }
    for (const alt of synonyms?.alternativesOf(span) ?? []) alternatives.push({ terms: alt, tier: 1 });
    const typed = tokens.slice(at - span.length, at).map((t) => t.folded).join(' ');
    groups.push({ terms: span, typed, start: first.start, end: last.end, alternatives, correction: null });
  }
  return {
    text,
    groups: groups.slice(0, MAX_QUERY_WORDS),
    shortened: clean.trim().length > MAX_QUERY_CHARS || groups.length > MAX_QUERY_WORDS,
  };
}

export interface ExpandOptions {
  synonyms: SynonymTable | null;
  typos: boolean;
  /**
   * Word completion for the last word: 'always' while typing (suggestions),
   * 'unknown' on the results page (only when the word is in no document).
   */
  completeLast: 'always' | 'unknown' | 'never';
}

/** Fewest letters a word needs before it is completed ("scl" → scleroderma, sclerosis). */
const MIN_COMPLETION = { always: 2, unknown: 3, never: Infinity } as const;
/** Fewer documents than this and a known word may still be a slip (the directory has typos too). */
const RARE = 5;
/** A known word is still treated as a possible slip when a near word is this many times more used. */
const MUCH_MORE_USED = 10;

/**
 * Adds typo corrections and completions, drawn from the index's own
 * vocabulary (so a correction always finds something), each with its own
 * synonyms, at tier 2.
 */
export async function expandQuery(query: ParsedQuery, vocabulary: VocabularyReader, options: ExpandOptions): Promise<void> {
  const singles = query.groups.filter((g) => g.terms.length === 1);
  if (!singles.length) return;
  const counts = await vocabulary.counts(singles.map((g) => g.terms[0]!));
  await Promise.all(
    singles.map(async (group) => {
      const term = group.terms[0]!;
      const typed = group.typed;
      const own = counts.get(term);
      const used = own ? uses(own) : 0;
      const added: Alternative[] = [];
      // A word in several documents is meant as written; only unknown and rare words may be slips.
      // Letters are counted without a plural ending ("thrapies" → thrapy): the vocabulary holds words that way.
      const slips = options.typos && used < RARE ? allowedTypos(term) : 0;
      if (slips > 0) {
        const near = (await vocabulary.near(term, slips, 6)).filter((c) => uses(c) >= Math.max(1, used * MUCH_MORE_USED)).slice(0, 3);
        group.correction = near[0] ?? null;
        for (const c of near) added.push({ terms: [c.term], tier: 2 });
      }
      const isLast = group === query.groups[query.groups.length - 1];
      const complete = options.completeLast === 'always' || (options.completeLast === 'unknown' && used === 0);
      if (isLast && complete && typed.length >= MIN_COMPLETION[options.completeLast]) {
        for (const c of await vocabulary.withPrefix(typed, 8)) if (c.term !== term) added.push({ terms: [c.term], tier: options.completeLast === 'always' ? 1 : 2 });
      }
      for (const alt of added) {
        group.alternatives.push(alt);
        for (const syn of options.synonyms?.alternativesOf(alt.terms) ?? []) group.alternatives.push({ terms: syn, tier: 2 });
      }
      group.alternatives = dedupe(group.alternatives);
    }),
  );
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const best = new Map<string, Alternative>();
  for (const alt of alternatives) {
    const key = alt.terms.join(' ');
    const seen = best.get(key);
    if (!seen || alt.tier < seen.tier) best.set(key, alt);
  }
  return [...best.values()].sort((a, b) => a.tier - b.tier);
}

/** Every term any alternative uses (for one vocabulary lookup). */
export function allTerms(query: ParsedQuery): string[] {
  return [...new Set(query.groups.flatMap((g) => g.alternatives.flatMap((a) => a.terms)))];
}

/** Documents holding a term, per scope. */
export function docsIn(info: TermInfo | undefined, scope: DocumentScope): number {
  return info ? (scope === 'page' ? info.pageDocs : info.entryDocs) : 0;
}

/**
 * The match expression for one tier and scope: alternatives up to the tier
 * whose terms all occur in that scope. Null when some group cannot match,
 * which saves asking the database.
 */
export function expressionFor(query: ParsedQuery, tier: Tier, scope: DocumentScope, counts: Map<string, TermInfo>): MatchExpression | null {
  const expression: MatchExpression = [];
  for (const group of query.groups) {
    const alts = group.alternatives.filter((a) => a.tier <= tier && a.terms.every((t) => docsIn(counts.get(t), scope) > 0)).map((a) => a.terms);
    if (!alts.length) return null;
    expression.push(alts);
  }
  return expression.length ? expression : null;
}

/** An upper bound of the documents an expression matches: its least common group. */
export function estimateMatches(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>): number {
  let least = Infinity;
  for (const group of expression) {
    const n = group.reduce((sum, alt) => sum + Math.min(...alt.map((t) => docsIn(counts.get(t), scope))), 0);
    least = Math.min(least, n);
  }
  return least;
}

/**
 * The documents an expression likely matches; null when the scope's size is
 * not known (an index built before EVERY_DOCUMENT was counted). Words the
 * reader typed apart: between what independent words would give (the product
 * of their shares) and the rarest word's share; words in real text go
 * together more often than chance, so the geometric mean of the two. The
 * terms of one alternative (a synonym's words, "TGF-β", "bleomycin-induced")
 * are one phrase, found wherever its rarest word is: that word's share.
 */
export function likelyMatches(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>): number | null {
  const total = docsIn(counts.get(EVERY_DOCUMENT), scope);
  if (!total) return null;
  const together = (shares: number[]) => Math.sqrt(shares.reduce((p, x) => p * x, 1) * Math.min(...shares));
  const phrase = (alt: string[]) => Math.min(...alt.map((t) => docsIn(counts.get(t), scope) / total));
  const groupShare = (group: string[][]) => Math.min(1, group.reduce((sum, alt) => sum + phrase(alt), 0));
  return total * together(expression.map(groupShare));
}

/**
 * Reading newest first costs about limit × documents ÷ matches rows; collecting
 * every match costs its matches, each about twice as dear (measured on
 * PostgreSQL at 100,000 digests: 1.4–2.1 µs a row read in order, 2.6–2.7 µs a
 * match collected). The case this guards: two common words rarely found
 * together, where the planner would read every document and find none.
 * Collecting only among the newest ids (given their range) costs the rows of
 * a span sized to hold SPAN_MARGIN × limit matches, plus walking the word
 * index where it is shortest (the rarest group's postings, about a twentieth
 * of a row each); that wins in between, where both others read thousands of
 * rows (a word in 1–20 % of a million digests).
 */
export function scanFor(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>, limit: number, ids: IdRange | null = null): MatchOptions['scan'] {
  const likely = likelyMatches(expression, scope, counts);
  if (likely === null) return undefined;
  // Newest first walks every document, of both scopes (one table, one primary key), to find this scope's.
  const every = counts.get(EVERY_DOCUMENT);
  const walked = docsIn(every, 'page') + docsIn(every, 'entry');
  const newestFirst = (limit * walked) / Math.max(likely, 1);
  const allMatches = 2 * likely;
  if (ids && likely >= SPAN_MARGIN * limit) {
    const span = 2 * SPAN_MARGIN * limit + estimateMatches(expression, scope, counts) / 20;
    if (span < newestFirst && span < allMatches) return 'newest-span';
  }
  return newestFirst < allMatches ? 'newest-first' : 'all-matches';
}

/** The span holds this many times `limit` matches, as estimated: estimates are rough, and too narrow a span costs a second look. */
const SPAN_MARGIN = 4;
/** Reading newest first stops at its `limit`th match; the walk is bounded where this many times `limit` would likely be. */
const WALK_MARGIN = 3;
/**
 * A span is never wider than this share of the ids: where words are found
 * together far more often than estimated (or rarely, with hardly a dozen to
 * collect), a quarter of them reads a quarter of the rows, and one that
 * comes back short is asked again over every match.
 */
const MAX_SPAN_SHARE = 0.25;

function spanShare(likely: number, limit: number, margin: number): number {
  return Math.min(MAX_SPAN_SHARE, (margin * limit) / Math.max(likely, 1));
}

/**
 * For 'newest-span' and 'newest-first': the newest ids, among which the
 * newest `limit` matches likely are. Reading newest first is bounded too: a
 * database planner that thinks the words rarer than they are would otherwise
 * read the whole table instead.
 */
export function spanFor(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>, limit: number, ids: IdRange, scan: 'newest-span' | 'newest-first'): NonNullable<MatchOptions['span']> {
  const likely = likelyMatches(expression, scope, counts) ?? 0;
  const share = spanShare(likely, limit, scan === 'newest-span' ? SPAN_MARGIN : WALK_MARGIN);
  return { above: ids.max - Math.ceil(share * (ids.max - ids.min + 1)), newest: ids.max };
}

/** The query text with each misspelt word replaced by its correction; null when nothing was corrected. */
export function correctedText(query: ParsedQuery): string | null {
  const fixes = query.groups.filter((g) => g.correction).sort((a, b) => b.start - a.start);
  if (!fixes.length) return null;
  let text = query.text;
  for (const g of fixes) text = text.slice(0, g.start) + g.correction!.display + text.slice(g.end);
  return text;
}
