import { extractCitationKeys, extractLinks, normaliseCitationKey } from '../content/inline.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import type { LinkRef, PageDocumentInput } from '../directory/document.js';
import { type CitationHtml, type TopicPresentation, presentTopic } from '../directory/presenter.js';
import { type CitationView, type DirectoryQueries, type LinkView, type PageView, type PersonView, type SectionView, PERSON_COLUMNS, toCitationView, toPersonView } from '../directory/queries.js';
import { sectionAnchor, slugify } from '../directory/slug.js';
import type { SiteContext } from '../web/site-context.js';

export interface PreviewDeps {
  db: Db;
  queries: DirectoryQueries;
  markdown: MarkdownRenderer;
  citations: () => Promise<CitationHtml>;
}

/**
 * The page as readers would see it if this document were published now: the
 * same presenter and view as the reader route, fed from the unsaved document
 * instead of the published tables. Nothing is written.
 */
export async function presentPreview(deps: PreviewDeps, site: SiteContext, doc: PageDocumentInput, publishedSlug: string | null): Promise<TopicPresentation> {
  const { db, queries } = deps;
  const authorKeys = [...new Set([...(doc.authorKeys ?? []), ...(doc.reviewedByKey ? [doc.reviewedByKey] : [])])];
  const [tree, formatter, people, cited, redirects, published] = await Promise.all([
    queries.tree(),
    deps.citations(),
    authorKeys.length ? db.selectFrom('authors').select(PERSON_COLUMNS).where('key', 'in', authorKeys).execute() : [],
    citationsUsed(db, doc),
    db.selectFrom('slug_redirects as r').innerJoin('pages as p', 'p.id', 'r.page_id').select(['r.old_slug', 'p.slug']).where('p.deleted_at', 'is', null).execute(),
    publishedSlug ? queries.page(publishedSlug) : null,
  ]);
  const person = new Map<string, PersonView>(people.map((p) => [p.key, toPersonView(p)]));
  const moved = new Map(redirects.map((r) => [r.old_slug, r.slug]));
  const toLink = (kind: LinkView['kind'], sectionId: number | null) => (ref: LinkRef): LinkView => {
    const slug = slugify(ref.target);
    return { kind, sectionId, label: ref.label, targetTitle: ref.target, targetSlug: slug, resolvedSlug: tree.bySlug.has(slug) ? slug : (moved.get(slug) ?? null) };
  };

  let nextId = -1;
  const anchors = new Set<string>();
  const inlineLinks: LinkView[] = [];
  const sections: SectionView[] = doc.sections.map((s) => {
    const id = nextId--;
    for (const e of s.entries) inlineLinks.push(...extractLinks(e.body).map(toLink('inline', id)));
    return {
      id,
      heading: s.heading,
      anchor: sectionAnchor(s.heading, anchors),
      entries: s.entries.map((e) => ({
        id: nextId--,
        kind: e.kind,
        body: e.body,
        citation: e.kind === 'research' ? (cited.get(normaliseCitationKey(e.citationKey)) ?? null) : null,
        outlet: e.kind === 'news' ? e.outlet : null,
        publishedOn: e.kind === 'news' ? e.date : null,
        url: e.kind === 'news' ? (e.url ?? null) : null,
        headline: e.kind === 'news' ? (e.headline ?? null) : null,
      })),
      subArticles: (s.subArticles ?? []).map(toLink('sub', id)),
      alsoSee: (s.alsoSee ?? []).map(toLink('also', id)),
    };
  });
  for (const note of doc.footnotes ?? []) inlineLinks.push(...extractLinks(note).map(toLink('inline', null)));

  const page: PageView = {
    id: published?.id ?? 0,
    slug: doc.slug,
    title: doc.title,
    summary: doc.summary ?? '',
    createdOn: doc.createdOn,
    updatedOn: doc.updatedOn ?? null,
    reviewedOn: doc.reviewedOn ?? null,
    reviewedBy: doc.reviewedByKey ? (person.get(doc.reviewedByKey) ?? null) : null,
    nextReviewOn: doc.nextReviewOn ?? null,
    changedAt: new Date().toISOString(),
    authors: (doc.authorKeys ?? []).flatMap((k) => (person.has(k) ? [person.get(k)!] : [])),
    sections,
    alsoSee: (doc.alsoSee ?? []).map(toLink('also', null)),
    inlineLinks,
    footnotes: doc.footnotes ?? [],
    codes: doc.codes ?? [],
    // Same order as the published page: newest evidence first.
    citations: [...new Map([...cited.values()].map((c) => [c.id, c])).values()].sort(
      (a, b) => (b.issuedYear ?? -Infinity) - (a.issuedYear ?? -Infinity) || a.title.localeCompare(b.title),
    ),
    backlinks: published?.backlinks ?? [],
  };
  return presentTopic(page, tree, site, deps.markdown, formatter);
}

/** Every citation the document uses that the bibliography has, by each key it is cited with. */
async function citationsUsed(db: Db, doc: PageDocumentInput): Promise<Map<string, CitationView>> {
  const keys = new Set<string>();
  for (const s of doc.sections) {
    for (const e of s.entries) {
      if (e.kind === 'research') keys.add(normaliseCitationKey(e.citationKey));
      for (const k of extractCitationKeys(e.body)) keys.add(k);
    }
  }
  for (const note of doc.footnotes ?? []) for (const k of extractCitationKeys(note)) keys.add(k);
  const found = new Map<string, CitationView>();
  if (!keys.size) return found;
  const all = [...keys];
  const pmids = all.filter((k) => k.startsWith('pmid:')).map((k) => k.slice(5));
  const dois = all.filter((k) => k.startsWith('doi:')).map((k) => k.slice(4));
  const rows = await db
    .selectFrom('citations')
    .selectAll()
    .where((eb) => eb.or([eb('key', 'in', all), ...(pmids.length ? [eb('pmid', 'in', pmids)] : []), ...(dois.length ? [eb('doi', 'in', dois)] : [])]))
    .execute();
  for (const r of rows) {
    const view = toCitationView(r);
    for (const k of [r.key, r.pmid ? `pmid:${r.pmid}` : null, r.doi ? `doi:${r.doi}` : null]) if (k && keys.has(k)) found.set(k, view);
  }
  return found;
}
