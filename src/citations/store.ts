import type { Tx } from '../db/database.js';
import { nowIso } from '../db/database.js';

/** What the store needs of a citation (a CitationRecord fits). */
export interface StorableCitation {
  key: string;
  csl: { title?: string; 'container-title'?: string; 'container-title-short'?: string; issued?: { 'date-parts'?: unknown[][] } } & Record<string, unknown>;
  pmid?: string | undefined;
  pmcid?: string | undefined;
  doi?: string | undefined;
  url?: string | undefined;
  pubTypes?: string[] | undefined;
}

/**
 * Inserts a citation, or finds the stored one for the same paper (same key,
 * PMID or DOI) and refreshes it; returns its id. Importing a paper twice never
 * makes two records.
 */
export async function upsertCitation(tx: Tx, citation: StorableCitation): Promise<number> {
  const existing = await tx
    .selectFrom('citations')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('key', '=', citation.key),
        ...(citation.pmid ? [eb('pmid', '=', citation.pmid)] : []),
        ...(citation.doi ? [eb('doi', '=', citation.doi.toLowerCase())] : []),
      ]),
    )
    .orderBy('id')
    .executeTakeFirst();
  const year = citation.csl.issued?.['date-parts']?.[0]?.[0];
  const row = {
    csl: JSON.stringify(citation.csl),
    pmid: citation.pmid ?? null,
    pmcid: citation.pmcid ?? null,
    doi: citation.doi?.toLowerCase() ?? null,
    url: citation.url ?? null,
    title: String(citation.csl.title ?? '').trim() || '(untitled)',
    container: (citation.csl['container-title-short'] ?? citation.csl['container-title'] ?? null) as string | null,
    issued_year: typeof year === 'number' ? year : year ? Number(year) || null : null,
    pub_types: JSON.stringify(citation.pubTypes ?? []),
    changed_at: nowIso(),
  };
  if (existing) {
    await tx.updateTable('citations').set(row).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const inserted = await tx.insertInto('citations').values({ key: citation.key, ...row }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
