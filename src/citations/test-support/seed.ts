/** Test data for citation tests: records from the fixtures, flagged citations, inbox items. Constructed PMIDs only (90000001–99999999 range). */
import type { Db } from '../../db/database.js';
import { raiseFlag } from '../flags.js';
import { citationFromEsummary, EsummaryDocument } from '../pubmed-summary.js';
import type { CitationRecord } from '../record.js';
import { addInboxItems } from '../research-inbox.js';
import { upsertCitation } from '../store.js';
import { readFixture } from './fixtures.js';

/** The CitationRecord of a PMID in the recorded fixtures (27933103 is real; 9000000x are constructed). */
export function fixtureRecord(pmid: string): CitationRecord {
  for (const name of ['esummary-27933103.json', 'esummary-multi.json', 'esummary-retracted-90000004.json']) {
    const { result } = JSON.parse(readFixture(name)) as { result: Record<string, unknown> };
    if (result[pmid]) return citationFromEsummary(EsummaryDocument.parse(result[pmid]));
  }
  throw new Error(`no fixture record for PMID ${pmid}`);
}

let sequence = 0;
/** A fresh constructed PMID no fixture uses (so runs never collide). */
export function freshPmid(): string {
  sequence += 1;
  return String(910_000_000 + ((process.pid * 1000 + sequence) % 80_000_000));
}

/** A constructed record under a fresh PMID, without DOI or PMCID (so it never merges with another record). */
export function freshRecord(pubTypes: string[] = ['Journal Article']): CitationRecord {
  const base = fixtureRecord('90000003');
  const pmid = freshPmid();
  return { ...base, key: `pmid:${pmid}`, pmid, pubTypes, csl: { ...base.csl, PMID: pmid, title: `Example constructed study ${pmid}` } };
}

/** Stores a citation with an open flag; returns its id. */
export async function seedFlaggedCitation(db: Db, status: 'retracted' | 'erratum' = 'retracted'): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const id = Number(await upsertCitation(tx, freshRecord(['Journal Article', status === 'retracted' ? 'Retracted Publication' : 'Published Erratum'])));
    await raiseFlag(tx, id, status);
    return id;
  });
}

/** A live page's id and slug (the demo's first page by slug unless one is named). */
export async function somePage(db: Db, slug?: string): Promise<{ id: number; slug: string; title: string }> {
  let query = db.selectFrom('pages').select(['id', 'slug', 'title']).where('deleted_at', 'is', null);
  query = slug ? query.where('slug', '=', slug) : query.orderBy('slug');
  const page = await query.executeTakeFirstOrThrow();
  return { id: Number(page.id), slug: page.slug, title: page.title };
}

/** A waiting inbox item for a page; returns its id. */
export async function seedInboxItem(db: Db, pageId: number, record: CitationRecord = freshRecord()): Promise<number> {
  await db.transaction().execute((tx) => addInboxItems(tx, pageId, [record]));
  const row = await db.selectFrom('research_inbox').select('id').where('page_id', '=', pageId).where('pmid', '=', record.pmid!).executeTakeFirstOrThrow();
  return Number(row.id);
}
