/** The read side of the citation editor pages: search the stored citations, one citation with where it is cited. */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { parseCitationInput } from './identifiers.js';
import { type StoredCitation, storedFromRow } from './stored-record.js';

export const CITATIONS_PER_PAGE = 50;

export type ListedCitation = StoredCitation & {
  id: number;
  title: string;
  container: string | null;
  issuedYear: number | null;
  /** Live pages citing it. */
  useCount: number;
  /** Open retraction/erratum flags. */
  openFlags: number;
};

export interface CitationSearch {
  rows: ListedCitation[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Citations matching `q`: a PMID or DOI (in any pasted form) matches that
 * identifier exactly; other text matches title or key, ignoring case.
 * Alphabetical by title.
 */
export async function searchCitations(db: Db, q: string, page = 1): Promise<CitationSearch> {
  const text = q.trim().slice(0, 300);
  let base = db.selectFrom('citations as c');
  if (text) {
    const parsed = parseCitationInput(text);
    if (parsed.kind === 'pmid') base = base.where('c.pmid', '=', parsed.pmid);
    else if (parsed.kind === 'doi') base = base.where('c.doi', '=', parsed.doi);
    else {
      // LIKE wildcards the editor typed are literal here.
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      base = base.where((eb) => eb.or([sql<boolean>`lower(c.title) like ${pattern} escape '\\'`, sql<boolean>`lower(c.key) like ${pattern} escape '\\'`]));
    }
  }
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  const pageCount = Math.max(1, Math.ceil(total / CITATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const rows = await base
    .selectAll('c')
    .select((eb) => [
      eb
        .selectFrom('citation_uses as u')
        .innerJoin('pages as p', 'p.id', 'u.page_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.citation_id', '=', 'c.id')
        .where('p.deleted_at', 'is', null)
        .as('use_count'),
      eb
        .selectFrom('citation_flags as f')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('f.citation_id', '=', 'c.id')
        .where('f.resolved_at', 'is', null)
        .as('open_flags'),
    ])
    .orderBy(sql`lower(c.title)`)
    .orderBy('c.id')
    .limit(CITATIONS_PER_PAGE)
    .offset((current - 1) * CITATIONS_PER_PAGE)
    .execute();
  return {
    rows: rows.map((r) => ({ ...storedFromRow(r), useCount: Number(r.use_count ?? 0), openFlags: Number(r.open_flags ?? 0) })),
    total,
    page: current,
    pageCount,
  };
}

export type CitationDetail = ReturnType<typeof storedFromRow> & { citedBy: Array<{ slug: string; title: string }> };

export async function citationDetail(db: Db, id: number): Promise<CitationDetail | null> {
  const row = await db.selectFrom('citations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const citedBy = await db
    .selectFrom('citation_uses as u')
    .innerJoin('pages as p', 'p.id', 'u.page_id')
    .select(['p.slug', 'p.title'])
    .where('u.citation_id', '=', id)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.title')
    .execute();
  return { ...storedFromRow(row), citedBy };
}
