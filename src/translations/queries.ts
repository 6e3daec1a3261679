import type { Db } from '../db/database.js';
import { type Lang, SOURCE_LANG, isLang } from '../i18n/languages.js';
import type { Translator } from './document.js';

export interface PublishedSection {
  sourceAnchor: string;
  heading: string | null;
  entries: string[];
  sourceText: string;
  sourceHash: string;
  madeAt: string;
  outdatedSince: string | null;
  safety: boolean;
}

export interface PublishedTranslation {
  id: number;
  pageId: number;
  lang: Lang;
  title: string;
  summary: string;
  translators: Translator[];
  demo: boolean;
  reviewerName: string | null;
  reviewedAt: string | null;
  publishedAt: string;
  sections: PublishedSection[];
}

export interface DashboardRow {
  slug: string;
  /** The English title. */
  title: string;
  /** Outdated: sections out of date; untranslated: pages linking here; waiting: the revision number. */
  count: number;
  /** Outdated: since when; waiting: when it was sent. */
  since: string | null;
  /** Waiting: who translated it. */
  by: string | null;
}

export type TranslationQueries = ReturnType<typeof createTranslationQueries>;

/** The read side of translations: what readers and the translators' dashboard see. Never writes. */
export function createTranslationQueries(db: Db) {
  return {
    /** Languages a page can be read in: English and every published translation. */
    async languagesOf(pageId: number): Promise<Lang[]> {
      const rows = await db.selectFrom('page_translations').select('lang').where('page_id', '=', pageId).execute();
      return [SOURCE_LANG, ...rows.map((r) => r.lang).filter(isLang).sort()];
    },

    /** Every published translation's page and language (sitemap alternates). */
    async allLanguages(): Promise<Map<number, Lang[]>> {
      const rows = await db.selectFrom('page_translations').select(['page_id', 'lang']).execute();
      const map = new Map<number, Lang[]>();
      for (const r of rows) if (isLang(r.lang)) map.set(r.page_id, [...(map.get(r.page_id) ?? [SOURCE_LANG]), r.lang]);
      return map;
    },

    /** Translated pages with sections older than their English, oldest change first. */
    async outdated(lang: Lang): Promise<DashboardRow[]> {
      const rows = await db
        .selectFrom('translation_sections as ts')
        .innerJoin('page_translations as pt', 'pt.id', 'ts.translation_id')
        .innerJoin('pages as p', 'p.id', 'pt.page_id')
        .select(['p.slug', 'p.title', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.min('ts.outdated_since').as('since')])
        .where('pt.lang', '=', lang)
        .where('ts.outdated_since', 'is not', null)
        .where('p.deleted_at', 'is', null)
        .groupBy(['p.slug', 'p.title'])
        .execute();
      return rows.map((r) => ({ slug: r.slug, title: r.title, count: Number(r.count), since: r.since as string | null, by: null })).sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''));
    },

    /** Pages with no translation into the language, the most linked-to first. */
    async untranslated(lang: Lang, limit = 25): Promise<DashboardRow[]> {
      const rows = await db
        .selectFrom('pages as p')
        .leftJoin('links as l', 'l.target_slug', 'p.slug')
        .select(['p.slug', 'p.title', (eb) => eb.fn.count<number>('l.id').as('count')])
        .where('p.deleted_at', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('page_translations as pt').select('pt.id').whereRef('pt.page_id', '=', 'p.id').where('pt.lang', '=', lang))))
        .groupBy(['p.slug', 'p.title'])
        .execute();
      return rows
        .map((r) => ({ slug: r.slug, title: r.title, count: Number(r.count), since: null, by: null }))
        .sort((a, b) => b.count - a.count || a.title.localeCompare(b.title))
        .slice(0, limit);
    },

    /** Translation revisions sent for review, the longest waiting first. */
    async waiting(lang: Lang): Promise<DashboardRow[]> {
      const rows = await db
        .selectFrom('translation_revisions as r')
        .innerJoin('pages as p', 'p.id', 'r.page_id')
        .leftJoin('users as u', 'u.id', 'r.author_user_id')
        .select(['p.slug', 'p.title', 'r.number', 'r.submitted_at', 'u.name'])
        .where('r.lang', '=', lang)
        .where('r.state', '=', 'in_review')
        .where('p.deleted_at', 'is', null)
        .orderBy('r.submitted_at')
        .execute();
      return rows.map((r) => ({ slug: r.slug, title: r.title, count: r.number, since: r.submitted_at, by: r.name }));
    },

    /** Every published translation's title and summary in one language, by page id: what lists of pages show its readers. */
    async listedIn(lang: Lang): Promise<Map<number, { title: string; summary: string }>> {
      if (lang === SOURCE_LANG) return new Map();
      const rows = await db.selectFrom('page_translations').select(['page_id', 'title', 'summary']).where('lang', '=', lang).execute();
      return new Map(rows.map((r) => [r.page_id, { title: r.title, summary: r.summary }]));
    },

    async published(pageId: number, lang: Lang): Promise<PublishedTranslation | null> {
      const row = await db.selectFrom('page_translations').selectAll().where('page_id', '=', pageId).where('lang', '=', lang).executeTakeFirst();
      if (!row) return null;
      const sections = await db.selectFrom('translation_sections').selectAll().where('translation_id', '=', row.id).orderBy('id').execute();
      return {
        id: row.id,
        pageId: row.page_id,
        lang,
        title: row.title,
        summary: row.summary,
        translators: JSON.parse(row.translators) as Translator[],
        demo: row.demo === 1,
        reviewerName: row.reviewer_name,
        reviewedAt: row.reviewed_at,
        publishedAt: row.published_at,
        sections: sections.map((s) => ({
          sourceAnchor: s.source_anchor,
          heading: s.heading,
          entries: JSON.parse(s.entries) as string[],
          sourceText: s.source_text,
          sourceHash: s.source_hash,
          madeAt: s.made_at,
          outdatedSince: s.outdated_since,
          safety: s.safety === 1,
        })),
      };
    },
  };
}
