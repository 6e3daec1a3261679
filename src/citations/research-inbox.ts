/**
 * The new-research inbox: each topic may keep a saved PubMed query; a job runs
 * it and puts papers added to PubMed since the last run here, for an editor to
 * turn into a draft digest or dismiss. A PMID appears at most once per topic, ever.
 */
import { z } from 'zod';
import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { ResearchInboxStatus } from '../db/schema.js';
import { CitationRecord } from './record.js';

/** A saved query's term: what PubMed's search box takes. */
/** The longest saved PubMed search. */
export const RESEARCH_TERM_MAX = 500;

export const ResearchQueryTerm = z
  .string()
  .trim()
  .max(RESEARCH_TERM_MAX, 'Keep the search to at most 500 characters.')
  .refine((t) => !/[\u0000-\u001f]/.test(t), 'The search cannot contain line breaks or control characters.');

export interface ResearchQuery {
  id: number;
  pageId: number;
  slug: string;
  pageTitle: string;
  term: string;
  updatedAt: string;
  lastRunAt: string | null;
  lastError: string | null;
  lastFound: number;
}

export interface InboxItem {
  id: number;
  pageId: number;
  slug: string;
  pageTitle: string;
  pmid: string;
  title: string;
  journal: string | null;
  published: string | null;
  pubTypes: string[];
  foundAt: string;
  status: ResearchInboxStatus;
  revisionId: number | null;
}

function queryRows(db: Db | Tx) {
  return db
    .selectFrom('research_queries as q')
    .innerJoin('pages as p', 'p.id', 'q.page_id')
    .select(['q.id', 'q.page_id', 'q.term', 'q.updated_at', 'q.last_run_at', 'q.last_error', 'q.last_found', 'p.slug', 'p.title'])
    .where('p.deleted_at', 'is', null);
}

function toQuery(r: Awaited<ReturnType<ReturnType<typeof queryRows>['executeTakeFirstOrThrow']>>): ResearchQuery {
  return {
    id: Number(r.id),
    pageId: Number(r.page_id),
    slug: r.slug,
    pageTitle: r.title,
    term: r.term,
    updatedAt: r.updated_at,
    lastRunAt: r.last_run_at,
    lastError: r.last_error,
    lastFound: Number(r.last_found),
  };
}

/** Every saved query of a live page, by page title. */
export async function listResearchQueries(db: Db | Tx): Promise<ResearchQuery[]> {
  return (await queryRows(db).orderBy('p.title').execute()).map(toQuery);
}

export async function researchQueryOf(db: Db | Tx, pageId: number): Promise<ResearchQuery | null> {
  const row = await queryRows(db).where('q.page_id', '=', pageId).executeTakeFirst();
  return row ? toQuery(row) : null;
}

/**
 * Saves (or, with an empty term, removes) a page's query. A changed term runs
 * from scratch next time: what it finds is new to this search.
 */
export async function saveResearchQuery(db: Db, input: { pageId: number; slug: string; term: string; userId: number; ip: string | null }): Promise<'saved' | 'removed' | 'unchanged'> {
  const term = ResearchQueryTerm.parse(input.term);
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('research_queries').select(['id', 'term']).where('page_id', '=', input.pageId).executeTakeFirst();
    if (!term) {
      if (!existing) return 'unchanged';
      await tx.deleteFrom('research_queries').where('id', '=', existing.id).execute();
      await recordAudit(tx, { actorUserId: input.userId, action: 'inbox.query_removed', subjectType: 'page', subjectId: input.slug, details: { term: existing.term }, ip: input.ip });
      return 'removed';
    }
    if (existing?.term === term) return 'unchanged';
    const at = nowIso();
    if (existing) {
      await tx.updateTable('research_queries').set({ term, updated_at: at, updated_by: input.userId, last_run_at: null, last_error: null }).where('id', '=', existing.id).execute();
    } else {
      await tx.insertInto('research_queries').values({ page_id: input.pageId, term, updated_at: at, updated_by: input.userId, last_run_at: null, last_error: null }).execute();
    }
    await recordAudit(tx, { actorUserId: input.userId, action: 'inbox.query_saved', subjectType: 'page', subjectId: input.slug, details: { term, previous: existing?.term ?? null }, ip: input.ip });
    return 'saved';
  });
}

function itemRows(db: Db | Tx) {
  return db
    .selectFrom('research_inbox as i')
    .innerJoin('pages as p', 'p.id', 'i.page_id')
    .select([
      'i.id', 'i.page_id', 'i.pmid', 'i.title', 'i.journal', 'i.published', 'i.pub_types', 'i.found_at', 'i.status', 'i.revision_id',
      'p.slug', 'p.title as page_title',
    ])
    .where('p.deleted_at', 'is', null);
}

function toItem(r: Awaited<ReturnType<ReturnType<typeof itemRows>['executeTakeFirstOrThrow']>>): InboxItem {
  return {
    id: Number(r.id),
    pageId: Number(r.page_id),
    slug: r.slug,
    pageTitle: r.page_title,
    pmid: r.pmid,
    title: r.title,
    journal: r.journal,
    published: r.published,
    pubTypes: JSON.parse(r.pub_types) as string[],
    foundAt: r.found_at,
    status: r.status,
    revisionId: r.revision_id === null ? null : Number(r.revision_id),
  };
}

/** Items waiting for an editor, grouped by page title, newest find first within a page. */
export async function newInboxItems(db: Db | Tx, limit = 500): Promise<InboxItem[]> {
  const rows = await itemRows(db).where('i.status', '=', 'new').orderBy('p.title').orderBy('i.found_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
  return rows.map(toItem);
}

export async function countNewInboxItems(db: Db | Tx): Promise<number> {
  const row = await itemRows(db).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).where('i.status', '=', 'new').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The last decisions made, newest first (so an editor can see what happened to an item). */
export async function recentlyDecidedItems(db: Db | Tx, limit = 20): Promise<InboxItem[]> {
  return (await itemRows(db).where('i.status', '!=', 'new').orderBy('i.decided_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute()).map(toItem);
}

export async function inboxItem(db: Db | Tx, id: number): Promise<(InboxItem & { record: CitationRecord }) | null> {
  const row = await itemRows(db).select('i.record').where('i.id', '=', id).executeTakeFirst();
  if (!row) return null;
  return { ...toItem(row), record: CitationRecord.parse(JSON.parse(row.record)) };
}

/** Adds found records for a page; ones already there (any status) are skipped by the unique constraint. Returns how many are new. */
export async function addInboxItems(tx: Tx, pageId: number, records: readonly CitationRecord[], foundAt = nowIso()): Promise<number> {
  let added = 0;
  for (const record of records) {
    if (!record.pmid) continue;
    const year = record.csl.issued?.['date-parts'][0]; // [YYYY, M?, D?]
    const result = await tx
      .insertInto('research_inbox')
      .values({
        page_id: pageId,
        pmid: record.pmid,
        record: JSON.stringify(record),
        title: record.csl.title?.trim() || '(untitled)',
        journal: record.csl['container-title-short'] ?? record.csl['container-title'] ?? null,
        published: year ? year.map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0'))).join('-') : null,
        pub_types: JSON.stringify(record.pubTypes),
        found_at: foundAt,
        decided_at: null,
        decided_by: null,
        citation_id: null,
        revision_id: null,
      })
      .onConflict((oc) => oc.columns(['page_id', 'pmid']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (result) added++; // nothing returned: already in the inbox (any status)
  }
  return added;
}

/** Marks a waiting item decided; false when it was not waiting (someone else decided first). */
export async function decideInboxItem(
  tx: Tx,
  id: number,
  decision: { status: 'drafted' | 'dismissed'; userId: number; citationId?: number; revisionId?: number },
): Promise<boolean> {
  const result = await tx
    .updateTable('research_inbox')
    .set({ status: decision.status, decided_at: nowIso(), decided_by: decision.userId, citation_id: decision.citationId ?? null, revision_id: decision.revisionId ?? null })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An editor dismisses an item: it never comes back for this topic. */
export async function dismissInboxItem(db: Db, id: number, actor: { userId: number; ip: string | null }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const item = await tx.selectFrom('research_inbox').select(['pmid', 'page_id']).where('id', '=', id).executeTakeFirst();
    if (!item || !(await decideInboxItem(tx, id, { status: 'dismissed', userId: actor.userId }))) return false;
    await recordAudit(tx, { actorUserId: actor.userId, action: 'inbox.dismiss', subjectType: 'inbox', subjectId: id, details: { pmid: item.pmid, pageId: item.page_id }, ip: actor.ip });
    return true;
  });
}
