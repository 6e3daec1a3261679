/** Reader feedback: written by anyone (through the routes' checks), read only by editors. */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { FeedbackKind, FeedbackProblem } from '../db/schema.js';

export const PROBLEMS = ['wrong', 'outdated', 'broken-link', 'hard-to-read'] as const satisfies readonly FeedbackProblem[];
/** Longer than any useful remark; a longer comment comes back to be shortened, never cut silently. */
export const COMMENT_MAX = 2000;

export interface NewFeedback {
  pageId: number;
  kind: FeedbackKind;
  helpful: boolean | null;
  problem: FeedbackProblem | null;
  comment: string;
  lang: string;
}

export interface FeedbackItem {
  id: number;
  kind: FeedbackKind;
  helpful: boolean | null;
  problem: FeedbackProblem | null;
  comment: string;
  lang: string;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
}

export interface PageFeedbackSummary {
  pageId: number;
  slug: string;
  title: string;
  /** Open problem reports. */
  openReports: number;
  /** Open "helpful?" answers with a comment or a no. */
  openAnswers: number;
  yes: number;
  no: number;
}

export interface FeedbackStore {
  add(item: NewFeedback): Promise<number>;
  /** Pages with anything open, most open reports first. */
  pagesWithOpen(): Promise<PageFeedbackSummary[]>;
  forPage(pageId: number): Promise<FeedbackItem[]>;
  /** Marks one item handled; false when it does not exist or was already handled. */
  markHandled(id: number, userId: number): Promise<boolean>;
  /** Open problem reports by page id. */
  openReportCounts(pageIds?: readonly number[]): Promise<Map<number, number>>;
}

export function createFeedbackStore(db: Db, clock: () => Date): FeedbackStore {
  return {
    async add(item) {
      const row = await db
        .insertInto('reader_feedback')
        .values({
          page_id: item.pageId,
          kind: item.kind,
          helpful: item.helpful === null ? null : item.helpful ? 1 : 0,
          problem: item.problem,
          comment: item.comment,
          lang: item.lang,
          created_at: clock().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },

    async pagesWithOpen() {
      // Counted by the database: a page with thousands of answers is one row here.
      const count = (condition: RawBuilder<unknown>) => sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;
      const rows = await db
        .selectFrom('reader_feedback as f')
        .innerJoin('pages as p', 'p.id', 'f.page_id')
        .select([
          'p.id',
          'p.slug',
          'p.title',
          count(sql`f.handled_at is null and f.kind = 'problem'`).as('open_reports'),
          count(sql`f.handled_at is null and f.kind = 'helpful' and (f.helpful = 0 or f.comment <> '')`).as('open_answers'),
          count(sql`f.helpful = 1`).as('yes'),
          count(sql`f.helpful = 0`).as('no'),
        ])
        .where('p.deleted_at', 'is', null)
        .groupBy(['p.id', 'p.slug', 'p.title'])
        .execute();
      return rows
        .map((r) => ({ pageId: r.id, slug: r.slug, title: r.title, openReports: Number(r.open_reports), openAnswers: Number(r.open_answers), yes: Number(r.yes), no: Number(r.no) }))
        .filter((s) => s.openReports + s.openAnswers > 0)
        .sort((a, b) => b.openReports - a.openReports || b.openAnswers - a.openAnswers || a.title.localeCompare(b.title));
    },

    async forPage(pageId) {
      const rows = await db
        .selectFrom('reader_feedback as f')
        .leftJoin('users as u', 'u.id', 'f.handled_by_user_id')
        .select(['f.id', 'f.kind', 'f.helpful', 'f.problem', 'f.comment', 'f.lang', 'f.created_at', 'f.handled_at', 'u.name'])
        .where('f.page_id', '=', pageId)
        .orderBy('f.id', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        helpful: r.helpful === null ? null : r.helpful === 1,
        problem: r.problem,
        comment: r.comment,
        lang: r.lang,
        createdAt: r.created_at,
        handledAt: r.handled_at,
        handledBy: r.name ?? null,
      }));
    },

    async markHandled(id, userId) {
      const result = await db
        .updateTable('reader_feedback')
        .set({ handled_at: clock().toISOString(), handled_by_user_id: userId })
        .where('id', '=', id)
        .where('handled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async openReportCounts(pageIds) {
      if (pageIds && !pageIds.length) return new Map();
      let query = db
        .selectFrom('reader_feedback')
        .select(['page_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'problem')
        .where('handled_at', 'is', null)
        .groupBy('page_id');
      if (pageIds) query = query.where('page_id', 'in', [...pageIds]);
      const rows = await query.execute();
      return new Map(rows.map((r) => [Number(r.page_id), Number(r.n)]));
    },
  };
}
