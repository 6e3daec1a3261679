import type { Db, Tx } from '../db/database.js';
import type { RevisionState } from '../db/schema.js';
import { PageDocument } from '../directory/document.js';

/** One saved version of a page, with the names of the people involved. */
export interface Revision {
  id: number;
  pageKey: string;
  number: number;
  slug: string;
  title: string;
  document: PageDocument;
  authorUserId: number | null;
  /** Null for the baseline taken from imported content. */
  authorName: string | null;
  summary: string;
  createdAt: string;
  baseRevisionId: number | null;
  state: RevisionState;
  submittedAt: string | null;
  reviewedByUserId: number | null;
  reviewerName: string | null;
  reviewedAt: string | null;
  publishedAt: string | null;
}

/** "page:12" for a published page; "draft:<random>" for a page never published. */
export function pageKeyOf(pageId: number): string {
  return `page:${pageId}`;
}

export function pageIdOf(pageKey: string): number | null {
  const m = /^page:(\d+)$/.exec(pageKey);
  return m ? Number(m[1]) : null;
}

function revisionQuery(db: Db | Tx) {
  return db
    .selectFrom('page_revisions as r')
    .leftJoin('users as a', 'a.id', 'r.author_user_id')
    .leftJoin('users as v', 'v.id', 'r.reviewed_by_user_id')
    .selectAll('r')
    .select(['a.name as author_name', 'v.name as reviewer_name']);
}

type RevisionRow = Awaited<ReturnType<ReturnType<typeof revisionQuery>['executeTakeFirstOrThrow']>>;

function toRevision(r: RevisionRow): Revision {
  return {
    id: Number(r.id),
    pageKey: r.page_key,
    number: Number(r.number),
    slug: r.slug,
    title: r.title,
    document: PageDocument.parse(JSON.parse(r.document)),
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    summary: r.summary,
    createdAt: r.created_at,
    baseRevisionId: r.base_revision_id,
    state: r.state,
    submittedAt: r.submitted_at,
    reviewedByUserId: r.reviewed_by_user_id,
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at,
    publishedAt: r.published_at,
  };
}

/** Reading revisions; every write is in editing-service.ts. */
export function createRevisionReader(db: Db | Tx) {
  return {
    async byId(id: number): Promise<Revision | null> {
      const row = await revisionQuery(db).where('r.id', '=', id).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** A page's revision by its number on that page (1, 2, 3 …), as the history shows and addresses it. */
    async byNumber(pageKey: string, number: number): Promise<Revision | null> {
      const row = await revisionQuery(db).where('r.page_key', '=', pageKey).where('r.number', '=', number).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** The newest revision of a page, whatever its state: what the editor continues from. */
    async head(pageKey: string): Promise<Revision | null> {
      const row = await revisionQuery(db).where('r.page_key', '=', pageKey).orderBy('r.number', 'desc').limit(1).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** Every revision of a page, newest first. */
    async history(pageKey: string): Promise<Revision[]> {
      return (await revisionQuery(db).where('r.page_key', '=', pageKey).orderBy('r.number', 'desc').execute()).map(toRevision);
    },

    /** The revision readers see now. */
    async lastPublished(pageKey: string): Promise<Revision | null> {
      const row = await revisionQuery(db)
        .where('r.page_key', '=', pageKey)
        .where('r.state', '=', 'published')
        .orderBy('r.number', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** The newest revision of a page in one state (an approved revision with a newer draft on top, …). */
    async latestInState(pageKey: string, state: RevisionState): Promise<Revision | null> {
      const row = await revisionQuery(db).where('r.page_key', '=', pageKey).where('r.state', '=', state).orderBy('r.number', 'desc').limit(1).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /**
     * The newest revision older than revision `number` that a reviewer
     * approved or readers saw: what a review compares against.
     */
    async lastReviewedBefore(pageKey: string, number: number): Promise<Revision | null> {
      const row = await revisionQuery(db)
        .where('r.page_key', '=', pageKey)
        .where('r.number', '<', number)
        .where((eb) => eb.or([eb('r.reviewed_at', 'is not', null), eb('r.published_at', 'is not', null)]))
        .orderBy('r.number', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** The newest revision of any page whose document had this address (renamed drafts, never-published pages). */
    async newestWithSlug(slug: string): Promise<Revision | null> {
      const row = await revisionQuery(db).where('r.slug', '=', slug).orderBy('r.id', 'desc').limit(1).executeTakeFirst();
      return row ? toRevision(row) : null;
    },

    /** Newest revisions of each page in the given states (heads only when `headsOnly`), newest first. */
    async inStates(states: RevisionState[], options: { headsOnly?: boolean; authorUserId?: number; limit?: number } = {}): Promise<Revision[]> {
      let q = revisionQuery(db).where('r.state', 'in', states);
      if (options.headsOnly) {
        q = q.where((eb) =>
          eb('r.number', '=', eb.selectFrom('page_revisions as h').select((h) => h.fn.max('h.number').as('n')).whereRef('h.page_key', '=', 'r.page_key')),
        );
      }
      if (options.authorUserId !== undefined) q = q.where('r.author_user_id', '=', options.authorUserId);
      return (await q.orderBy('r.id', 'desc').limit(options.limit ?? 200).execute()).map(toRevision);
    },

    /** The latest saves across the directory, newest first. */
    async recent(limit = 20): Promise<Revision[]> {
      return (await revisionQuery(db).where('r.author_user_id', 'is not', null).orderBy('r.id', 'desc').limit(limit).execute()).map(toRevision);
    },
  };
}

export type RevisionReader = ReturnType<typeof createRevisionReader>;
