/**
 * Every 6 hours: runs each topic's saved PubMed query for records added since
 * its last run (esearch, datetype=edat), fetches their summaries and files the
 * new ones in the inbox. One query failing never stops the others; a network
 * failure makes the job fail (and retry) after the rest have run.
 */
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { defineJob } from '../jobs/registry.js';
import { CitationLookupError } from './errors.js';
import type { EutilsClient } from './eutils.js';
import type { CitationRecord } from './record.js';
import { addInboxItems, listResearchQueries } from './research-inbox.js';

export const RESEARCH_INBOX_JOB = 'citations.research-inbox';
/** A query that never ran looks back this far, so a new query shows something soon. */
export const FIRST_RUN_LOOKBACK_DAYS = 30;
/** Most records taken per query and run. */
export const MAX_RESULTS_PER_RUN = 100;

export interface ResearchInboxReport {
  queries: number;
  /** Items added to the inbox. */
  added: number;
  /** Queries that failed, with why (their pages show it too). */
  failed: Array<{ slug: string; error: string }>;
  skipped?: string;
}

export async function runResearchQueries(db: Db, pubmed: EutilsClient, options: { signal?: AbortSignal; now?: () => Date } = {}): Promise<ResearchInboxReport> {
  const now = options.now ?? (() => new Date());
  const queries = await listResearchQueries(db);
  const report: ResearchInboxReport = { queries: queries.length, added: 0, failed: [] };
  let transportFailure: CitationLookupError | undefined;

  for (const query of queries) {
    options.signal?.throwIfAborted();
    const startedAt = now();
    // Entrez dates are whole days: asking from the day of the last run overlaps a little; the unique (page, PMID) drops repeats.
    const since = query.lastRunAt ? new Date(query.lastRunAt) : new Date(startedAt.getTime() - FIRST_RUN_LOOKBACK_DAYS * 86_400_000);
    try {
      const found = await pubmed.esearch(query.term, { mindate: since, retmax: MAX_RESULTS_PER_RUN });
      const fresh = await notYetKnown(db, query.pageId, found);
      const records: CitationRecord[] = [];
      if (fresh.length) {
        for (const entry of (await pubmed.esummary(fresh)).values()) if (entry.ok) records.push(entry.record);
      }
      const added = await db.transaction().execute(async (tx) => {
        const n = await addInboxItems(tx, query.pageId, records);
        await tx
          .updateTable('research_queries')
          .set({ last_run_at: startedAt.toISOString(), last_error: null, last_found: n })
          .where('id', '=', query.id)
          .where('term', '=', query.term) // edited meanwhile: the new term starts over
          .execute();
        return n;
      });
      report.added += added;
    } catch (error) {
      if (!(error instanceof CitationLookupError)) throw error;
      const message = error.message.slice(0, 500);
      report.failed.push({ slug: query.slug, error: message });
      await db.updateTable('research_queries').set({ last_error: `${message} (${nowIso().slice(0, 16).replace('T', ' ')} UTC)` }).where('id', '=', query.id).execute();
      // A bad search is the query's own problem; a service that cannot be reached is the job's.
      if (error.code !== 'bad-response') transportFailure ??= error;
    }
  }
  if (transportFailure) {
    throw new Error(`${report.failed.length} of ${report.queries} saved searches could not run: ${transportFailure.message}`, { cause: transportFailure });
  }
  return report;
}

/** PMIDs not already in this page's inbox (any status) and not already cited by the page. */
async function notYetKnown(db: Db, pageId: number, pmids: readonly string[]): Promise<string[]> {
  if (!pmids.length) return [];
  const [inbox, cited] = await Promise.all([
    db.selectFrom('research_inbox').select('pmid').where('page_id', '=', pageId).where('pmid', 'in', [...pmids]).execute(),
    db
      .selectFrom('citation_uses as u')
      .innerJoin('citations as c', 'c.id', 'u.citation_id')
      .select('c.pmid')
      .where('u.page_id', '=', pageId)
      .where('c.pmid', 'in', [...pmids])
      .execute(),
  ]);
  const known = new Set([...inbox.map((r) => r.pmid), ...cited.map((r) => r.pmid)]);
  return pmids.filter((p) => !known.has(p));
}

export function researchInboxJob(deps: { pubmed: EutilsClient | null; notConfigured: string }) {
  return defineJob({
    name: RESEARCH_INBOX_JOB,
    payload: z.object({}).loose(),
    everySeconds: 6 * 3600,
    leaseMs: 5 * 60_000,
    async run(_payload, context): Promise<ResearchInboxReport> {
      if (!deps.pubmed) return { queries: 0, added: 0, failed: [], skipped: deps.notConfigured };
      return runResearchQueries(context.db, deps.pubmed, { signal: context.signal });
    },
  });
}
