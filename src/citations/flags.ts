/**
 * Retraction and erratum flags on citations: raised by retraction watch, shown
 * to readers until an editor resolves them. Every change bumps the content
 * version so every server re-renders the pages that cite the paper.
 */
import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { type RetractionStatus, isRetractionStatus } from './study-type.js';

export interface CitationFlag {
  id: number;
  citationId: number;
  status: RetractionStatus;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
}

/** A flag with the citation it is on, for the editors' lists. */
export interface FlaggedCitation extends CitationFlag {
  citationKey: string;
  title: string;
  pmid: string | null;
  /** Pages that cite it now. */
  citedBy: Array<{ slug: string; title: string }>;
}

/**
 * Raises a flag unless this citation already has one of this status (open or
 * resolved: a resolved flag stays resolved). Returns whether a new flag was
 * raised; the caller's transaction bumps the content version when so.
 */
export async function raiseFlag(tx: Tx, citationId: number, status: RetractionStatus, at = nowIso()): Promise<boolean> {
  const inserted = await tx
    .insertInto('citation_flags')
    .values({ citation_id: citationId, status, detected_at: at, resolved_at: null, resolved_by: null, resolution_note: null })
    .onConflict((oc) => oc.columns(['citation_id', 'status']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined; // nothing returned: the flag was already there
}

/** Open flags by citation id: what reader pages warn about. */
export async function openFlagsByCitation(db: Db | Tx): Promise<Map<number, RetractionStatus[]>> {
  const rows = await db.selectFrom('citation_flags').select(['citation_id', 'status']).where('resolved_at', 'is', null).orderBy('id').execute();
  const byCitation = new Map<number, RetractionStatus[]>();
  for (const row of rows) {
    if (!isRetractionStatus(row.status)) continue;
    const id = Number(row.citation_id);
    byCitation.set(id, [...(byCitation.get(id) ?? []), row.status]);
  }
  return byCitation;
}

/** Every flag of one citation, newest first. */
export async function flagsOfCitation(db: Db | Tx, citationId: number): Promise<CitationFlag[]> {
  const rows = await flagQuery(db).where('f.citation_id', '=', citationId).orderBy('f.id', 'desc').execute();
  return rows.map(toFlag);
}

/** Open flags with their citations and citing pages, oldest first (the dashboard and /edit/citations). */
export async function openFlags(db: Db): Promise<FlaggedCitation[]> {
  const rows = await flagQuery(db)
    .innerJoin('citations as c', 'c.id', 'f.citation_id')
    .select(['c.key as citation_key', 'c.title as citation_title', 'c.pmid as citation_pmid'])
    .where('f.resolved_at', 'is', null)
    .orderBy('f.id')
    .execute();
  if (!rows.length) return [];
  const uses = await db
    .selectFrom('citation_uses as u')
    .innerJoin('pages as p', 'p.id', 'u.page_id')
    .select(['u.citation_id', 'p.slug', 'p.title'])
    .where('u.citation_id', 'in', [...new Set(rows.map((r) => Number(r.citation_id)))])
    .where('p.deleted_at', 'is', null)
    .orderBy('p.title')
    .execute();
  return rows.map((r) => ({
    ...toFlag(r),
    citationKey: r.citation_key,
    title: r.citation_title,
    pmid: r.citation_pmid,
    citedBy: uses.filter((u) => Number(u.citation_id) === Number(r.citation_id)).map((u) => ({ slug: u.slug, title: u.title })),
  }));
}

/**
 * An editor resolves every open flag of a citation with a note saying what was
 * done. Returns how many flags were resolved (0 when none was open).
 */
export async function resolveFlags(db: Db, input: { citationId: number; userId: number; note: string; ip: string | null }): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const open = await tx.selectFrom('citation_flags').select(['id', 'status']).where('citation_id', '=', input.citationId).where('resolved_at', 'is', null).execute();
    if (!open.length) return 0;
    const at = nowIso();
    await tx
      .updateTable('citation_flags')
      .set({ resolved_at: at, resolved_by: input.userId, resolution_note: input.note })
      .where('id', 'in', open.map((f) => Number(f.id)))
      .execute();
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: 'citation.resolve',
      subjectType: 'citation',
      subjectId: input.citationId,
      details: { statuses: open.map((f) => f.status), note: input.note.slice(0, 500) },
      ip: input.ip,
    });
    await bumpContentVersion(tx);
    return open.length;
  });
}

function flagQuery(db: Db | Tx) {
  return db
    .selectFrom('citation_flags as f')
    .leftJoin('users as u', 'u.id', 'f.resolved_by')
    .select(['f.id', 'f.citation_id', 'f.status', 'f.detected_at', 'f.resolved_at', 'f.resolution_note', 'u.name as resolved_by_name']);
}

function toFlag(r: {
  id: number;
  citation_id: number;
  status: string;
  detected_at: string;
  resolved_at: string | null;
  resolution_note: string | null;
  resolved_by_name: string | null;
}): CitationFlag {
  return {
    id: Number(r.id),
    citationId: Number(r.citation_id),
    status: isRetractionStatus(r.status) ? r.status : 'retracted',
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    resolvedByName: r.resolved_by_name,
    resolutionNote: r.resolution_note,
  };
}
