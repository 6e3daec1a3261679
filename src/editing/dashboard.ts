import type { CurrentUser } from '../accounts/context.js';
import type { Db } from '../db/database.js';
import type { DirectoryQueries } from '../directory/queries.js';
import { type Revision, createRevisionReader, pageIdOf } from './revision-store.js';
import type { DashboardData } from './views/dashboard-page.js';

/** Everything on an editor's dashboard, gathered in parallel. */
export async function loadDashboard(
  db: Db,
  queries: DirectoryQueries,
  user: CurrentUser,
  today: string,
  openReports?: (pageIds: readonly number[]) => Promise<Map<number, number>>,
): Promise<DashboardData> {
  const read = createRevisionReader(db);
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const [myDrafts, awaitingReview, approved, due, never, wanted, recent, deleted] = await Promise.all([
    read.inStates(['draft'], { headsOnly: true, authorUserId: user.id }),
    read.inStates(['in_review'], { headsOnly: true }),
    read.inStates(['approved']),
    db
      .selectFrom('pages')
      .select(['id', 'slug', 'title', 'next_review_on'])
      .where('deleted_at', 'is', null)
      .where('next_review_on', 'is not', null)
      .where('next_review_on', '<=', soon)
      .orderBy('next_review_on')
      .limit(200)
      .execute(),
    db.selectFrom('pages').select(['slug', 'title']).where('deleted_at', 'is', null).where('reviewed_on', 'is', null).orderBy('title').limit(500).execute(),
    queries.wantedPages(25),
    read.recent(20),
    db.selectFrom('pages').select(['slug', 'title', 'deleted_at']).where('deleted_at', 'is not', null).orderBy('deleted_at', 'desc').limit(100).execute(),
  ]);
  const reports = openReports ? await openReports(due.map((p) => p.id)) : new Map<number, number>();
  return {
    myDrafts,
    awaitingReview,
    approved,
    reviewDue: due.map((p) => ({ slug: p.slug, title: p.title, nextReviewOn: p.next_review_on!, overdue: p.next_review_on! < today, openReports: reports.get(p.id) ?? 0 })),
    neverReviewed: never,
    wanted,
    recent,
    deleted: deleted.map((p) => ({ slug: p.slug, title: p.title, deletedAt: p.deleted_at! })),
    editSlug: await editSlugs(db, [...myDrafts, ...awaitingReview, ...approved, ...recent]),
  };
}

/** Where each page's editor lives: the published address, or the draft's own for a page never published. */
export async function editSlugs(db: Db, revisions: Revision[]): Promise<Map<string, string>> {
  const ids = [...new Set(revisions.map((r) => pageIdOf(r.pageKey)).filter((id): id is number => id !== null))];
  const rows = ids.length ? await db.selectFrom('pages').select(['id', 'slug']).where('id', 'in', ids).execute() : [];
  const bySlug = new Map(rows.map((r) => [`page:${r.id}`, r.slug]));
  const read = createRevisionReader(db);
  for (const r of revisions) {
    if (!bySlug.has(r.pageKey) && pageIdOf(r.pageKey) === null) bySlug.set(r.pageKey, (await read.head(r.pageKey))?.slug ?? r.slug);
  }
  return bySlug;
}
