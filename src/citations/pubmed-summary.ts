/**
 * Maps one PubMed esummary document (retmode=json) to a CitationRecord.
 * Field meanings: /work/shared/pubmed/README.md.
 */
import { z } from 'zod';
import { normalisePmcid } from './identifiers.js';
import { type CitationRecord, type CslDate, type CslItem, type CslName, citationFromCsl } from './record.js';

const field = z.string().default('');

/** The esummary document fields we use; anything else passes unchecked. */
export const EsummaryDocument = z.looseObject({
  uid: z.string(),
  title: z.string(),
  authors: z.array(z.looseObject({ name: z.string(), authtype: z.string().default('Author') })).default([]),
  source: field, // journal abbreviation
  fulljournalname: field,
  pubdate: field, // free text: "2012 Aug", "2013 Jun 11", "2006"
  sortpubdate: field, // "2016/11/23 00:00"
  volume: field,
  issue: field,
  pages: field,
  doctype: field, // "citation" for articles, "book" / "chapter" for Bookshelf items
  articleids: z.array(z.looseObject({ idtype: z.string(), value: z.string() })).default([]),
  pubtype: z.array(z.string()).default([]),
});
export type EsummaryDocument = z.infer<typeof EsummaryDocument>;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NAME_SUFFIXES = new Set(['Jr', 'Sr', 'II', 'III', 'IV', 'V', '2nd', '3rd']);

/** Builds the record; throws CitationRecordError if the document's identifiers are not valid. */
export function citationFromEsummary(doc: EsummaryDocument): CitationRecord {
  const ids = articleIds(doc);
  const csl: CslItem = {
    type: doc.doctype === 'book' ? 'book' : doc.doctype === 'chapter' ? 'chapter' : 'article-journal',
    title: cleanTitle(doc.title),
    author: doc.authors.map(authorFromEsummary).filter((name) => name !== undefined),
    ...nonEmpty({
      'container-title': doc.fulljournalname,
      'container-title-short': doc.source,
      volume: doc.volume,
      issue: doc.issue,
      page: doc.pages,
      DOI: ids.doi,
      PMID: ids.pmid ?? doc.uid,
      PMCID: ids.pmcid,
    }),
  };
  const issued = issuedFromPubDate(doc.pubdate, doc.sortpubdate);
  if (issued) csl.issued = issued;
  return citationFromCsl(`pmid:${doc.uid}`, csl, doc.pubtype);
}

/** "Klareskog L" → {family: "Klareskog", given: "L"}; a collective name stays whole as `literal`. */
export function authorFromEsummary(author: { name: string; authtype: string }): CslName | undefined {
  const name = author.name.trim();
  if (name === '') return undefined;
  if (author.authtype === 'CollectiveName') return { literal: name };
  if (author.authtype !== 'Author') return undefined;
  const tokens = name.split(/\s+/);
  const suffix = tokens.length > 2 && NAME_SUFFIXES.has(tokens.at(-1) ?? '') ? tokens.pop() : undefined;
  const initials = tokens.length > 1 && /^\p{Lu}{1,4}$/u.test(tokens.at(-1) ?? '') ? tokens.pop() : undefined;
  return { family: tokens.join(' '), ...(initials ? { given: initials } : {}), ...(suffix ? { suffix } : {}) };
}

/** "2012 Aug" → [[2012, 8]], "2013 Jun 11" → [[2013, 6, 11]]; falls back to sortpubdate "2016/11/23 00:00". */
export function issuedFromPubDate(pubdate: string, sortpubdate: string): CslDate | undefined {
  const match = /^(\d{4})(?:\s+([A-Za-z]{3})[A-Za-z]*(?:\s+(\d{1,2})\b)?)?/.exec(pubdate.trim());
  if (match) {
    const parts = [Number(match[1])];
    const month = match[2] ? MONTHS.indexOf(match[2].toLowerCase()) + 1 : 0;
    if (month > 0) {
      parts.push(month);
      if (match[3]) parts.push(Number(match[3]));
    }
    return { 'date-parts': [parts] };
  }
  const sortable = /^(\d{4})\/(\d{2})\/(\d{2})/.exec(sortpubdate.trim());
  if (sortable) return { 'date-parts': [[Number(sortable[1]), Number(sortable[2]), Number(sortable[3])]] };
  return undefined;
}

function articleIds(doc: EsummaryDocument): { doi?: string; pmid?: string; pmcid?: string } {
  const byType = new Map(doc.articleids.map((id) => [id.idtype, id.value.trim()]));
  const pmc = byType.get('pmc');
  return {
    doi: byType.get('doi') || undefined,
    pmid: byType.get('pubmed') || undefined,
    // "pmc" holds "PMC5122160"; "pmcid" holds "pmc-id: PMC5122160;" and is not used.
    pmcid: pmc ? (normalisePmcid(pmc) ?? undefined) : undefined,
  };
}

/** PubMed ends titles with a period that CSL styles add themselves. */
function cleanTitle(title: string): string {
  const trimmed = title.trim();
  return trimmed.endsWith('.') && !trimmed.endsWith('..') ? trimmed.slice(0, -1) : trimmed;
}

function nonEmpty<T extends Record<string, string | undefined>>(fields: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value.trim() !== '')) as Partial<Record<keyof T, string>>;
}
