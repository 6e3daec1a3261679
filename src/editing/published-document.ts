import type { Db, Tx } from '../db/database.js';
import { type Entry, type LinkRef, PageDocument, type Section } from '../directory/document.js';
import { readPageCodes } from '../directory/queries.js';

/**
 * The page readers see now, read back from the normalised tables as a whole
 * PageDocument: the first revision of a page that was imported rather than
 * written in the editor. Deleted pages are read too (their editor offers restore).
 */
export async function loadPublishedDocument(db: Db | Tx, pageId: number): Promise<PageDocument | null> {
  const page = await db.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirst();
  if (!page) return null;
  const [parent, authors, reviewer, sections, entries, links, footnotes, codes] = await Promise.all([
    page.parent_id === null ? undefined : db.selectFrom('pages').select('slug').where('id', '=', page.parent_id).executeTakeFirst(),
    db
      .selectFrom('page_authors as pa')
      .innerJoin('authors as a', 'a.id', 'pa.author_id')
      .select('a.key')
      .where('pa.page_id', '=', pageId)
      .orderBy('pa.position')
      .execute(),
    page.reviewed_by === null ? undefined : db.selectFrom('authors').select('key').where('id', '=', page.reviewed_by).executeTakeFirst(),
    db.selectFrom('sections').select(['id', 'heading']).where('page_id', '=', pageId).orderBy('position').execute(),
    db
      .selectFrom('entries as e')
      .leftJoin('citations as c', 'c.id', 'e.citation_id')
      .select(['e.section_id', 'e.kind', 'e.body', 'e.outlet', 'e.published_on', 'e.url', 'e.headline', 'c.key as citation_key'])
      .where('e.page_id', '=', pageId)
      .orderBy('e.section_id')
      .orderBy('e.position')
      .execute(),
    db
      .selectFrom('links')
      .select(['section_id', 'kind', 'target_title', 'label'])
      .where('from_page_id', '=', pageId)
      .where('kind', 'in', ['sub', 'also'])
      .orderBy('position')
      .execute(),
    db.selectFrom('footnotes').select('body').where('page_id', '=', pageId).orderBy('position').execute(),
    readPageCodes(db, pageId),
  ]);
  const link = (l: { target_title: string; label: string }): LinkRef => ({ target: l.target_title, label: l.label });
  const sectionDocs: Section[] = sections.map((s) => ({
    heading: s.heading,
    entries: entries.filter((e) => e.section_id === s.id).map(toEntry),
    subArticles: links.filter((l) => l.section_id === s.id && l.kind === 'sub').map(link),
    alsoSee: links.filter((l) => l.section_id === s.id && l.kind === 'also').map(link),
  }));
  return PageDocument.parse({
    slug: page.slug,
    title: page.title,
    sortTitle: page.sort_title,
    parentSlug: parent?.slug ?? null,
    position: page.position,
    summary: page.summary,
    authorKeys: authors.map((a) => a.key),
    createdOn: page.created_on,
    updatedOn: page.updated_on,
    reviewedOn: page.reviewed_on,
    reviewedByKey: reviewer?.key ?? null,
    nextReviewOn: page.next_review_on,
    reviewIntervalMonths: Number(page.review_interval_months),
    alsoSee: links.filter((l) => l.section_id === null && l.kind === 'also').map(link),
    footnotes: footnotes.map((f) => f.body),
    codes,
    sections: sectionDocs,
  });
}

function toEntry(e: {
  kind: string;
  body: string;
  outlet: string | null;
  published_on: string | null;
  url: string | null;
  headline: string | null;
  citation_key: string | null;
}): Entry {
  if (e.kind === 'research') return { kind: 'research', citationKey: e.citation_key ?? '', body: e.body };
  if (e.kind === 'news') {
    return {
      kind: 'news',
      outlet: e.outlet ?? '',
      date: e.published_on ?? '',
      ...(e.url ? { url: e.url } : {}),
      ...(e.headline ? { headline: e.headline } : {}),
      body: e.body,
    };
  }
  return { kind: 'summary', body: e.body };
}
