import type { Db } from '../db/database.js';
import type { SearchBackend } from './backend.js';
import type { SearchDocument } from './documents.js';
import { storeDocuments } from './indexer.js';
import { type TermDeltas, applyTermDeltas, bumpSearchGeneration } from './vocabulary.js';

export interface BulkLoadOptions {
  /** Documents per transaction. */
  chunk?: number;
}

/**
 * The fast path for loading many search documents at once (the benchmark's
 * synthetic directory, very large imports): documents go straight into the
 * index in large transactions, the vocabulary is counted in memory and
 * written once at the end, then the index is compacted. It does not go
 * through the page store, so the caller guarantees the pages exist (rows in
 * `pages`) and that nothing else writes to the index meanwhile; readers may
 * see a partly loaded index until it returns. After ordinary imports use
 * rebuildSearchIndex instead.
 */
export async function bulkLoadDocuments(
  db: Db,
  backend: SearchBackend,
  documents: Iterable<SearchDocument> | AsyncIterable<SearchDocument>,
  options: BulkLoadOptions = {},
): Promise<{ documents: number }> {
  const chunk = options.chunk ?? 5000;
  const deltas: TermDeltas = new Map();
  let pending: SearchDocument[] = [];
  let count = 0;
  const flush = async () => {
    const docs = pending;
    pending = [];
    await db.transaction().execute((tx) => storeDocuments(tx, backend, docs, deltas));
    count += docs.length;
  };
  for await (const doc of documents) {
    pending.push(doc);
    if (pending.length >= chunk) await flush();
  }
  if (pending.length) await flush();
  await db.transaction().execute(async (tx) => {
    await applyTermDeltas(tx, deltas);
    await bumpSearchGeneration(tx);
  });
  await backend.optimize(db);
  return { documents: count };
}
