/**
 * The write side of news. Every change runs in one transaction that ends with
 * bumpContentVersion, so /news, topic pages and feeds change together on
 * every server. Editing a published item is a correction: it needs a note
 * saying what changed, which readers see, and it moves the item's "updated".
 */
import { recordAudit } from '../accounts/audit.js';
import type { Db, Tx } from '../db/database.js';
import type { NewsState } from '../db/schema.js';
import { normaliseCitationKey } from '../content/inline.js';
import type { FieldProblem } from '../directory/errors.js';
import { type DirectoryStore, bumpContentVersion } from '../directory/store.js';
import { CorrectionNote, NewsDraft, type NewsDraftInput } from './document.js';
import { NewsStateError, NewsValidationError } from './errors.js';

export type NewsStore = ReturnType<typeof createNewsStore>;

/** Who takes a step, for the audit log (the command line and tests may leave it out). */
export interface NewsActor {
  userId: number;
  ip: string | null;
}

async function audit(tx: Tx, actor: NewsActor | undefined, action: string, id: number, details: Record<string, unknown> = {}): Promise<void> {
  if (actor) await recordAudit(tx, { actorUserId: actor.userId, action, subjectType: 'news', subjectId: id, details, ip: actor.ip });
}

export interface SaveOptions {
  /** The item being edited; omitted to create one. */
  id?: number;
  /** Required when the item is published: "what changed", shown to readers. */
  correction?: string;
  actor?: NewsActor;
}

/** How an imported item enters (the content folder's news digests are published news). */
export interface ImportMeta {
  state: NewsState;
  publishedOn: string | null;
}

/** Search and other page indexes show published news with the pages it names: they are told when it changes. */
export type NewsIndexing = Pick<DirectoryStore, 'pagesChanged'>;

/** The pages an item names, for the indexers. */
async function topicIdsOf(tx: Tx, id: number): Promise<number[]> {
  return (await tx.selectFrom('news_topics').select('page_id').where('news_id', '=', id).execute()).map((r) => r.page_id);
}

export function createNewsStore(db: Db, clock: () => Date = () => new Date(), indexing?: NewsIndexing) {
  const now = () => clock().toISOString();

  async function transition(id: number, step: { action: string; from: readonly NewsState[]; actor?: NewsActor | undefined }, change: (tx: Tx, row: { state: NewsState; signed_off_by: string | null; published_on: string | null }) => Promise<void>): Promise<void> {
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('news_items').select(['state', 'signed_off_by', 'published_on']).where('id', '=', id).executeTakeFirst();
      if (!row) throw new NewsStateError('no such news item');
      if (!step.from.includes(row.state)) throw new NewsStateError(`the item is ${row.state}`);
      await change(tx, row);
      await audit(tx, step.actor, step.action, id);
      await indexing?.pagesChanged(tx, await topicIdsOf(tx, id));
      await bumpContentVersion(tx);
    });
  }

  return {
    /** Creates a draft or saves an edit; returns the item's id. Throws NewsValidationError with every problem. */
    async save(input: NewsDraftInput, options: SaveOptions = {}): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const before = options.id === undefined ? [] : await topicIdsOf(tx, options.id);
        const wasPublished = options.id !== undefined && (await tx.selectFrom('news_items').select('state').where('id', '=', options.id).executeTakeFirst())?.state === 'published';
        const id = await writeItem(tx, input, { id: options.id, correction: options.correction, at: now() });
        await audit(tx, options.actor, options.id === undefined ? 'news.create' : wasPublished ? 'news.correct' : 'news.edit', id, wasPublished ? { note: options.correction?.trim() } : {});
        // Pages it names now and pages it no longer names.
        await indexing?.pagesChanged(tx, [...before, ...(await topicIdsOf(tx, id))]);
        await bumpContentVersion(tx);
        return id;
      });
    },

    /** Draft → review: asks a clinician to sign it off. */
    submit: (id: number, actor?: NewsActor) =>
      transition(id, { action: 'news.submit', from: ['draft'], actor }, async (tx) => {
        await tx.updateTable('news_items').set({ state: 'review', changed_at: now() }).where('id', '=', id).execute();
      }),

    /** A clinician signs the item off (in review): their name and the date are shown to readers. */
    signOff: (id: number, clinician: string, actor?: NewsActor) =>
      transition(id, { action: 'news.sign_off', from: ['review'], actor }, async (tx) => {
        const at = now();
        await tx.updateTable('news_items').set({ signed_off_by: clinician, signed_off_on: at.slice(0, 10), changed_at: at }).where('id', '=', id).execute();
      }),

    /** Review → published, once signed off; the first publication sets the published date. */
    publish: (id: number, actor?: NewsActor) =>
      transition(id, { action: 'news.publish', from: ['review'], actor }, async (tx, row) => {
        if (!row.signed_off_by) throw new NewsStateError('a clinician has not signed it off yet');
        const at = now();
        await tx
          .updateTable('news_items')
          .set({ state: 'published', published_on: row.published_on ?? at.slice(0, 10), updated_at: at, changed_at: at })
          .where('id', '=', id)
          .execute();
      }),

  };
}

/**
 * Imports (creates or replaces by slug) one item inside the importer's
 * transaction; returns the pages it names, which the importer hands to the
 * indexers once all items are in.
 */
export async function importNewsItem(tx: Tx, input: NewsDraftInput, meta: ImportMeta, at: string): Promise<number[]> {
  const id = await writeItem(tx, input, { at, imported: meta });
  return topicIdsOf(tx, id);
}

/** Validates, resolves keys to ids and writes the item and its topics; the caller's transaction. */
async function writeItem(tx: Tx, input: NewsDraftInput, options: { id?: number | undefined; correction?: string | undefined; at: string; imported?: ImportMeta }): Promise<number> {
  const parsed = NewsDraft.safeParse(input);
  const problems: FieldProblem[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message }));
  if (!parsed.success) throw new NewsValidationError(problems);
  const doc = parsed.data;

  const existing = options.id !== undefined
    ? await tx.selectFrom('news_items').selectAll().where('id', '=', options.id).executeTakeFirst()
    : options.imported
      ? await tx.selectFrom('news_items').selectAll().where('slug', '=', doc.slug).executeTakeFirst()
      : undefined;
  if (options.id !== undefined && !existing) throw new NewsStateError('no such news item');

  const taken = await tx.selectFrom('news_items').select('id').where('slug', '=', doc.slug).executeTakeFirst();
  if (taken && taken.id !== existing?.id) problems.push({ path: 'slug', message: `the address "${doc.slug}" is already used by another news item` });

  const topicIds: number[] = [];
  if (doc.topicSlugs.length) {
    const rows = await tx.selectFrom('pages').select(['id', 'slug']).where('slug', 'in', doc.topicSlugs).where('deleted_at', 'is', null).execute();
    const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
    const unknown = doc.topicSlugs.filter((s) => !bySlug.has(s));
    if (unknown.length) problems.push({ path: 'topicSlugs', message: `no directory page has the address ${unknown.map((s) => `"${s}"`).join(', ')}` });
    for (const slug of new Set(doc.topicSlugs)) if (bySlug.has(slug)) topicIds.push(bySlug.get(slug)!);
  }

  let citationId: number | null = null;
  if (doc.citationKey) {
    const key = normaliseCitationKey(doc.citationKey.replace(/^\[?@/, '').replace(/\]$/, ''));
    const row = await tx
      .selectFrom('citations')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('key', '=', key),
          ...(key.startsWith('pmid:') ? [eb('pmid', '=', key.slice(5))] : []),
          ...(key.startsWith('doi:') ? [eb('doi', '=', key.slice(4))] : []),
        ]),
      )
      .executeTakeFirst();
    if (row) citationId = row.id;
    else problems.push({ path: 'citationKey', message: `no citation "${doc.citationKey}" in the bibliography: import it first` });
  }

  let authorId: number | null = null;
  if (doc.authorKey) {
    const row = await tx.selectFrom('authors').select('id').where('key', '=', doc.authorKey).executeTakeFirst();
    if (row) authorId = row.id;
    else problems.push({ path: 'authorKey', message: `no author "${doc.authorKey}"` });
  }

  let correction: string | null = null;
  if (existing?.state === 'published' && !options.imported) {
    const note = CorrectionNote.safeParse(options.correction ?? '');
    if (note.success) correction = note.data;
    else problems.push({ path: 'correction', message: note.error.issues[0]!.message });
  }
  if (problems.length) throw new NewsValidationError(problems);

  const content = {
    slug: doc.slug,
    headline: doc.headline,
    summary: doc.summary,
    body: doc.body,
    source_outlet: doc.outlet,
    source_headline: doc.sourceHeadline,
    source_url: doc.sourceUrl,
    source_date: doc.sourceDate,
    citation_id: citationId,
    author_id: authorId,
    study_what: doc.studyWhat,
    study_size: doc.studySize,
    study_limits: doc.studyLimits,
  };
  // An imported item has not changed since it was published: its "updated" (feeds, Last-Modified) stays put across re-imports.
  const updatedAt = options.imported?.publishedOn ? `${options.imported.publishedOn}T00:00:00.000Z` : options.at;
  let id: number;
  if (existing) {
    id = existing.id;
    // A sign-off covers the words the clinician read: changing them before publication asks for a new one.
    const unsignOff = existing.state === 'review' && !options.imported && changedFrom(existing, content);
    await tx
      .updateTable('news_items')
      .set({
        ...content,
        changed_at: options.at,
        ...(correction ? { updated_at: options.at } : options.imported ? { updated_at: updatedAt } : {}),
        ...(options.imported ? { state: options.imported.state, published_on: options.imported.publishedOn } : {}),
        ...(unsignOff ? { signed_off_by: null, signed_off_on: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('news_topics').where('news_id', '=', id).execute();
    if (correction) await tx.insertInto('news_corrections').values({ news_id: id, corrected_at: options.at, note: correction }).execute();
  } else {
    const row = await tx
      .insertInto('news_items')
      .values({
        ...content,
        state: options.imported?.state ?? 'draft',
        published_on: options.imported?.publishedOn ?? null,
        updated_at: updatedAt,
        changed_at: options.at,
        created_at: options.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  if (topicIds.length) await tx.insertInto('news_topics').values(topicIds.map((page_id, position) => ({ news_id: id, page_id, position }))).execute();
  return id;
}

function changedFrom(row: Record<string, unknown>, content: Record<string, unknown>): boolean {
  return Object.entries(content).some(([k, v]) => row[k] !== v);
}
