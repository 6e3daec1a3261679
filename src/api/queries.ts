/** Read side of the API: the page list with the filters partners ask for, one query per request. */
import type { Db } from '../db/database.js';
import { type Lang, SOURCE_LANG, isLang } from '../i18n/languages.js';
import type { PageRow, TranslationStatus } from './presenters.js';

export interface PageListFilter {
  /** Another language than the source: only pages translated into it, with their translated title and summary. */
  lang?: Lang | undefined;
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
    return query.leftJoin('page_translations as pt', (j) => j.onRef('pt.page_id', '=', 'p.id').on('pt.lang', '=', filter.lang ?? SOURCE_LANG)).$if(translated(filter), (q) => q.where('pt.id', 'is not', null));
  }
  const translated = (filter: PageListFilter) => filter.lang !== undefined && filter.lang !== SOURCE_LANG;

  return {
    async pages(filter: PageListFilter): Promise<{ rows: PageRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(filter)
          .select([
            'p.slug', 'p.title', 'p.summary', 'pt.title as translatedTitle', 'pt.summary as translatedSummary', 'parent.slug as parentSlug', 'p.created_on', 'p.updated_on', 'p.reviewed_on', 'p.next_review_on', 'p.changed_at',
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
          title: translated(filter) ? r.translatedTitle! : r.title,
          summary: translated(filter) ? r.translatedSummary! : r.summary,
          language: translated(filter) ? filter.lang! : SOURCE_LANG,
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

    /** Each page's published translations, and whether any of their sections is older than the English now. */
    async translationStatus(slugs: readonly string[]): Promise<Map<string, Map<Lang, TranslationStatus>>> {
      const out = new Map<string, Map<Lang, TranslationStatus>>();
      if (!slugs.length) return out;
      const rows = await db
        .selectFrom('page_translations as pt')
        .innerJoin('pages as p', 'p.id', 'pt.page_id')
        .select(['p.slug', 'pt.lang', (eb) => eb.exists(eb.selectFrom('translation_sections as ts').select('ts.id').whereRef('ts.translation_id', '=', 'pt.id').where('ts.outdated_since', 'is not', null)).as('outdated')])
        .where('p.slug', 'in', slugs)
        .execute();
      for (const r of rows) {
        if (!isLang(r.lang)) continue;
        const byLang = out.get(r.slug) ?? new Map<Lang, TranslationStatus>();
        byLang.set(r.lang, r.outdated ? 'outdated' : 'published');
        out.set(r.slug, byLang);
      }
      return out;
    },
  };
}
