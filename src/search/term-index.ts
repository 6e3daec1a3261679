import type { Db } from '../db/database.js';
import type { IdRange, TermInfo, VocabularyReader } from './backend.js';
import { editDistance } from './edit-distance.js';
import { EVERY_DOCUMENT } from './vocabulary.js';

/**
 * The vocabulary in memory (both databases), loaded once per index
 * generation: exact counts,
 * prefix ranges by binary search over the sorted terms, and typo candidates
 * by shared trigrams. By the q-gram lemma a word within k edits keeps at
 * least (its distinct trigrams − 4k) of them (a transposition disturbs at
 * most four), so the count filter drops no true neighbour; of the survivors,
 * the MAX_CHECKED sharing the most trigrams get the exact distance check.
 */
/** Typo candidates checked exactly per word. */
const MAX_CHECKED = 300;

export class TermIndex implements VocabularyReader {
  private readonly infos: TermInfo[];
  private readonly byTerm = new Map<string, TermInfo>();
  private readonly grams = new Map<string, number[]>();
  private readonly shared: Int32Array;

  constructor(
    rows: TermInfo[],
    private readonly ids: IdRange | null = null,
  ) {
    // The documents' count (EVERY_DOCUMENT) answers counts() but is no word to complete or correct to.
    const all = rows.find((r) => r.term === EVERY_DOCUMENT);
    if (all) this.byTerm.set(all.term, all);
    this.infos = rows.filter((r) => r !== all).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    this.shared = new Int32Array(this.infos.length);
    this.infos.forEach((info, i) => {
      this.byTerm.set(info.term, info);
      for (const g of new Set(trigrams(info.term))) {
        const list = this.grams.get(g);
        if (list) list.push(i);
        else this.grams.set(g, [i]);
      }
    });
  }

  get size(): number {
    return this.infos.length;
  }

  async counts(terms: string[]): Promise<Map<string, TermInfo>> {
    const out = new Map<string, TermInfo>();
    for (const t of terms) {
      const info = this.byTerm.get(t);
      if (info) out.set(t, info);
    }
    return out;
  }

  async near(term: string, maxDistance: number, limit: number): Promise<Array<TermInfo & { distance: number }>> {
    const own = new Set(trigrams(term));
    // Each edit removes at most four distinct trigrams of the word.
    const needed = own.size - 4 * maxDistance;
    const candidates: Array<[number, number]> = [];
    const fits = (i: number) => this.infos[i]!.term !== term && Math.abs(this.infos[i]!.term.length - term.length) <= maxDistance;
    if (needed <= 0) {
      // Too few trigrams for the filter to promise anything (short or repetitive words): consider every term.
      for (let i = 0; i < this.infos.length; i++) if (fits(i)) candidates.push([i, 0]);
    } else {
      // Shared-trigram counts in a reused array; `touched` lists what to reset afterwards.
      const touched: number[] = [];
      for (const g of own) {
        for (const i of this.grams.get(g) ?? []) if ((this.shared[i] = this.shared[i]! + 1) === 1) touched.push(i);
      }
      for (const i of touched) {
        if (this.shared[i]! >= needed && fits(i)) candidates.push([i, this.shared[i]!]);
        this.shared[i] = 0;
      }
    }
    // Only the most similar are checked exactly, so a short or common-looking word costs no more than a long one.
    if (candidates.length > MAX_CHECKED) candidates.sort((a, b) => b[1] - a[1]).length = MAX_CHECKED;
    const found: Array<TermInfo & { distance: number }> = [];
    for (const [i] of candidates) {
      const info = this.infos[i]!;
      const distance = editDistance(term, info.term, maxDistance);
      if (distance <= maxDistance) found.push({ ...info, distance });
    }
    return found.sort(byDistanceThenUse).slice(0, limit);
  }

  async idRange(): Promise<IdRange | null> {
    return this.ids;
  }

  async withPrefix(prefix: string, limit: number): Promise<TermInfo[]> {
    let lo = 0;
    let hi = this.infos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.infos[mid]!.term < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: TermInfo[] = [];
    for (let i = lo; i < this.infos.length && this.infos[i]!.term.startsWith(prefix); i++) out.push(this.infos[i]!);
    return out.sort((a, b) => uses(b) - uses(a)).slice(0, limit);
  }
}

/** Padded trigrams ("$$raynaud$"), as pg_trgm pads, so short words still have several. */
function trigrams(term: string): string[] {
  const padded = `$$${term}$`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

export function uses(info: TermInfo): number {
  return info.pageDocs + info.entryDocs;
}

export function byDistanceThenUse(a: TermInfo & { distance: number }, b: TermInfo & { distance: number }): number {
  return a.distance - b.distance || uses(b) - uses(a) || (a.term < b.term ? -1 : 1);
}

/**
 * The vocabulary of one database held in memory per index generation
 * (search_state): every search reads the generation first, so a server sees
 * another's change on its next search, and the word look-ups of query
 * planning (counts, typo neighbours, completions) cost no round trip. A failed
 * load does not stick: the next search tries again.
 */
export function generationVocabulary(): (db: Db, generation: number) => VocabularyReader {
  let cached: { generation: number; index: Promise<TermIndex> } | undefined;
  return (db, generation) => {
    if (cached?.generation !== generation) {
      const index = Promise.all([loadTerms(db), loadIdRange(db)]).then(([rows, ids]) => new TermIndex(rows, ids));
      index.catch(() => {
        if (cached?.index === index) cached = undefined;
      });
      cached = { generation, index };
    }
    const index = cached.index;
    return {
      counts: async (terms) => (await index).counts(terms),
      near: async (term, max, limit) => (await index).near(term, max, limit),
      withPrefix: async (prefix, limit) => (await index).withPrefix(prefix, limit),
      idRange: async () => (await index).idRange(),
    };
  };
}

async function loadTerms(db: Db): Promise<TermInfo[]> {
  const rows = await db.selectFrom('search_terms').select(['term', 'display', 'page_docs', 'entry_docs']).execute();
  return rows.map((r) => ({ term: r.term, display: r.display, pageDocs: Number(r.page_docs), entryDocs: Number(r.entry_docs) }));
}

/** Two ends of the primary key: an index look-up each. */
async function loadIdRange(db: Db): Promise<IdRange | null> {
  const row = await db.selectFrom('search_documents').select((eb) => [eb.fn.min('id').as('min'), eb.fn.max('id').as('max')]).executeTakeFirst();
  return row?.min == null || row.max == null ? null : { min: Number(row.min), max: Number(row.max) };
}
