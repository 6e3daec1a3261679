/**
 * The one schema for a citation: CSL-JSON data plus canonical identifiers.
 * Every source (bibliography.yaml, PubMed, Crossref) ends up as a CitationRecord.
 */
import { z } from 'zod';
import { normaliseDoi, normalisePmcid, normalisePmid, stripDoiPrefix } from './identifiers.js';

/** YAML may give numbers where CSL wants strings (volume: 3); store them as text. */
const text = z.union([z.string(), z.number().transform(String)]);

/** A person or group named on a citation (CSL name variable). */
export const CslName = z.looseObject({
  family: z.string().optional(), // surname, e.g. "Klareskog"
  given: z.string().optional(), // given names or initials, e.g. "L"
  literal: z.string().optional(), // a group or collective name shown as is, e.g. "Scleroderma Study Group"
  suffix: z.string().optional(), // e.g. "Jr"
}).refine((name) => Boolean(name.family?.trim() || name.literal?.trim()), {
  message: 'a name needs a family name or a literal (group) name',
});
export type CslName = z.infer<typeof CslName>;

/** A CSL date: [[year, month?, day?]]. */
export const CslDate = z.looseObject({
  'date-parts': z.array(z.array(z.number().int()).min(1).max(3)).min(1).max(2), // one date, or a range of two
});
export type CslDate = z.infer<typeof CslDate>;

/** The CSL-JSON item; unknown CSL fields (publisher, editor, …) pass through untouched. */
export const CslItem = z.looseObject({
  type: z.string().min(1), // CSL item type, e.g. "article-journal"
  title: z.string().optional(), // title without trailing period
  author: z.array(CslName).optional(), // authors in byline order
  'container-title': z.string().optional(), // full journal name
  'container-title-short': z.string().optional(), // journal abbreviation as cited, e.g. "J Rheumatol"
  issued: CslDate.optional(), // publication date
  volume: text.optional(), // journal volume
  issue: text.optional(), // journal issue
  page: text.optional(), // page range or article number, e.g. "1654-8", "e1693"
  DOI: z.string().optional(), // DOI without resolver prefix
  PMID: text.optional(), // PubMed ID
  PMCID: z.string().optional(), // PubMed Central ID, e.g. "PMC5122160"
  URL: z.string().optional(), // web address of the work, when it has no better identifier
  note: z.string().optional(), // free note shown with the citation, e.g. "Published online ahead of print"
});
export type CslItem = z.infer<typeof CslItem>;

const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an http(s) web address' });

/** A citation as stored and rendered by atoz. */
export const CitationRecord = z.object({
  key: z.string().trim().min(1), // bibliography key ("shahin-2006") or source key ("pmid:27933103")
  csl: CslItem, // the CSL-JSON data used for formatting and export
  pmid: z.string().regex(/^[1-9]\d{0,8}$/, 'must be 1 to 9 digits').optional(), // PubMed ID, canonical digits
  pmcid: z.string().regex(/^PMC\d+$/, 'must look like PMC1234567').optional(), // PubMed Central ID
  doi: z.string().refine((v) => normaliseDoi(v) === v, 'must be a lower-case DOI without prefix, such as 10.1371/journal.pone.0001693').optional(), // lower-cased, no URL prefix
  url: httpUrl.optional(), // http(s) address of the work
  pubTypes: z.array(z.string()), // PubMed publication types; empty when unknown
});
export type CitationRecord = z.infer<typeof CitationRecord>;

/** Raised when a bibliography entry cannot become a CitationRecord; names the key and each bad field. */
export class CitationRecordError extends Error {
  override readonly name = 'CitationRecordError';
  constructor(
    readonly key: string,
    readonly issues: readonly z.core.$ZodIssue[],
    options?: { cause?: unknown },
  ) {
    super(`bibliography entry "${key}": ${issues.map(describeIssue).join('; ')}`, options);
  }
}

/** The issued forms bibliography.yaml accepts: 2006, "2012-08", "2013-06-11", a YAML date, or CSL date-parts. */
const BibliographyIssued = z.unknown().transform((value, ctx): CslDate | undefined => {
  if (value === undefined) return undefined;
  const parsed = parseIssued(value);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

const optionalIdentifier = (normalise: (v: string) => string | null, message: string) =>
  text.transform((value, ctx) => {
    const normalised = normalise(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: `${message} (got "${value}")` });
      return z.NEVER;
    }
    return normalised;
  }).optional();

/** One bibliography.yaml entry: CSL-JSON fields, friendlier issued forms, validated identifiers. */
const BibliographyEntry = CslItem.extend({
  type: z.string().min(1).default('article-journal'),
  issued: BibliographyIssued.optional(),
  PMID: optionalIdentifier(normalisePmid, 'PMID must be 1 to 9 digits'),
  PMCID: optionalIdentifier(normalisePmcid, 'PMCID must look like PMC1234567'),
  DOI: optionalIdentifier((v) => (normaliseDoi(v) ? stripDoiPrefix(v.trim()) : null), 'DOI must look like 10.1371/journal.pone.0001693'),
  URL: httpUrl.optional(),
});

/** Turns one bibliography.yaml entry into a CitationRecord; throws CitationRecordError naming key and field. */
export function citationFromBibliographyEntry(key: string, entry: unknown): CitationRecord {
  const parsed = BibliographyEntry.safeParse(entry);
  if (!parsed.success) throw new CitationRecordError(key, parsed.error.issues, { cause: parsed.error });
  return citationFromCsl(key, parsed.data, []);
}

/** Builds a record from CSL data, deriving the canonical identifiers from the CSL fields. */
export function citationFromCsl(key: string, csl: CslItem, pubTypes: readonly string[]): CitationRecord {
  const pmid = csl.PMID === undefined ? undefined : normalisePmid(csl.PMID) ?? undefined;
  const pmcid = csl.PMCID === undefined ? undefined : normalisePmcid(csl.PMCID) ?? undefined;
  const doi = csl.DOI === undefined ? undefined : normaliseDoi(csl.DOI) ?? undefined;
  const candidate = {
    key,
    csl,
    ...(pmid ? { pmid } : {}),
    ...(pmcid ? { pmcid } : {}),
    ...(doi ? { doi } : {}),
    ...(csl.URL ? { url: csl.URL } : {}),
    pubTypes: [...pubTypes],
  };
  const parsed = CitationRecord.safeParse(candidate);
  if (!parsed.success) throw new CitationRecordError(key, parsed.error.issues, { cause: parsed.error });
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = formatPath(issue.path);
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** ["author", 0, "family"] → "author[0].family" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** Returns CSL date-parts, or a message saying what is wrong. */
function parseIssued(value: unknown): CslDate | string {
  const expected = 'must be a year, "YYYY-MM" or "YYYY-MM-DD"';
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1000 && value <= 9999 ? toCslDate([value]) : `${expected} (got ${value})`;
  }
  if (typeof value === 'string') {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value.trim())) return `${expected} (got "${value}")`;
    const parts = value.trim().split('-').map(Number);
    return isPlausibleDate(parts) ? toCslDate(parts) : `"${value}" is not a real date`;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return toCslDate([value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()]);
  }
  const csl = CslDate.safeParse(value);
  return csl.success ? csl.data : `${expected} or CSL date-parts`;
}

function toCslDate(parts: number[]): CslDate {
  return { 'date-parts': [parts] };
}

function isPlausibleDate([year, month, day]: number[]): boolean {
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  const date = new Date(Date.UTC(year ?? 0, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
