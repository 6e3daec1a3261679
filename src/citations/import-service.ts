/**
 * Storing a looked-up record: one transaction that upserts the citation (the
 * same paper twice is one record), stores its formatting, raises a flag when
 * PubMed already marks it retracted, writes the audit entry and bumps the
 * content version. Either all of it happens or none.
 */
import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { raiseFlag } from './flags.js';
import type { CitationRecord } from './record.js';
import type { CitationRendering } from './rendering.js';
import { upsertCitation } from './store.js';
import { recordFromRow } from './stored-record.js';
import { retractionStatus } from './study-type.js';

export interface SavedCitation {
  id: number;
  /** The key pages use: the existing record's key when the paper was already there. */
  key: string;
  /** False when an existing record was found and refreshed. */
  created: boolean;
}

/** The stored record for the same paper (same key, PMID or DOI), if any. */
export async function findExistingCitation(db: Db | Tx, record: Pick<CitationRecord, 'key' | 'pmid' | 'doi'>): Promise<{ id: number; key: string } | null> {
  const row = await db
    .selectFrom('citations')
    .select(['id', 'key'])
    .where((eb) =>
      eb.or([
        eb('key', '=', record.key),
        ...(record.pmid ? [eb('pmid', '=', record.pmid)] : []),
        ...(record.doi ? [eb('doi', '=', record.doi.toLowerCase())] : []),
      ]),
    )
    .orderBy('id')
    .executeTakeFirst();
  return row ? { id: Number(row.id), key: row.key } : null;
}

export async function saveCitation(
  deps: { db: Db; rendering: CitationRendering },
  record: CitationRecord,
  context: { actorUserId: number | null; ip: string | null; source: string; tx?: Tx },
): Promise<SavedCitation> {
  const work = async (tx: Tx): Promise<SavedCitation> => {
    const existing = await findExistingCitation(tx, record);
    const id = Number(await upsertCitation(tx, record));
    const row = await tx.selectFrom('citations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await deps.rendering.store(tx, [recordFromRow(row)]);
    const status = retractionStatus(record.pubTypes);
    if (status) await raiseFlag(tx, id, status);
    await recordAudit(tx, {
      actorUserId: context.actorUserId,
      action: 'citation.import',
      subjectType: 'citation',
      subjectId: id,
      details: { key: row.key, pmid: record.pmid ?? null, doi: record.doi ?? null, source: context.source, refreshed: existing !== null },
      ip: context.ip,
    });
    await bumpContentVersion(tx);
    return { id, key: row.key, created: existing === null };
  };
  return context.tx ? work(context.tx) : deps.db.transaction().execute(work);
}
