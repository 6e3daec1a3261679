/**
 * Retraction watch: once a day, asks PubMed again about every cited PMID (at
 * most 200 per esummary call, through the process's rate limiter), refreshes
 * their publication types and flags retracted papers, retraction notices and
 * errata. Idempotent: each batch commits on its own, flags are unique per
 * citation and status, so a rerun after a crash only repeats lookups.
 */
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { defineJob } from '../jobs/registry.js';
import { pruneExpiredResponses } from './db-response-cache.js';
import type { EutilsClient } from './eutils.js';
import { raiseFlag } from './flags.js';
import { retractionStatus } from './study-type.js';

export const RETRACTION_WATCH_JOB = 'citations.retraction-watch';
export const RETRACTION_BATCH_SIZE = 200;

export interface RetractionWatchReport {
  /** Distinct PMIDs asked about. */
  checked: number;
  /** esummary calls made. */
  batches: number;
  /** Citations whose publication types changed. */
  updated: number;
  /** Flags raised by this run. */
  newFlags: number;
  /** PMIDs PubMed no longer knows (first 20). */
  missing: string[];
  /** Set when the run did nothing because PubMed is not configured. */
  skipped?: string;
  /** Expired rows removed from the shared answer cache afterwards (job runs only). */
  prunedCacheEntries?: number;
}

/** One pass over every cited PMID; `onChange` runs once at the end when readers' pages changed. */
export async function runRetractionWatch(
  db: Db,
  pubmed: EutilsClient,
  options: { batchSize?: number; signal?: AbortSignal; onChange?: () => Promise<void> } = {},
): Promise<RetractionWatchReport> {
  const batchSize = Math.min(options.batchSize ?? RETRACTION_BATCH_SIZE, RETRACTION_BATCH_SIZE);
  const rows = await db.selectFrom('citations').select(['id', 'pmid', 'pub_types']).where('pmid', 'is not', null).orderBy('id').execute();
  const byPmid = new Map<string, Array<{ id: number; pubTypes: string }>>();
  for (const row of rows) byPmid.set(row.pmid!, [...(byPmid.get(row.pmid!) ?? []), { id: Number(row.id), pubTypes: row.pub_types }]);
  const pmids = [...byPmid.keys()];
  const report: RetractionWatchReport = { checked: pmids.length, batches: 0, updated: 0, newFlags: 0, missing: [] };

  for (let start = 0; start < pmids.length; start += batchSize) {
    options.signal?.throwIfAborted(); // the worker lost its lease or is stopping: the next run starts over
    const batch = pmids.slice(start, start + batchSize);
    const entries = await pubmed.esummary(batch);
    report.batches++;
    await db.transaction().execute(async (tx) => {
      let changed = false;
      for (const pmid of batch) {
        const entry = entries.get(pmid);
        if (!entry?.ok) {
          if (entry?.error.code === 'not-found' && report.missing.length < 20) report.missing.push(pmid);
          continue;
        }
        const pubTypes = JSON.stringify(entry.record.pubTypes);
        const status = retractionStatus(entry.record.pubTypes);
        for (const citation of byPmid.get(pmid) ?? []) {
          if (citation.pubTypes !== pubTypes) {
            await tx.updateTable('citations').set({ pub_types: pubTypes, changed_at: nowIso() }).where('id', '=', citation.id).execute();
            report.updated++;
            changed = true;
          }
          if (status && (await raiseFlag(tx, citation.id, status))) {
            report.newFlags++;
            changed = true;
          }
        }
      }
      // Study-type badges and warnings are on reader pages: every server must re-render them.
      if (changed) await bumpContentVersion(tx);
    });
  }
  if (report.updated || report.newFlags) await options.onChange?.();
  return report;
}

/** The daily job; PubMed is looked up when the job runs, so the job is registered whether or not it is configured. */
export function retractionWatchJob(deps: { pubmed: EutilsClient | null; notConfigured: string; onChange?: () => Promise<void> }) {
  return defineJob({
    name: RETRACTION_WATCH_JOB,
    payload: z.object({}).loose(),
    everySeconds: 24 * 3600,
    leaseMs: 5 * 60_000,
    async run(_payload, context): Promise<RetractionWatchReport> {
      if (!deps.pubmed) return { checked: 0, batches: 0, updated: 0, newFlags: 0, missing: [], skipped: deps.notConfigured };
      const report = await runRetractionWatch(context.db, deps.pubmed, { signal: context.signal, onChange: deps.onChange });
      // Daily housekeeping of the shared answer cache: expired answers are never served, so they can go.
      return { ...report, prunedCacheEntries: await pruneExpiredResponses(context.db) };
    },
  });
}
