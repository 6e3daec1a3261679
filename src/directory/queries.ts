import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { EntryKind, LinkKind } from '../db/schema.js';
import { type DirectoryTree, buildTree } from './tree.js';
import { VersionMemo } from './version-memo.js';
import { CODE_SYSTEMS, type ClinicalCode, type CodeSystem } from './clinical-codes.js';
import type { DigestRow } from './evidence.js';
import { isRetractionStatus, type RetractionStatus } from '../citations/study-type.js';

/**
 * Reader-facing lists are sorted here, not by ORDER BY on text: SQLite
 * compares bytes ("Zebra" before "apple") while PostgreSQL follows its
 * collation, so only a sort in one place reads the same on both (and matches
 * the tree's order).
 */
const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

/** The read side of the directory: what pages show. Never writes. */
export type DirectoryQueries = ReturnType<typeof createDirectoryQueries>;

export interface CitationView {
  id: number;
  key: string;
  csl: Record<string, unknown>;
  pmid: string | null;
  pmcid: string | null;
  doi: string | null;
  url: string | null;
  title: string;
  container: string | null;
  issuedYear: number | null;
  pubTypes: string[];
}

export interface LinkView {
  kind: LinkKind;
  sectionId: number | null;
  label: string;
  targetTitle: string;
  targetSlug: string;
  /** Where the link resolves now (after redirects); null for a wanted page. */
  resolvedSlug: string | null;
}

export interface EntryView {
  id: number;
  kind: EntryKind;
  body: string;
  citation: CitationView | null;
  outlet: string | null;
  publishedOn: string | null;
  url: string | null;
  headline: string | null;
}

export interface SectionView {
  id: number;
  heading: string | null;
  anchor: string;
  entries: EntryView[];
  subArticles: LinkView[];
  alsoSee: LinkView[];
}

export interface PersonView {
  key: string;
  name: string;
  role: string;
  /** Conflict-of-interest statement in the person's words ('' with declaredOn: no conflicts declared). */
  disclosure: string;
  qualifications: string;
  affiliation: string;
  funding: string;
  /** When the declaration was made (YYYY-MM-DD); null when none is recorded. */
  declaredOn: string | null;
}

/** Columns of the authors table a byline shows. */
export const PERSON_COLUMNS = ['key', 'name', 'role', 'disclosure', 'qualifications', 'affiliation', 'funding', 'declared_on'] as const;

export function toPersonView(r: { key: string; name: string; role: string; disclosure: string; qualifications: string; affiliation: string; funding: string; declared_on: string | null }): PersonView {
  return { key: r.key, name: r.name, role: r.role, disclosure: r.disclosure, qualifications: r.qualifications, affiliation: r.affiliation, funding: r.funding, declaredOn: r.declared_on };
}

export interface PageView {
  id: number;
  slug: string;
  title: string;
  summary: string;
  createdOn: string;
  updatedOn: string | null;
  reviewedOn: string | null;
  reviewedBy: PersonView | null;
  nextReviewOn: string | null;
  changedAt: string;
  authors: PersonView[];
  sections: SectionView[];
  alsoSee: LinkView[];
  /** Every [[link]] in the page's text, for rendering inline links. */
  inlineLinks: LinkView[];
  footnotes: string[];
  /** Clinical codes of the condition the page is about, in the order the editor gave them. */
  codes: ClinicalCode[];
  /** Citations cited anywhere on the page, in order of first use. */
  citations: CitationView[];
  backlinks: Array<{ slug: string; title: string }>;
}

export interface WantedPage {
  slug: string;
  title: string;
  linkCount: number;
  linkedFrom: Array<{ slug: string; title: string }>;
}

export function createDirectoryQueries(db: Db) {
  /** Links joined with where they resolve now: a live page by slug, or through a redirect. */
  function resolvedLinks() {
    return db
      .selectFrom('links as l')
      .leftJoin('pages as direct', (j) => j.onRef('direct.slug', '=', 'l.target_slug').on('direct.deleted_at', 'is', null))
      .leftJoin('slug_redirects as r', 'r.old_slug', 'l.target_slug')
      .leftJoin('pages as moved', (j) => j.onRef('moved.id', '=', 'r.page_id').on('moved.deleted_at', 'is', null));
  }

  async function contentVersion(): Promise<number> {
    const row = await db.selectFrom('content_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
    return Number(row.version);
  }

  // Nearly every page reads the whole tree: read and built once per content version.
  const trees = new VersionMemo<DirectoryTree>(contentVersion);
  function tree(): Promise<DirectoryTree> {
    return trees.get('tree', async () => {
      const rows = await db
        .selectFrom('pages')
        .select(['id', 'slug', 'title', 'sort_title', 'summary', 'parent_id', 'position'])
        .where('deleted_at', 'is', null)
        .execute();
      return buildTree(rows);
    });
  }

  return {
    contentVersion,

    /** The directory tree (shared by every caller for a content version: read it, never change it). */
    tree,

    /**
     * A topic name readers can type to find something, for the search box's
     * example: the listed name of the written page most other pages link to
     * (a central topic), short enough for the box; null for an empty directory.
     */
    async searchExample(): Promise<string | null> {
      const [directory, counts] = await Promise.all([
        tree(),
        db
          .selectFrom('links')
          .select(['target_slug', sql<number>`count(distinct from_page_id)`.as('n')])
          .groupBy('target_slug')
          .execute(),
      ]);
      const linked = new Map(counts.map((c) => [c.target_slug, Number(c.n)]));
      const candidates = directory.order.filter((n) => n.sortTitle.length <= 24);
      candidates.sort((a, b) => (linked.get(b.slug) ?? 0) - (linked.get(a.slug) ?? 0) || a.depth - b.depth || a.slug.localeCompare(b.slug));
      return candidates[0]?.sortTitle ?? null;
    },

    /** Where an old slug now lives, if the page was renamed. */
    async redirectFor(slug: string): Promise<string | null> {
      const row = await db
        .selectFrom('slug_redirects as r')
        .innerJoin('pages as p', 'p.id', 'r.page_id')
        .select('p.slug')
        .where('r.old_slug', '=', slug)
        .where('p.deleted_at', 'is', null)
        .executeTakeFirst();
      return row?.slug ?? null;
    },

    async page(slug: string): Promise<PageView | null> {
      const page = await db.selectFrom('pages').selectAll().where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
      if (!page) return null;
      const [authors, reviewer, sections, entries, links, footnotes, backlinks] = await Promise.all([
        db
          .selectFrom('page_authors as pa')
          .innerJoin('authors as a', 'a.id', 'pa.author_id')
          .select(PERSON_COLUMNS.map((c) => `a.${c}` as const))
          .where('pa.page_id', '=', page.id)
          .orderBy('pa.position')
          .execute(),
        page.reviewed_by === null
          ? Promise.resolve(undefined)
          : db.selectFrom('authors').select(PERSON_COLUMNS).where('id', '=', page.reviewed_by).executeTakeFirst(),
        db.selectFrom('sections').select(['id', 'heading', 'anchor']).where('page_id', '=', page.id).orderBy('position').execute(),
        db
          .selectFrom('entries as e')
          .leftJoin('citations as c', 'c.id', 'e.citation_id')
          .select([
            'e.id', 'e.section_id', 'e.kind', 'e.body', 'e.outlet', 'e.published_on', 'e.url', 'e.headline',
            'c.id as c_id', 'c.key as c_key', 'c.csl as c_csl', 'c.pmid as c_pmid', 'c.pmcid as c_pmcid', 'c.doi as c_doi',
            'c.url as c_url', 'c.title as c_title', 'c.container as c_container', 'c.issued_year as c_year', 'c.pub_types as c_types',
          ])
          .where('e.page_id', '=', page.id)
          .orderBy('e.section_id')
          .orderBy('e.position')
          .execute(),
        resolvedLinks()
          .select(['l.kind', 'l.section_id', 'l.label', 'l.target_title', 'l.target_slug', 'direct.slug as direct_slug', 'moved.slug as moved_slug'])
          .where('l.from_page_id', '=', page.id)
          .orderBy('l.position')
          .execute(),
        db.selectFrom('footnotes').select('body').where('page_id', '=', page.id).orderBy('position').execute(),
        db
          .selectFrom('links as l')
          .innerJoin('pages as p', 'p.id', 'l.from_page_id')
          .select(['p.slug', 'p.title'])
          .distinct()
          .where('p.deleted_at', 'is', null)
          .where('p.id', '!=', page.id)
          .where((eb) =>
            eb.or([
              eb('l.target_slug', '=', page.slug),
              eb('l.target_slug', 'in', eb.selectFrom('slug_redirects').select('old_slug').where('page_id', '=', page.id)),
            ]),
          )
          .execute()
          .then((rows) => rows.sort(byTitle)),
      ]);

      const linkViews = links.map(
        (l): LinkView => ({
          kind: l.kind,
          sectionId: l.section_id,
          label: l.label,
          targetTitle: l.target_title,
          targetSlug: l.target_slug,
          resolvedSlug: l.direct_slug ?? l.moved_slug ?? null,
        }),
      );
      const sectionViews = sections.map(
        (s): SectionView => ({
          id: s.id,
          heading: s.heading,
          anchor: s.anchor,
          entries: [],
          subArticles: linkViews.filter((l) => l.sectionId === s.id && l.kind === 'sub'),
          alsoSee: linkViews.filter((l) => l.sectionId === s.id && l.kind === 'also'),
        }),
      );
      const sectionById = new Map(sectionViews.map((s) => [s.id, s]));
      for (const e of entries) {
        sectionById.get(e.section_id)?.entries.push({
          id: e.id,
          kind: e.kind,
          body: e.body,
          outlet: e.outlet,
          publishedOn: e.published_on,
          url: e.url,
          headline: e.headline,
          citation:
            e.c_id === null
              ? null
              : toCitationView({
                  id: e.c_id, key: e.c_key!, csl: e.c_csl!, pmid: e.c_pmid, pmcid: e.c_pmcid, doi: e.c_doi, url: e.c_url,
                  title: e.c_title!, container: e.c_container, issued_year: e.c_year, pub_types: e.c_types!,
                }),
        });
      }
      const [citations, codes] = await Promise.all([citationsOfPage(db, page.id), readPageCodes(db, page.id)]);
      return {
        id: page.id,
        slug: page.slug,
        title: page.title,
        summary: page.summary,
        createdOn: page.created_on,
        updatedOn: page.updated_on,
        reviewedOn: page.reviewed_on,
        reviewedBy: reviewer ? toPersonView(reviewer) : null,
        nextReviewOn: page.next_review_on,
        changedAt: page.changed_at,
        authors: authors.map(toPersonView),
        sections: sectionViews,
        alsoSee: linkViews.filter((l) => l.sectionId === null && l.kind === 'also'),
        inlineLinks: linkViews.filter((l) => l.kind === 'inline'),
        footnotes: footnotes.map((f) => f.body),
        codes,
        citations,
        backlinks,
      };
    },

    /** Links to pages that do not exist yet, most-linked first. */
    async wantedPages(limit = 1000): Promise<WantedPage[]> {
      const rows = await resolvedLinks()
        .innerJoin('pages as src', 'src.id', 'l.from_page_id')
        .select(['l.target_slug', 'l.target_title', 'src.slug as from_slug', 'src.title as from_title'])
        .where('direct.id', 'is', null)
        .where('moved.id', 'is', null)
        .where('src.deleted_at', 'is', null)
        .execute();
      const wanted = new Map<string, WantedPage>();
      for (const r of rows) {
        let w = wanted.get(r.target_slug);
        if (!w) wanted.set(r.target_slug, (w = { slug: r.target_slug, title: r.target_title, linkCount: 0, linkedFrom: [] }));
        if (!w.linkedFrom.some((f) => f.slug === r.from_slug)) {
          w.linkedFrom.push({ slug: r.from_slug, title: r.from_title });
          w.linkCount++;
        }
      }
      return [...wanted.values()]
        .sort((a, b) => b.linkCount - a.linkCount || a.title.localeCompare(b.title))
        .slice(0, limit);
    },

    /** Every citation with the pages that cite it. */
    async bibliography(): Promise<Array<CitationView & { citedBy: Array<{ slug: string; title: string }> }>> {
      const [rows, uses] = await Promise.all([
        db.selectFrom('citations').selectAll().execute(),
        db
          .selectFrom('citation_uses as u')
          .innerJoin('pages as p', 'p.id', 'u.page_id')
          .select(['u.citation_id', 'p.slug', 'p.title'])
          .where('p.deleted_at', 'is', null)
          .execute(),
      ]);
      uses.sort(byTitle);
      return rows.sort(byTitle).map((r) => ({
        ...toCitationView(r),
        citedBy: uses.filter((u) => u.citation_id === r.id).map((u) => ({ slug: u.slug, title: u.title })),
      }));
    },

    /**
     * Research digests on live pages with their study's year, publication types
     * and open retraction flags (the evidence map): of the given pages (a
     * topic's subtree, read in chunks so a large one stays within the
     * databases' parameter limits), or of every page.
     */
    async researchDigests(pageIds?: readonly number[]): Promise<DigestRow[]> {
      const query = () =>
        db
          .selectFrom('entries as e')
          .innerJoin('pages as p', 'p.id', 'e.page_id')
          .leftJoin('citations as c', 'c.id', 'e.citation_id')
          .select(['e.id', 'e.page_id', 'c.id as c_id', 'c.title as c_title', 'c.issued_year as c_year', 'c.pub_types as c_types'])
          .where('e.kind', '=', 'research')
          .where('p.deleted_at', 'is', null);
      const chunks: number[][] = [];
      if (pageIds) for (let i = 0; i < pageIds.length; i += 1000) chunks.push(pageIds.slice(i, i + 1000));
      const [lists, flags] = await Promise.all([
        pageIds ? Promise.all(chunks.map((ids) => query().where('e.page_id', 'in', ids).execute())) : query().execute().then((r) => [r]),
        db.selectFrom('citation_flags').select(['citation_id', 'status']).where('resolved_at', 'is', null).execute(),
      ]);
      const rows = lists.flat().sort((a, b) => Number(a.id) - Number(b.id));
      const open = new Map<number, RetractionStatus[]>();
      for (const f of flags) if (isRetractionStatus(f.status)) open.set(Number(f.citation_id), [...(open.get(Number(f.citation_id)) ?? []), f.status]);
      return rows.map((r) => ({
        entryId: Number(r.id),
        pageId: Number(r.page_id),
        citationId: r.c_id === null ? null : Number(r.c_id),
        citationTitle: r.c_title,
        issuedYear: r.c_year === null ? null : Number(r.c_year),
        pubTypes: r.c_types ? (JSON.parse(r.c_types) as string[]) : [],
        openFlags: r.c_id === null ? [] : (open.get(Number(r.c_id)) ?? []),
      }));
    },

    /** Published pages with their last change, for the sitemap. */
    async pageDates(): Promise<Array<{ id: number; slug: string; changedAt: string }>> {
      const rows = await db.selectFrom('pages').select(['id', 'slug', 'changed_at']).where('deleted_at', 'is', null).orderBy('slug').execute();
      return rows.map((r) => ({ id: r.id, slug: r.slug, changedAt: r.changed_at }));
    },

    async pageCount(): Promise<number> {
      const row = await db.selectFrom('pages').select(sql<number>`count(*)`.as('n')).where('deleted_at', 'is', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

/** A page's clinical codes in their order; a system this version does not know (a newer server's) is left out. */
export async function readPageCodes(db: Db | Tx, pageId: number): Promise<ClinicalCode[]> {
  const rows = await db.selectFrom('page_codes').select(['system', 'code', 'who_entity']).where('page_id', '=', pageId).orderBy('position').execute();
  return rows.flatMap((r) =>
    (CODE_SYSTEMS as readonly string[]).includes(r.system)
      ? [{ system: r.system as CodeSystem, code: r.code, ...(r.who_entity ? { whoEntity: r.who_entity } : {}) }]
      : [],
  );
}

async function citationsOfPage(db: Db, pageId: number): Promise<CitationView[]> {
  const rows = await db
    .selectFrom('citation_uses as u')
    .innerJoin('citations as c', 'c.id', 'u.citation_id')
    .selectAll('c')
    .where('u.page_id', '=', pageId)
    .execute();
  // Newest first, undated last: in SQL, DESC puts NULL last on SQLite but first on PostgreSQL.
  return rows.map(toCitationView).sort((a, b) => (b.issuedYear ?? -Infinity) - (a.issuedYear ?? -Infinity) || byTitle(a, b));
}

/** A citations row as pages show it (JSON columns parsed). */
export function toCitationView(r: {
  id: number; key: string; csl: string; pmid: string | null; pmcid: string | null; doi: string | null; url: string | null;
  title: string; container: string | null; issued_year: number | null; pub_types: string;
}): CitationView {
  return {
    id: r.id,
    key: r.key,
    csl: JSON.parse(r.csl) as Record<string, unknown>,
    pmid: r.pmid,
    pmcid: r.pmcid,
    doi: r.doi,
    url: r.url,
    title: r.title,
    container: r.container,
    issuedYear: r.issued_year === null ? null : Number(r.issued_year),
    pubTypes: JSON.parse(r.pub_types) as string[],
  };
}
