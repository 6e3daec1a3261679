/** Read side of the API: the page list with the filters partners ask for, one query per request. */
import type { Db } from '../db/database.js';
import type { PageRow } from './presenters.js';

export interface PageListFilter {
  reviewed?: boolean | undefined;
  parentSlug?: string | undefined;
  offset: number;
  limit: number;
}

export function createApiQueries(db: Db) {
  function filtered(filter: PageListFilter) {
    let query = db
      .selectFrom('pages as p')
      .leftJoin('pages as parent', 'parent.id', 'p.parent_id')
      .leftJoin('authors as reviewer', 'reviewer.id', 'p.reviewed_by')
      .where('p.deleted_at', 'is', null);
    if (filter.reviewed === true) query = query.where('p.reviewed_on', 'is not', null);
    if (filter.reviewed === false) query = query.where('p.reviewed_on', 'is', null);
    if (filter.parentSlug !== undefined) query = query.where('parent.slug', '=', filter.parentSlug);
    return query;
  }

  return {
    async pages(filter: PageListFilter): Promise<{ rows: PageRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(filter)
          .select([
            'p.slug', 'p.title', 'p.summary', 'parent.slug as parentSlug', 'p.created_on', 'p.updated_on', 'p.reviewed_on', 'p.next_review_on', 'p.changed_at',
            'reviewer.key as reviewerKey', 'reviewer.name as reviewerName', 'reviewer.role as reviewerRole', 'reviewer.disclosure as reviewerDisclosure',
            'reviewer.qualifications as reviewerQualifications', 'reviewer.affiliation as reviewerAffiliation', 'reviewer.funding as reviewerFunding', 'reviewer.declared_on as reviewerDeclaredOn',
          ])
          // The slug breaks ties, so a page of results is the same on SQLite and PostgreSQL.
          .orderBy('p.title')
          .orderBy('p.slug')
          .offset(filter.offset)
          .limit(filter.limit)
          .execute(),
        filtered(filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        total: Number(count.n),
        rows: rows.map((r) => ({
          slug: r.slug,
          title: r.title,
          summary: r.summary,
          parentSlug: r.parentSlug,
          createdOn: r.created_on,
          updatedOn: r.updated_on,
          reviewedOn: r.reviewed_on,
          nextReviewOn: r.next_review_on,
          changedAt: r.changed_at,
          reviewer: r.reviewerKey
            ? {
                key: r.reviewerKey, name: r.reviewerName!, role: r.reviewerRole!, disclosure: r.reviewerDisclosure!,
                qualifications: r.reviewerQualifications!, affiliation: r.reviewerAffiliation!, funding: r.reviewerFunding!, declaredOn: r.reviewerDeclaredOn ?? null,
              }
            : null,
        })),
      };
    },
  };
}
