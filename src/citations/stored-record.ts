/** Stored citations (rows and the directory's CitationView) back to the CitationRecord the formatter and exporter take. */
import type { CitationRow } from '../db/schema.js';
import type { CitationRecord, CslItem } from './record.js';

/** The fields every stored shape has (CitationView fits). */
export interface StoredCitation {
  key: string;
  csl: Record<string, unknown>;
  pmid: string | null;
  pmcid: string | null;
  doi: string | null;
  url: string | null;
  pubTypes: string[];
}

/** Trusts the stored CSL: it was validated as a CitationRecord when saved. */
export function recordFromStored(c: StoredCitation): CitationRecord {
  return {
    key: c.key,
    csl: c.csl as CslItem,
    ...(c.pmid ? { pmid: c.pmid } : {}),
    ...(c.pmcid ? { pmcid: c.pmcid } : {}),
    ...(c.doi ? { doi: c.doi } : {}),
    ...(c.url ? { url: c.url } : {}),
    pubTypes: c.pubTypes,
  };
}

export function storedFromRow(row: CitationRow): StoredCitation & { id: number; title: string; container: string | null; issuedYear: number | null } {
  return {
    id: Number(row.id),
    key: row.key,
    csl: JSON.parse(row.csl) as Record<string, unknown>,
    pmid: row.pmid,
    pmcid: row.pmcid,
    doi: row.doi,
    url: row.url,
    pubTypes: JSON.parse(row.pub_types) as string[],
    title: row.title,
    container: row.container,
    issuedYear: row.issued_year === null ? null : Number(row.issued_year),
  };
}

export function recordFromRow(row: CitationRow): CitationRecord {
  return recordFromStored(storedFromRow(row));
}
