/**
 * Which medical words the pages use that the glossary does not explain, most
 * used first (by how many pages use them). A word counts as medical by its
 * form (the endings of medical vocabulary: -itis, -osis, -cyte, -kine, …),
 * a cautious guess an editor confirms by writing the entry.
 */
import type { Db } from '../db/database.js';
import type { GlossaryTermSummary } from './store.js';

const MEDICAL = /^(?:[a-z-]{2,}(?:itis|osis|oses|emia|aemia|cytes?|blasts?|kines?|genesis|genic|ases?|omas?|pathy|pathies|ology|plasia|trophy|globulins?|phages?|leukins?)|antibod(?:y|ies)|antigens?|autoantibod(?:y|ies)|enzymes?|hormones?|lymphocytes?|endothelial|endothelium|immunity)$/;
/** Everyday words those endings also catch. */
const EVERYDAY = new Set(['base', 'bases', 'case', 'cases', 'phase', 'phases', 'release', 'releases', 'increase', 'increases', 'decrease', 'decreases', 'disease', 'diseases', 'purchase', 'database', 'ease', 'lease', 'please', 'chase', 'biology', 'technology', 'methodology', 'apology', 'home', 'homes', 'some', 'come', 'comes', 'become', 'becomes', 'outcome', 'outcomes', 'income', 'welcome', 'general', 'diagnosis', 'prognosis', 'analysis']);

const singular = (w: string) => (/(?:sis|itis|us|ss)$/.test(w) ? w : w.replace(/ies$/, 'y').replace(/s$/, ''));

/** The words of every term and synonym the glossary has, as the gap finder compares them. */
function coveredWords(known: readonly GlossaryTermSummary[], synonyms: readonly string[]): Set<string> {
  return new Set([...known.map((t) => t.term), ...synonyms].flatMap((w) => w.toLowerCase().split(/[^a-z-]+/)).filter(Boolean).map(singular));
}

/** The medical-looking words of a page body that `covered` lacks: key (singular) → the word as first written. */
function gapsOf(body: string, covered: ReadonlySet<string>): Array<[key: string, word: string]> {
  // Only the words readers read: not link targets, citation keys or addresses.
  const text = body.replace(/\[\[[^\]|]*\|/g, ' ').replace(/\[@[^\]]*\]|\]\([^)]*\)|https?:\/\/\S+/g, ' ').toLowerCase();
  const out: Array<[string, string]> = [];
  for (const word of text.match(/[a-z][a-z-]{4,}/g) ?? []) {
    const w = word.replace(/^-+|-+$/g, '');
    if (!MEDICAL.test(w) || EVERYDAY.has(w) || covered.has(singular(w))) continue;
    out.push([singular(w), w]);
  }
  return out;
}

export async function missingTerms(db: Db, terms: () => Promise<GlossaryTermSummary[]>, synonyms: () => Promise<string[]>, limit = 30): Promise<Array<{ word: string; pages: number }>> {
  const [rows, known, others] = await Promise.all([
    db.selectFrom('entries as e').innerJoin('pages as p', 'p.id', 'e.page_id').select(['e.page_id', 'e.body']).where('p.deleted_at', 'is', null).execute(),
    terms(),
    synonyms(),
  ]);
  const covered = coveredWords(known, others);
  const pagesOf = new Map<string, Set<number>>();
  const shown = new Map<string, string>();
  for (const row of rows) {
    for (const [key, w] of gapsOf(row.body, covered)) {
      if (!shown.has(key)) shown.set(key, w);
      (pagesOf.get(key) ?? pagesOf.set(key, new Set()).get(key)!).add(row.page_id);
    }
  }
  return [...pagesOf]
    .map(([key, pages]) => ({ word: shown.get(key) ?? key, pages: pages.size }))
    .sort((a, b) => b.pages - a.pages || a.word.localeCompare(b.word))
    .slice(0, limit);
}

/** The same for one page as an editor writes it: the words its text uses that the glossary lacks, most used first. */
export async function missingInText(body: string, terms: () => Promise<GlossaryTermSummary[]>, synonyms: () => Promise<string[]>, limit = 10): Promise<Array<{ word: string; uses: number }>> {
  const covered = coveredWords(await terms(), await synonyms());
  const uses = new Map<string, { word: string; uses: number }>();
  for (const [key, word] of gapsOf(body, covered)) {
    const seen = uses.get(key);
    if (seen) seen.uses++;
    else uses.set(key, { word, uses: 1 });
  }
  return [...uses.values()].sort((a, b) => b.uses - a.uses || a.word.localeCompare(b.word)).slice(0, limit);
}
