import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
import type { DocumentScope } from './documents.js';
import { type Lang, isLang } from '../i18n/languages.js';
import { indexText, termsWithDisplay } from './normalize.js';

/** Change in how many documents hold a term, per scope. */
export interface TermDelta {
  page: number;
  entry: number;
  /** How the term was written, for a term new to the vocabulary. */
  display: string;
}

export type TermDeltas = Map<string, TermDelta>;

/**
 * The empty term, which every document holds: its row in search_terms counts
 * the documents of each scope, so query planning knows how common a word is
 * among all of them (query.ts, scanFor) without counting rows.
 */
export const EVERY_DOCUMENT = '';

/** The text fields of a document that are indexed, per scope (must match each backend's columns). */
export function indexedFields(doc: { scope: DocumentScope; title: string; heading: string; links: string; body: string; source: string }): string[] {
  return doc.scope === 'page' ? [doc.title, doc.heading, doc.links, doc.body] : [doc.body, doc.source];
}

/** The index text of each field, as the backends store it. */
export function indexTexts(doc: { title: string; heading: string; links: string; body: string; source: string; scope: DocumentScope; lang?: Lang | string | undefined }) {
  const page = doc.scope === 'page';
  const lang = langOf(doc);
  return {
    title: page ? indexText(doc.title, lang) : '',
    heading: page ? indexText(doc.heading, lang) : '',
    links: page ? indexText(doc.links, lang) : '',
    body: indexText(doc.body, lang),
    // Citations stay in their own language (English): folded as English wherever they are shown.
    source: page ? '' : indexText(doc.source),
  };
}

/** A document's language as normalize.ts knows it (a row's text, or absent: English). */
export function langOf(doc: { lang?: Lang | string | undefined }): Lang {
  return isLang(doc.lang) ? doc.lang : 'en';
}

/** Counts one document in (sign 1) or out (sign −1) of the deltas: exactly the terms its index text holds. */
export function countDocument(deltas: TermDeltas, doc: Parameters<typeof indexedFields>[0] & { lang?: Lang | string | undefined }, sign: 1 | -1, index?: ReturnType<typeof indexTexts>): void {
  const fields = indexedFields(doc);
  const held = new Set<string>();
  // The index text when the caller has it already (storing), else derived again (removing).
  const texts = indexedFields({ ...(index ?? indexTexts(doc)), scope: doc.scope });
  held.add(EVERY_DOCUMENT);
  for (const text of texts) for (const t of text.split(' ')) if (t) held.add(t);
  let displays: Map<string, string> | undefined;
  for (const term of held) {
    let d = deltas.get(term);
    if (!d) {
      // Only a term not seen yet in this batch needs its written form.
      displays ??= displaysOf(fields, langOf(doc));
      deltas.set(term, (d = { page: 0, entry: 0, display: displays.get(term) ?? term }));
    }
    if (doc.scope === 'page') d.page += sign;
    else d.entry += sign;
  }
}

function displaysOf(fields: string[], lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of fields) for (const [term, display] of termsWithDisplay(field, lang)) if (!out.has(term)) out.set(term, display);
  return out;
}

/**
 * Applies the deltas to search_terms in one pass, in term order (so
 * concurrent writers on PostgreSQL lock rows in the same order and cannot
 * deadlock), and drops terms no document holds any more: a deleted page's
 * words are never suggested or used for corrections.
 */
export async function applyTermDeltas(tx: Tx, deltas: TermDeltas): Promise<void> {
  const changed = [...deltas.entries()].filter(([, d]) => d.page !== 0 || d.entry !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < changed.length; i += 500) {
    const batch = changed.slice(i, i + 500);
    await tx
      .insertInto('search_terms')
      .values(batch.map(([term, d]) => ({ term, display: d.display, page_docs: d.page, entry_docs: d.entry })))
      .onConflict((oc) =>
        oc.column('term').doUpdateSet({
          page_docs: sql`search_terms.page_docs + excluded.page_docs`,
          entry_docs: sql`search_terms.entry_docs + excluded.entry_docs`,
        }),
      )
      .execute();
    const shrunk = batch.filter(([, d]) => d.page < 0 || d.entry < 0).map(([term]) => term);
    if (shrunk.length) {
      await tx.deleteFrom('search_terms').where('term', 'in', shrunk).where('page_docs', '<=', 0).where('entry_docs', '<=', 0).execute();
    }
  }
}

/** Every change to the index or synonyms ends here, so cached vocabularies know they are stale. */
export async function bumpSearchGeneration(tx: Tx): Promise<void> {
  await tx.updateTable('search_state').set({ generation: sql`generation + 1` }).where('id', '=', 1).execute();
}
