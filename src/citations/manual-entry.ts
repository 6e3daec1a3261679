/**
 * Adding a source without PubMed or Crossref: a reference pasted as RIS,
 * BibTeX or CSL-JSON (read by citation-js), or its details typed into a form.
 * Either way the result is an ordinary citation record, stored through the
 * same import service (so the same paper twice is still one record).
 */
import { cslFromReferenceText } from './format.js';
import { normaliseDoi, normalisePmid } from './identifiers.js';
import { CslItem, type CslName, type CitationRecord, citationFromCsl } from './record.js';

export const MANUAL_TYPES = ['article-journal', 'book', 'chapter', 'report', 'webpage'] as const;
export type ManualType = (typeof MANUAL_TYPES)[number];

/** The fields of the by-hand form, as typed. */
export interface ManualForm {
  type: string;
  authors: string;
  title: string;
  journal: string;
  year: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string;
  pmid: string;
  url: string;
}

export const EMPTY_MANUAL: ManualForm = { type: 'article-journal', authors: '', title: '', journal: '', year: '', volume: '', issue: '', pages: '', doi: '', pmid: '', url: '' };

/** Field ids of the by-hand form (also the `field` of its errors). */
export const MANUAL_FIELD_IDS: Record<keyof ManualForm, string> = {
  type: 'm-type',
  authors: 'm-authors',
  title: 'm-title',
  journal: 'm-journal',
  year: 'm-year',
  volume: 'm-volume',
  issue: 'm-issue',
  pages: 'm-pages',
  doi: 'm-doi',
  pmid: 'm-pmid',
  url: 'm-url',
};
export const PASTE_FIELD_ID = 'paste';

/** What is wrong, as a key of the citations catalogue, for the view to word. */
export type EntryProblem = { field: string; key: EntryProblemKey };
export type EntryProblemKey =
  | 'pasteEmpty'
  | 'pasteUnrecognised'
  | 'pasteUnreadable'
  | 'pasteSeveral'
  | 'pasteNoTitle'
  | 'manualTitleMissing'
  | 'manualYearInvalid'
  | 'manualDoiInvalid'
  | 'manualPmidInvalid'
  | 'manualUrlInvalid'
  | 'manualTooLong';

export type ReferenceFormat = 'ris' | 'bibtex' | 'csl-json';

/** Which of the three formats pasted text is in, from how it starts. */
export function detectFormat(text: string): ReferenceFormat | null {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) return 'csl-json';
  if (t.startsWith('@')) return 'bibtex';
  if (/^TY {2}- /m.test(t)) return 'ris';
  return null;
}

/** One CSL item from a pasted reference, or what is wrong with it. */
export function cslFromPaste(text: string): { csl: CslItem; format: ReferenceFormat } | { problem: EntryProblem } {
  const problem = (key: EntryProblemKey) => ({ problem: { field: PASTE_FIELD_ID, key } });
  if (!text.trim()) return problem('pasteEmpty');
  if (text.length > 20_000) return problem('manualTooLong');
  const format = detectFormat(text);
  if (!format) return problem('pasteUnrecognised');
  let items: unknown[];
  try {
    if (format === 'csl-json') {
      const data: unknown = JSON.parse(text);
      items = Array.isArray(data) ? data : [data];
    } else {
      items = cslFromReferenceText(text, format);
    }
  } catch {
    return problem('pasteUnreadable');
  }
  if (items.length !== 1) return problem(items.length ? 'pasteSeveral' : 'pasteUnreadable');
  const parsed = CslItem.safeParse(stripIds(items[0]));
  if (!parsed.success) return problem('pasteUnreadable');
  if (!parsed.data.title?.trim()) return problem('pasteNoTitle');
  return { csl: parsed.data, format };
}

/** citation-js adds its own ids and internal fields; atoz keys records itself. */
function stripIds(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  const { id: _id, _graph: _g, 'citation-key': _k, ...rest } = item as Record<string, unknown>;
  return rest;
}

/** One CSL item from the by-hand form, or what is wrong with it. */
export function cslFromManual(form: ManualForm): { csl: CslItem } | { problems: EntryProblem[] } {
  const problems: EntryProblem[] = [];
  const add = (field: keyof ManualForm, key: EntryProblemKey) => problems.push({ field: MANUAL_FIELD_IDS[field], key });
  const v = Object.fromEntries(Object.entries(form).map(([k, x]) => [k, x.trim()])) as unknown as ManualForm;
  for (const [name, value] of Object.entries(v) as Array<[keyof ManualForm, string]>) if (value.length > (name === 'authors' ? 5000 : 1000)) add(name, 'manualTooLong');
  if (!v.title) add('title', 'manualTitleMissing');
  const year = v.year ? Number(v.year) : null;
  if (v.year && !(/^\d{4}$/.test(v.year) && year! >= 1500 && year! <= new Date().getUTCFullYear() + 1)) add('year', 'manualYearInvalid');
  const doi = v.doi ? normaliseDoi(v.doi) : null;
  if (v.doi && !doi) add('doi', 'manualDoiInvalid');
  const pmid = v.pmid ? normalisePmid(v.pmid) : null;
  if (v.pmid && !pmid) add('pmid', 'manualPmidInvalid');
  if (v.url && !/^https?:\/\/[^\s]+$/i.test(v.url)) add('url', 'manualUrlInvalid');
  if (problems.length) return { problems };
  const type: ManualType = (MANUAL_TYPES as readonly string[]).includes(v.type) ? (v.type as ManualType) : 'article-journal';
  const authors = v.authors.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map(nameFromLine);
  const csl: CslItem = {
    type,
    title: v.title.replace(/\.$/, ''),
    ...(authors.length ? { author: authors } : {}),
    ...(v.journal ? { 'container-title': v.journal } : {}),
    ...(year ? { issued: { 'date-parts': [[year]] } } : {}),
    ...(v.volume ? { volume: v.volume } : {}),
    ...(v.issue ? { issue: v.issue } : {}),
    ...(v.pages ? { page: v.pages } : {}),
    ...(doi ? { DOI: doi } : {}),
    ...(pmid ? { PMID: pmid } : {}),
    ...(v.url ? { URL: v.url } : {}),
  };
  return { csl };
}

/** "Ortiz, Ana" is family and given names; a line without a comma (an organisation) stays as written. */
function nameFromLine(line: string): CslName {
  const comma = line.indexOf(',');
  if (comma < 0) return { literal: line };
  const family = line.slice(0, comma).trim();
  const given = line.slice(comma + 1).trim();
  return given ? { family, given } : { literal: family };
}

/** The key a new record is cited by: first author's family name and year ("ortiz-2019"), before making it unique. */
export function keyBaseFor(csl: CslItem): string {
  const first = csl.author?.[0];
  const who = first?.family ?? first?.literal ?? csl.title ?? 'source';
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  const slug = who
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 3)
    .join('-');
  return `${slug || 'source'}-${year ?? 'nd'}`;
}

/** The record for a CSL item under a key; null when the item's own fields do not make a valid record. */
export function recordFromEntry(key: string, csl: CslItem): CitationRecord | null {
  try {
    return citationFromCsl(key, csl, []);
  } catch {
    return null;
  }
}
