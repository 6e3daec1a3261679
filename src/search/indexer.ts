import type { Db, Tx } from '../db/database.js';
import type { PageIndexer } from '../directory/store.js';
import type { PreparedDocument, SearchBackend } from './backend.js';
import { type SearchDocument, buildDocuments } from './documents.js';
import { type TermDeltas, applyTermDeltas, bumpSearchGeneration, countDocument, indexTexts } from './vocabulary.js';

/**
 * Keeps the search index in step with pages inside the saving transaction
 * (registered in src/app.tsx): a published page is searchable the moment
 * its save commits, a deleted page is gone the moment its delete commits.
 */
export function createSearchIndexer(backend: SearchBackend): PageIndexer {
  return {
    pageChanged: (tx, pageId) => reindexPages(tx, backend, [pageId]),
    pageRemoved: (tx, pageId) => reindexPages(tx, backend, [pageId], { remove: true }),
  };
}

/** Replaces the documents of these pages with fresh ones (or only removes them). */
export async function reindexPages(tx: Tx, backend: SearchBackend, pageIds: number[], options: { remove?: boolean } = {}): Promise<void> {
  const deltas: TermDeltas = new Map();
  const old = await tx
    .selectFrom('search_documents')
    .select(['id', 'scope', 'lang', 'title', 'heading', 'links', 'body', 'source'])
    .where('page_id', 'in', pageIds)
    .execute();
  for (const doc of old) countDocument(deltas, doc, -1);
  if (old.length) await backend.remove(tx, old.map((d) => d.id));
  if (!options.remove) await storeDocuments(tx, backend, await buildDocuments(tx, pageIds), deltas);
  await applyTermDeltas(tx, deltas);
  await bumpSearchGeneration(tx);
}

/** Gives documents ids and index text, stores them and counts their terms into `deltas`. */
export async function storeDocuments(tx: Tx, backend: SearchBackend, docs: SearchDocument[], deltas: TermDeltas): Promise<void> {
  if (!docs.length) return;
  const ids = await backend.reserveIds(tx, docs.length);
  const prepared = docs.map((doc, i): PreparedDocument => ({ ...doc, id: ids[i]!, index: indexTexts(doc) }));
  for (const doc of prepared) countDocument(deltas, doc, 1, doc.index);
  await backend.insert(tx, prepared);
}

/** Pages read per batch while rebuilding. */
const REBUILD_BATCH = 200;

/**
 * Rebuilds the whole index from the published pages, in one transaction:
 * readers keep the old index until the new one is complete. Used after a
 * bulk import and by `search rebuild`.
 */
export async function rebuildSearchIndex(db: Db, backend: SearchBackend): Promise<{ pages: number; documents: number }> {
  const counts = await db.transaction().execute(async (tx) => {
    await backend.removeAll(tx);
    await tx.deleteFrom('search_terms').execute();
    const deltas: TermDeltas = new Map();
    const ids = (await tx.selectFrom('pages').select('id').where('deleted_at', 'is', null).orderBy('id').execute()).map((r) => r.id);
    let documents = 0;
    for (let i = 0; i < ids.length; i += REBUILD_BATCH) {
      const docs = await buildDocuments(tx, ids.slice(i, i + REBUILD_BATCH));
      // Within each batch, oldest evidence first: newer documents get higher ids, which is what broad queries return first.
      docs.sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
      await storeDocuments(tx, backend, docs, deltas);
      documents += docs.length;
    }
    await applyTermDeltas(tx, deltas);
    await bumpSearchGeneration(tx);
    return { pages: ids.length, documents };
  });
  await backend.optimize(db);
  return counts;
}
