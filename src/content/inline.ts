import type { LinkRef } from '../directory/document.js';

/** [[Target]] or [[Target|label]]; targets hold no brackets or pipes. */
export const WIKI_LINK = /\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,200}))?\]\]/g;
/** [@key], [@pmid:123], [@doi:10.1/x]. */
export const CITATION = /\[@([A-Za-z0-9][A-Za-z0-9_:./;()\-]{0,299})\]/g;

export function parseWikiLink(target: string, label?: string): LinkRef {
  const t = target.trim();
  return { target: t, label: (label ?? t).trim() || t };
}

/** Every [[link]] in a piece of text, in order. */
export function extractLinks(text: string): LinkRef[] {
  return [...text.matchAll(WIKI_LINK)].map((m) => parseWikiLink(m[1]!, m[2]));
}

/** Every [@key] in a piece of text, in order, without repeats. */
export function extractCitationKeys(text: string): string[] {
  return [...new Set([...text.matchAll(CITATION)].map((m) => normaliseCitationKey(m[1]!)))];
}

/** "PMID:123" and "pmid:123" are the same key; DOIs compare lower-case. */
export function normaliseCitationKey(key: string): string {
  const m = /^(pmid|doi):(.+)$/i.exec(key);
  return m ? `${m[1]!.toLowerCase()}:${m[1]!.toLowerCase() === 'doi' ? m[2]!.toLowerCase() : m[2]}` : key;
}
