import { sql } from 'kysely';
import { type Db, type Tx, nowIso } from '../db/database.js';
import { extractCitationKeys, extractLinks } from '../content/inline.js';
import { type LinkRef, PageDocument, type PageDocumentInput } from './document.js';
import { ContentValidationError, type FieldProblem } from './errors.js';
import { sectionAnchor, slugify } from './slug.js';

/** Keeps a derived index (search, …) in step with pages, inside the saving transaction. */
export interface PageIndexer {
  pageChanged(tx: Tx, pageId: number, change?: PageChange): Promise<void>;
  pageRemoved(tx: Tx, pageId: number): Promise<void>;
}

/** What a save was, for indexers that care (translations: which English revision was published). */
export interface PageChange {
  /** The editor's revision (page_revisions.id) being published; absent for imports. */
  revisionId?: number;
}

export type DirectoryStore = ReturnType<typeof createDirectoryStore>;

/**
 * The write side of the directory. Every change runs in one transaction that
 * also refreshes the references table, citation uses, the indexers and the
 * content version, so readers never see a half-saved page.
 */
export function createDirectoryStore(db: Db, indexers: PageIndexer[] = []) {
  async function inTx<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? work(tx) : db.transaction().execute(work);
  }

  /** Tells the indexers about the live pages that link to these slugs (other than `exceptId`): whether their links lead to a written page changed. */
  async function reindexLinkers(tx: Tx, slugs: string[], exceptId: number): Promise<void> {
    if (!indexers.length) return;
    const rows = await tx
      .selectFrom('links as l')
      .innerJoin('pages as p', 'p.id', 'l.from_page_id')
      .select('p.id')
      .distinct()
      .where('l.target_slug', 'in', slugs)
      .where('l.kind', '!=', 'inline')
      .where('p.deleted_at', 'is', null)
      .where('p.id', '!=', exceptId)
      .orderBy('p.id')
      .execute();
    for (const { id } of rows) for (const indexer of indexers) await indexer.pageChanged(tx, id);
  }

  return {
    /** Creates or replaces the page with the document's slug; returns its id. */
    async savePage(input: PageDocumentInput, options: { tx?: Tx; previousSlug?: string; change?: PageChange } = {}): Promise<number> {
      const parsed = PageDocument.safeParse(input);
      if (!parsed.success) {
        throw new ContentValidationError(
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      }
      const doc = parsed.data;
      return inTx(options.tx, async (tx) => {
        const problems: FieldProblem[] = [];
        const existing = await tx
          .selectFrom('pages')
          .select(['id', 'slug'])
          .where('slug', '=', options.previousSlug ?? doc.slug)
          .executeTakeFirst();
        if (options.previousSlug && options.previousSlug !== doc.slug) {
          const taken = await tx.selectFrom('pages').select('id').where('slug', '=', doc.slug).executeTakeFirst();
          if (taken) problems.push({ path: 'slug', message: `the address "${doc.slug}" is already used by another page` });
        }
        const parentId = doc.parentSlug ? await resolveParent(tx, doc.parentSlug, existing?.id, problems) : null;
        const authorIds = await resolveKeys(tx, 'authors', doc.authorKeys, 'authorKeys', 'author', problems);
        const reviewerIds = doc.reviewedByKey
          ? await resolveKeys(tx, 'authors', [doc.reviewedByKey], 'reviewedByKey', 'reviewer', problems)
          : [];
        const citeKeys = collectCitationKeys(doc);
        const citationIds = await resolveCitations(tx, citeKeys, problems);
        if (problems.length) throw new ContentValidationError(problems);

        const row = {
          slug: doc.slug,
          parent_id: parentId,
          position: doc.position,
          title: doc.title,
          sort_title: doc.sortTitle,
          summary: doc.summary,
          created_on: doc.createdOn,
          updated_on: doc.updatedOn,
          reviewed_on: doc.reviewedOn,
          reviewed_by: reviewerIds[0] ?? null,
          next_review_on: doc.nextReviewOn ?? (doc.reviewedOn ? addMonths(doc.reviewedOn, doc.reviewIntervalMonths) : null),
          review_interval_months: doc.reviewIntervalMonths,
          deleted_at: null,
          changed_at: nowIso(),
        };
        let pageId: number;
        if (existing) {
          pageId = existing.id;
          await tx.updateTable('pages').set(row).where('id', '=', pageId).execute();
          await clearParts(tx, pageId);
          if (existing.slug !== doc.slug) {
            // The old address keeps working: readers' bookmarks and other sites' links.
            await tx.deleteFrom('slug_redirects').where('old_slug', '=', doc.slug).execute();
            await tx
              .insertInto('slug_redirects')
              .values({ old_slug: existing.slug, page_id: pageId })
              .onConflict((oc) => oc.column('old_slug').doUpdateSet({ page_id: pageId }))
              .execute();
          }
        } else {
          await tx.deleteFrom('slug_redirects').where('old_slug', '=', doc.slug).execute();
          pageId = (await tx.insertInto('pages').values(row).returning('id').executeTakeFirstOrThrow()).id;
        }

        if (authorIds.length) {
          await tx
            .insertInto('page_authors')
            .values(authorIds.map((author_id, position) => ({ page_id: pageId, author_id, position })))
            .execute();
        }
        const links: Array<{ section_id: number | null; kind: 'sub' | 'also' | 'inline'; ref: LinkRef }> = [];
        const usedAnchors = new Set<string>();
        for (const [sIndex, section] of doc.sections.entries()) {
          const anchor = sectionAnchor(section.heading, usedAnchors);
          const { id: sectionId } = await tx
            .insertInto('sections')
            .values({ page_id: pageId, position: sIndex, heading: section.heading, anchor })
            .returning('id')
            .executeTakeFirstOrThrow();
          if (section.entries.length) {
            await tx
              .insertInto('entries')
              .values(
                section.entries.map((entry, position) => ({
                  section_id: sectionId,
                  page_id: pageId,
                  position,
                  kind: entry.kind,
                  body: entry.body,
                  citation_id: entry.kind === 'research' ? citationIds.get(entry.citationKey)! : null,
                  outlet: entry.kind === 'news' ? entry.outlet : null,
                  published_on: entry.kind === 'news' ? entry.date : null,
                  url: entry.kind === 'news' ? (entry.url ?? null) : null,
                  headline: entry.kind === 'news' ? (entry.headline ?? null) : null,
                })),
              )
              .execute();
          }
          for (const entry of section.entries) {
            for (const ref of extractLinks(entry.body)) links.push({ section_id: sectionId, kind: 'inline', ref });
          }
          for (const ref of section.subArticles) links.push({ section_id: sectionId, kind: 'sub', ref });
          for (const ref of section.alsoSee) links.push({ section_id: sectionId, kind: 'also', ref });
        }
        for (const ref of doc.alsoSee) links.push({ section_id: null, kind: 'also', ref });
        for (const note of doc.footnotes) for (const ref of extractLinks(note)) links.push({ section_id: null, kind: 'inline', ref });
        if (links.length) {
          await tx
            .insertInto('links')
            .values(
              links.map((l, position) => ({
                from_page_id: pageId,
                section_id: l.section_id,
                kind: l.kind,
                target_slug: slugify(l.ref.target),
                target_title: l.ref.target,
                label: l.ref.label,
                position,
              })),
            )
            .execute();
        }
        if (citationIds.size) {
          await tx
            .insertInto('citation_uses')
            .values([...new Set(citationIds.values())].map((citation_id) => ({ page_id: pageId, citation_id })))
            .execute();
        }
        if (doc.codes.length) {
          await tx
            .insertInto('page_codes')
            .values(doc.codes.map((c, position) => ({ page_id: pageId, position, system: c.system, code: c.code, who_entity: c.whoEntity ?? null })))
            .execute();
        }
        if (doc.footnotes.length) {
          await tx
            .insertInto('footnotes')
            .values(doc.footnotes.map((body, i) => ({ page_id: pageId, position: i + 1, body })))
            .execute();
        }
        for (const indexer of indexers) await indexer.pageChanged(tx, pageId, options.change);
        // Pages linking here now link to a written page (search weighs such links above wanted ones).
        if (!existing || existing.slug !== doc.slug) await reindexLinkers(tx, [doc.slug, ...(existing ? [existing.slug] : [])], pageId);
        await bumpContentVersion(tx);
        return pageId;
      });
    },

    /** Hides a page from readers and search; restorable. */
    async deletePage(slug: string, options: { tx?: Tx } = {}): Promise<void> {
      await inTx(options.tx, async (tx) => {
        const page = await tx.selectFrom('pages').select('id').where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
        if (!page) throw new ContentValidationError([{ path: 'slug', message: `no page "${slug}"` }]);
        await tx.updateTable('pages').set({ deleted_at: nowIso(), changed_at: nowIso() }).where('id', '=', page.id).execute();
        for (const indexer of indexers) await indexer.pageRemoved(tx, page.id);
        await reindexLinkers(tx, [slug], page.id);
        await bumpContentVersion(tx);
      });
    },

    /**
     * Tells the indexers that something shown with these pages changed (news
     * naming them, src/news/), inside the caller's transaction. Deleted pages are skipped.
     */
    async pagesChanged(tx: Tx, pageIds: readonly number[]): Promise<void> {
      if (!pageIds.length) return;
      const live = await tx.selectFrom('pages').select('id').where('id', 'in', [...new Set(pageIds)]).where('deleted_at', 'is', null).orderBy('id').execute();
      for (const { id } of live) for (const indexer of indexers) await indexer.pageChanged(tx, id);
    },

    /** Brings back a soft-deleted page. */
    async restorePage(slug: string, options: { tx?: Tx } = {}): Promise<void> {
      await inTx(options.tx, async (tx) => {
        const page = await tx.selectFrom('pages').select('id').where('slug', '=', slug).where('deleted_at', 'is not', null).executeTakeFirst();
        if (!page) throw new ContentValidationError([{ path: 'slug', message: `no deleted page "${slug}"` }]);
        await tx.updateTable('pages').set({ deleted_at: null, changed_at: nowIso() }).where('id', '=', page.id).execute();
        for (const indexer of indexers) await indexer.pageChanged(tx, page.id);
        await reindexLinkers(tx, [slug], page.id);
        await bumpContentVersion(tx);
      });
    },
  };
}

/** Every write that changes what readers see ends here, so every server's cache knows. */
export async function bumpContentVersion(tx: Tx): Promise<void> {
  await tx.updateTable('content_state').set({ version: sql`version + 1` }).where('id', '=', 1).execute();
}

async function clearParts(tx: Tx, pageId: number): Promise<void> {
  // Entries and links reference sections, so they go first.
  await tx.deleteFrom('entries').where('page_id', '=', pageId).execute();
  await tx.deleteFrom('links').where('from_page_id', '=', pageId).execute();
  await tx.deleteFrom('sections').where('page_id', '=', pageId).execute();
  await tx.deleteFrom('page_authors').where('page_id', '=', pageId).execute();
  await tx.deleteFrom('citation_uses').where('page_id', '=', pageId).execute();
  await tx.deleteFrom('footnotes').where('page_id', '=', pageId).execute();
  await tx.deleteFrom('page_codes').where('page_id', '=', pageId).execute();
}

async function resolveParent(tx: Tx, parentSlug: string, selfId: number | undefined, problems: FieldProblem[]): Promise<number | null> {
  const parent = await tx.selectFrom('pages').select(['id', 'parent_id']).where('slug', '=', parentSlug).where('deleted_at', 'is', null).executeTakeFirst();
  if (!parent) {
    problems.push({ path: 'parentSlug', message: `there is no page "${parentSlug}" to put this page under` });
    return null;
  }
  if (selfId !== undefined) {
    // Walk up from the new parent: meeting this page means the move would make a loop.
    let cursor: number | null = parent.id;
    for (let depth = 0; cursor !== null && depth < 1000; depth++) {
      if (cursor === selfId) {
        problems.push({ path: 'parentSlug', message: 'a page cannot be moved under itself or one of its own sub-pages' });
        return null;
      }
      const up: { parent_id: number | null } | undefined = await tx.selectFrom('pages').select('parent_id').where('id', '=', cursor).executeTakeFirst();
      cursor = up?.parent_id ?? null;
    }
  }
  return parent.id;
}

async function resolveKeys(tx: Tx, table: 'authors', keys: string[], path: string, noun: string, problems: FieldProblem[]): Promise<number[]> {
  if (!keys.length) return [];
  const rows = await tx.selectFrom(table).select(['id', 'key']).where('key', 'in', keys).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.id]));
  const missing = keys.filter((k) => !byKey.has(k));
  if (missing.length) problems.push({ path, message: `unknown ${noun}: ${missing.join(', ')}` });
  return keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
}

function collectCitationKeys(doc: PageDocument): string[] {
  const keys = new Set<string>();
  for (const section of doc.sections) {
    for (const entry of section.entries) {
      if (entry.kind === 'research') keys.add(entry.citationKey);
      for (const k of extractCitationKeys(entry.body)) keys.add(k);
    }
  }
  for (const note of doc.footnotes) for (const k of extractCitationKeys(note)) keys.add(k);
  return [...keys];
}

/** Citation keys may name a bibliography key, "pmid:N" or "doi:X". */
async function resolveCitations(tx: Tx, keys: string[], problems: FieldProblem[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (!keys.length) return found;
  const pmids = keys.filter((k) => k.startsWith('pmid:')).map((k) => k.slice(5));
  const dois = keys.filter((k) => k.startsWith('doi:')).map((k) => k.slice(4));
  const rows = await tx
    .selectFrom('citations')
    .select(['id', 'key', 'pmid', 'doi'])
    .where((eb) =>
      eb.or([
        eb('key', 'in', keys),
        ...(pmids.length ? [eb('pmid', 'in', pmids)] : []),
        ...(dois.length ? [eb('doi', 'in', dois)] : []),
      ]),
    )
    .execute();
  for (const r of rows) {
    found.set(r.key, r.id);
    if (r.pmid) found.set(`pmid:${r.pmid}`, r.id);
    if (r.doi) found.set(`doi:${r.doi}`, r.id);
  }
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length) problems.push({ path: 'citations', message: `unknown citation key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` });
  return found;
}

/** YYYY-MM-DD plus whole months, clamped to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
