import type { Lang } from '../i18n/languages.js';
import { terms } from './normalize.js';

/** One row of the curated synonym table: terms sharing a group id mean the same. */
export interface SynonymRow {
  group_id: number;
  term: string;
  /** The language the term is written in (folded by its rules); English when absent. */
  lang?: Lang;
}

/** A term as search terms, e.g. "Raynaud's phenomenon" → ['raynaud', 'phenomenon']. */
export type TermSequence = string[];

/** Most variants one member may produce by substituting synonyms inside it. */
const MAX_VARIANTS = 12;

/**
 * The synonym table, ready for query expansion. Groups are two-way ("SSc"
 * finds "systemic sclerosis" and back). A member that contains another
 * group's term also stands for its variants: "diffuse cutaneous SSc" also
 * means "diffuse cutaneous systemic sclerosis".
 */
export class SynonymTable {
  private readonly byKey = new Map<string, TermSequence[]>();
  /** Longest member, in terms: how far ahead the query scanner looks. */
  readonly longest: number;

  constructor(rows: SynonymRow[]) {
    const groups = new Map<number, string[]>();
    for (const row of rows) {
      const key = terms(row.term, row.lang).join(' ');
      if (!key) continue;
      const members = groups.get(row.group_id) ?? [];
      if (!members.includes(key)) members.push(key);
      groups.set(row.group_id, members);
    }
    const groupsOfKey = new Map<string, Set<string>>();
    for (const members of groups.values()) {
      for (const key of members) {
        const set = groupsOfKey.get(key) ?? new Set<string>();
        for (const other of members) set.add(other);
        groupsOfKey.set(key, set);
      }
    }
    let longest = 0;
    for (const [key, equivalents] of groupsOfKey) {
      longest = Math.max(longest, key.split(' ').length);
      const expanded = new Set<string>();
      for (const member of equivalents) for (const v of variants(member, groupsOfKey, equivalents)) expanded.add(v);
      expanded.delete(key);
      this.byKey.set(key, [...expanded].map((k) => k.split(' ')));
    }
    this.longest = longest;
  }

  /** Other ways to say `sequence` (never the sequence itself); empty when it has none. */
  alternativesOf(sequence: TermSequence): TermSequence[] {
    return this.byKey.get(sequence.join(' ')) ?? [];
  }

  has(sequence: TermSequence): boolean {
    return this.byKey.has(sequence.join(' '));
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** The member itself plus one-level substitutions of other groups' terms inside it ("Raynaud" inside "Raynaud's phenomenon" is its own group: left alone). */
function variants(member: string, groupsOfKey: Map<string, Set<string>>, ownGroup: Set<string>): string[] {
  const out = [member];
  const words = member.split(' ');
  if (words.length < 2) return out;
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= words.length; end++) {
      if (end - start === words.length) continue;
      const inner = words.slice(start, end).join(' ');
      const swaps = groupsOfKey.get(inner);
      if (!swaps || ownGroup.has(inner)) continue;
      for (const swap of swaps) {
        if (swap === inner) continue;
        out.push([...words.slice(0, start), swap, ...words.slice(end)].join(' '));
        if (out.length > MAX_VARIANTS) return out;
      }
    }
  }
  return out;
}

/**
 * Splits query terms into spans: the longest run of terms that is a synonym
 * table entry becomes one span ("natural killer cells"), every other term is
 * a span of its own.
 */
export function synonymSpans(queryTerms: string[], table: SynonymTable | null): TermSequence[] {
  const spans: TermSequence[] = [];
  for (let i = 0; i < queryTerms.length; ) {
    let taken = 1;
    if (table) {
      for (let len = Math.min(table.longest, queryTerms.length - i); len > 1; len--) {
        if (table.has(queryTerms.slice(i, i + len))) {
          taken = len;
          break;
        }
      }
    }
    spans.push(queryTerms.slice(i, i + taken));
    i += taken;
  }
  return spans;
}
