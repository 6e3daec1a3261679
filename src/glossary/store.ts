/**
 * The glossary: terms whose every save is a new revision (a full snapshot:
 * term, synonyms, definition). Readers see a term only once a reviewer has
 * approved a revision of it, and then that revision until another is approved.
 * A term is written in English first; each translation is its own revisions in
 * that language, reviewed the same way, each remembering the English revision
 * it was translated from (MediaWiki Translate's units that know their source).
 */
import type { Db, Tx } from '../db/database.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import type { GlossaryRevisionState } from '../db/schema.js';
import { bumpContentVersion } from '../directory/store.js';

export interface GlossaryEntry {
  slug: string;
  term: string;
  synonyms: string[];
  definition: string;
  /** The language of its words; English where a reader's language has no translation yet. Absent: English. */
  lang?: Lang;
  /** A translation made from an English revision older than the one readers now see. */
  outdated?: boolean;
}

/** Where a term's translation into one language stands, for editors. */
export interface GlossaryTranslationState {
  lang: Lang;
  /** The newest revision's state in that language; null when nobody translated it yet. */
  headState: GlossaryRevisionState | null;
  published: boolean;
  outdated: boolean;
}

export interface GlossaryRevision extends GlossaryEntry {
  id: number;
  lang: Lang;
  sourceRevisionId: number | null;
  termId: number;
  state: GlossaryRevisionState;
  authorUserId: number | null;
  authorName: string | null;
  createdAt: string;
  reviewedByName: string | null;
  reviewedAt: string | null;
}

export interface GlossaryTermSummary {
  slug: string;
  /** The newest revision's words. */
  term: string;
  headState: GlossaryRevisionState;
  published: boolean;
}

export class GlossarySlugTakenError extends Error {}
export class SelfReviewError extends Error {}

/** "Raynaud's phenomenon" → "raynauds-phenomenon". */
export function glossarySlug(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

const synonymsOf = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
};

export interface GlossaryStore {
  /**
   * Every published term, A–Z, in a reader's language: its approved translation where there is one, the English
   * otherwise (`lang` says which). English by default.
   */
  published(lang?: Lang): Promise<GlossaryEntry[]>;
  publishedBySlug(slug: string, lang?: Lang): Promise<GlossaryEntry | undefined>;
  /** Only the approved translations into a language (for marking text written in it). */
  translatedInto(lang: Lang): Promise<GlossaryEntry[]>;
  /** Every term with its newest English revision's state, for editors. */
  all(): Promise<GlossaryTermSummary[]>;
  /** Every term's translations into each language, by slug. */
  translationStates(langs: readonly Lang[], slug?: string): Promise<Map<string, GlossaryTranslationState[]>>;
  /** Newest first, in one language (English by default). */
  revisions(slug: string, lang?: Lang): Promise<GlossaryRevision[]>;
  /** A translation into `lang`, waiting for review, made from the English revision readers now see; null when the term is unknown or unpublished. */
  translate(slug: string, lang: Lang, entry: Omit<GlossaryEntry, 'slug'>, authorUserId: number): Promise<number | null>;
  /** A new term (its first revision, waiting for review); GlossarySlugTakenError when its address is used. */
  create(entry: Omit<GlossaryEntry, 'slug'>, authorUserId: number | null): Promise<{ slug: string; revisionId: number }>;
  /** A new revision of a term, waiting for review. */
  save(slug: string, entry: Omit<GlossaryEntry, 'slug'>, authorUserId: number): Promise<number | null>;
  /** Publishes a revision waiting for review; the previous approved one is superseded. False when it is not waiting. */
  approve(revisionId: number, reviewerUserId: number): Promise<boolean>;
  /** The demo's terms, published at once (first start only, when the glossary is empty). */
  seed(entries: Array<Omit<GlossaryEntry, 'slug'>>): Promise<void>;
}

export function createGlossaryStore(db: Db, clock: () => Date): GlossaryStore {
  const revisionRows = (executor: Db | Tx) =>
    executor
      .selectFrom('glossary_revisions as r')
      .innerJoin('glossary_terms as g', 'g.id', 'r.term_id')
      .leftJoin('users as a', 'a.id', 'r.author_user_id')
      .leftJoin('users as v', 'v.id', 'r.reviewed_by_user_id')
      .select(['r.id', 'r.term_id', 'g.slug', 'r.term', 'r.synonyms', 'r.definition', 'r.state', 'r.author_user_id', 'a.name as author_name', 'r.created_at', 'v.name as reviewer_name', 'r.reviewed_at', 'r.lang', 'r.source_revision_id']);

  const insertRevision = async (
    tx: Tx,
    termId: number,
    entry: Omit<GlossaryEntry, 'slug'>,
    authorUserId: number | null,
    state: GlossaryRevisionState = 'in_review',
    translation?: { lang: Lang; sourceRevisionId: number },
  ) => {
    const row = await tx
      .insertInto('glossary_revisions')
      .values({
        term_id: termId,
        term: entry.term,
        synonyms: JSON.stringify(entry.synonyms),
        definition: entry.definition,
        state,
        author_user_id: authorUserId,
        created_at: clock().toISOString(),
        lang: translation?.lang ?? SOURCE_LANG,
        source_revision_id: translation?.sourceRevisionId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  };

  /** Approved translations into a language, with the English revision each was made from and the one readers see now. */
  const approvedTranslations = (lang: Lang) =>
    db
      .selectFrom('glossary_revisions as r')
      .innerJoin('glossary_terms as g', 'g.id', 'r.term_id')
      .select(['g.slug', 'r.term', 'r.synonyms', 'r.definition', 'r.source_revision_id', 'g.published_revision_id'])
      .where('r.lang', '=', lang)
      .where('r.state', '=', 'approved')
      .where('g.published_revision_id', 'is not', null);
  const translatedEntry = (lang: Lang, r: { slug: string; term: string; synonyms: string; definition: string; source_revision_id: number | null; published_revision_id: number | null }): GlossaryEntry => ({
    slug: r.slug,
    term: r.term,
    synonyms: synonymsOf(r.synonyms),
    definition: r.definition,
    lang,
    outdated: r.source_revision_id !== r.published_revision_id,
  });
  // localeCompare with options builds a collator on every comparison; terms are sorted on every page that marks them.
  const collators = new Map<Lang, Intl.Collator>();
  const byTerm = (lang: Lang) => {
    let collator = collators.get(lang);
    if (!collator) collators.set(lang, (collator = new Intl.Collator(lang, { sensitivity: 'base' })));
    const compare = collator.compare;
    return (a: GlossaryEntry, b: GlossaryEntry) => compare(a.term, b.term);
  };

  return {
    async published(lang = SOURCE_LANG) {
      const rows = await db
        .selectFrom('glossary_terms as g')
        .innerJoin('glossary_revisions as r', 'r.id', 'g.published_revision_id')
        .select(['g.slug', 'r.term', 'r.synonyms', 'r.definition'])
        .execute();
      const english = rows.map((r): GlossaryEntry => ({ slug: r.slug, term: r.term, synonyms: synonymsOf(r.synonyms), definition: r.definition, lang: SOURCE_LANG }));
      if (lang === SOURCE_LANG) return english.sort(byTerm(SOURCE_LANG));
      const translated = new Map((await approvedTranslations(lang).execute()).map((r) => [r.slug, translatedEntry(lang, r)]));
      return english.map((e) => translated.get(e.slug) ?? e).sort(byTerm(lang));
    },

    async publishedBySlug(slug, lang = SOURCE_LANG) {
      if (lang !== SOURCE_LANG) {
        const translated = await approvedTranslations(lang).where('g.slug', '=', slug).executeTakeFirst();
        if (translated) return translatedEntry(lang, translated);
      }
      const row = await db
        .selectFrom('glossary_terms as g')
        .innerJoin('glossary_revisions as r', 'r.id', 'g.published_revision_id')
        .select(['g.slug', 'r.term', 'r.synonyms', 'r.definition'])
        .where('g.slug', '=', slug)
        .executeTakeFirst();
      return row && { slug: row.slug, term: row.term, synonyms: synonymsOf(row.synonyms), definition: row.definition, lang: SOURCE_LANG };
    },

    async translatedInto(lang) {
      return (await approvedTranslations(lang).execute()).map((r) => translatedEntry(lang, r)).sort(byTerm(lang));
    },

    async translationStates(langs, slug) {
      let terms = db.selectFrom('glossary_terms').select(['id', 'slug', 'published_revision_id']);
      if (slug !== undefined) terms = terms.where('slug', '=', slug);
      let revisions = db
        .selectFrom('glossary_revisions as r')
        .innerJoin('glossary_terms as g', 'g.id', 'r.term_id')
        .select(['r.term_id', 'r.lang', 'r.state', 'r.source_revision_id'])
        .where('r.lang', '!=', SOURCE_LANG)
        .orderBy('r.id', 'desc');
      if (slug !== undefined) revisions = revisions.where('g.slug', '=', slug);
      const [termRows, rows] = await Promise.all([terms.execute(), revisions.execute()]);
      const revisionsOf = new Map<number, typeof rows>();
      for (const r of rows) (revisionsOf.get(r.term_id) ?? revisionsOf.set(r.term_id, []).get(r.term_id)!).push(r);
      const out = new Map<string, GlossaryTranslationState[]>();
      for (const term of termRows) {
        const ofTerm = revisionsOf.get(term.id) ?? [];
        out.set(
          term.slug,
          langs.map((lang) => {
            const mine = ofTerm.filter((r) => r.lang === lang);
            const approved = mine.find((r) => r.state === 'approved');
            return { lang, headState: mine[0]?.state ?? null, published: Boolean(approved), outdated: Boolean(approved && approved.source_revision_id !== term.published_revision_id) };
          }),
        );
      }
      return out;
    },

    async all() {
      const terms = await db.selectFrom('glossary_terms').select(['id', 'slug', 'published_revision_id']).execute();
      const heads = terms.length
        ? await db.selectFrom('glossary_revisions').select(['term_id', 'term', 'state', 'id']).where('lang', '=', SOURCE_LANG).orderBy('id', 'desc').execute()
        : [];
      const headOf = new Map<number, (typeof heads)[number]>();
      for (const h of heads) if (!headOf.has(h.term_id)) headOf.set(h.term_id, h);
      return terms
        .map((t) => ({ slug: t.slug, term: headOf.get(t.id)?.term ?? t.slug, headState: headOf.get(t.id)?.state ?? 'in_review', published: t.published_revision_id !== null }))
        .sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
    },

    async revisions(slug, lang = SOURCE_LANG) {
      const rows = await revisionRows(db).where('g.slug', '=', slug).where('r.lang', '=', lang).orderBy('r.id', 'desc').execute();
      return rows.map((r) => ({
        id: r.id,
        lang: r.lang as Lang,
        sourceRevisionId: r.source_revision_id,
        termId: r.term_id,
        slug: r.slug,
        term: r.term,
        synonyms: synonymsOf(r.synonyms),
        definition: r.definition,
        state: r.state,
        authorUserId: r.author_user_id,
        authorName: r.author_name ?? null,
        createdAt: r.created_at,
        reviewedByName: r.reviewer_name ?? null,
        reviewedAt: r.reviewed_at,
      }));
    },

    async create(entry, authorUserId) {
      const slug = glossarySlug(entry.term);
      return db.transaction().execute(async (tx) => {
        const inserted = await tx
          .insertInto('glossary_terms')
          .values({ slug, created_at: clock().toISOString(), published_revision_id: null })
          .onConflict((oc) => oc.column('slug').doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) throw new GlossarySlugTakenError(slug);
        return { slug, revisionId: await insertRevision(tx, Number(inserted.id), entry, authorUserId) };
      });
    },

    async save(slug, entry, authorUserId) {
      return db.transaction().execute(async (tx) => {
        const term = await tx.selectFrom('glossary_terms').select('id').where('slug', '=', slug).executeTakeFirst();
        if (!term) return null;
        return insertRevision(tx, term.id, entry, authorUserId);
      });
    },

    async translate(slug, lang, entry, authorUserId) {
      return db.transaction().execute(async (tx) => {
        const term = await tx.selectFrom('glossary_terms').select(['id', 'published_revision_id']).where('slug', '=', slug).executeTakeFirst();
        if (!term?.published_revision_id) return null;
        return insertRevision(tx, term.id, entry, authorUserId, 'in_review', { lang, sourceRevisionId: term.published_revision_id });
      });
    },

    async approve(revisionId, reviewerUserId) {
      return db.transaction().execute(async (tx) => {
        const revision = await tx.selectFrom('glossary_revisions').select(['id', 'term_id', 'state', 'author_user_id', 'lang']).where('id', '=', revisionId).executeTakeFirst();
        if (!revision || revision.state !== 'in_review') return false;
        // A second pair of eyes: nobody approves their own words.
        if (revision.author_user_id === reviewerUserId) throw new SelfReviewError(String(revisionId));
        const at = clock().toISOString();
        // Within its own language: an English approval leaves the translations standing (they become outdated).
        const sameTerm = () => tx.updateTable('glossary_revisions').set({ state: 'superseded' }).where('term_id', '=', revision.term_id).where('lang', '=', revision.lang);
        await sameTerm().where('state', '=', 'approved').execute();
        // Older revisions still waiting are overtaken by this one.
        await sameTerm().where('state', '=', 'in_review').where('id', '<', revisionId).execute();
        await tx.updateTable('glossary_revisions').set({ state: 'approved', reviewed_by_user_id: reviewerUserId, reviewed_at: at }).where('id', '=', revisionId).execute();
        if (revision.lang === SOURCE_LANG) await tx.updateTable('glossary_terms').set({ published_revision_id: revisionId }).where('id', '=', revision.term_id).execute();
        await bumpContentVersion(tx);
        return true;
      });
    },

    async seed(entries) {
      await db.transaction().execute(async (tx) => {
        if (await tx.selectFrom('glossary_terms').select('id').executeTakeFirst()) return;
        for (const entry of entries) {
          const inserted = await tx
            .insertInto('glossary_terms')
            .values({ slug: glossarySlug(entry.term), created_at: clock().toISOString(), published_revision_id: null })
            .onConflict((oc) => oc.column('slug').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!inserted) continue;
          const revisionId = await insertRevision(tx, Number(inserted.id), entry, null, 'approved');
          await tx.updateTable('glossary_terms').set({ published_revision_id: revisionId }).where('id', '=', Number(inserted.id)).execute();
        }
        await bumpContentVersion(tx);
      });
    },
  };
}
