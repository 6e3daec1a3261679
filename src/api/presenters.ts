/** From the directory's read models to the API's shapes (src/api/schemas.ts): what partners may rely on. */
import type { z } from '@hono/zod-openapi';
import { citationsTextIn, studyTypeText } from '../citations/messages/index.js';
import { retractionStatus, studyTypeFromPubTypes } from '../citations/study-type.js';
import type { CitationView, LinkView, PageView, PersonView } from '../directory/queries.js';
import type { TreeNode as DirectoryTreeNode } from '../directory/tree.js';
import { codeLabel, codeLink } from '../directory/clinical-codes.js';
import { LANGS, type Lang, SOURCE_LANG, pathIn } from '../i18n/languages.js';
import type { SearchResults } from '../search/search.js';
import type { CitationSummary, Link, Page, PageSummary, SearchAnswer, TreeNode } from './schemas.js';

/** A page's state in another language: translated and current, translated but older than the English, or not at all. */
export type TranslationStatus = 'published' | 'outdated';

export interface PageRow {
  slug: string;
  title: string;
  summary: string;
  /** The language of title and summary. */
  language: Lang;
  parentSlug: string | null;
  createdOn: string;
  updatedOn: string | null;
  reviewedOn: string | null;
  nextReviewOn: string | null;
  changedAt: string;
  reviewer: PersonView | null;
}

const person = (p: PersonView) => ({
  name: p.name, role: p.role, disclosure: p.disclosure, qualifications: p.qualifications, affiliation: p.affiliation, funding: p.funding, declaredOn: p.declaredOn,
});

export function presentPageSummary(row: PageRow, baseUrl: string): z.infer<typeof PageSummary> {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    url: `${baseUrl}${pathIn(row.language, `/directory/${row.slug}`)}`,
    parent: row.parentSlug,
    language: row.language,
    createdOn: row.createdOn,
    updatedOn: row.updatedOn,
    review: { on: row.reviewedOn, by: row.reviewer ? person(row.reviewer) : null, next: row.nextReviewOn },
    changedAt: row.changedAt,
  };
}

export function presentCitation(c: CitationView): z.infer<typeof CitationSummary> {
  const type = studyTypeFromPubTypes(c.pubTypes);
  // Labels in the source language: an API answer is the same for every reader.
  const label = studyTypeText(citationsTextIn(undefined), type.id).label;
  return {
    key: c.key,
    title: c.title,
    journal: c.container,
    year: c.issuedYear,
    pmid: c.pmid,
    pmcid: c.pmcid,
    doi: c.doi,
    url: c.url,
    studyType: { id: type.id, label },
    retraction: retractionStatus(c.pubTypes),
  };
}

const link = (l: LinkView): z.infer<typeof Link> => ({ label: l.label, title: l.targetTitle, slug: l.resolvedSlug });

export function presentPage(view: PageView, parentSlug: string | null, baseUrl: string, translations: ReadonlyMap<Lang, TranslationStatus> = new Map()): z.infer<typeof Page> {
  return {
    ...presentPageSummary(
      {
        slug: view.slug, title: view.title, summary: view.summary, language: SOURCE_LANG, parentSlug, createdOn: view.createdOn, updatedOn: view.updatedOn,
        reviewedOn: view.reviewedOn, nextReviewOn: view.nextReviewOn, changedAt: view.changedAt, reviewer: view.reviewedBy,
      },
      baseUrl,
    ),
    authors: view.authors.map(person),
    sections: view.sections.map((s) => ({
      heading: s.heading,
      anchor: s.anchor,
      entries: s.entries.map((e) => ({
        kind: e.kind,
        text: e.body,
        citation: e.citation?.key ?? null,
        source: e.outlet || e.headline || e.url || e.publishedOn ? { outlet: e.outlet, headline: e.headline, url: e.url, publishedOn: e.publishedOn } : null,
      })),
      subArticles: s.subArticles.map(link),
      alsoSee: s.alsoSee.map(link),
    })),
    alsoSee: view.alsoSee.map(link),
    footnotes: view.footnotes,
    codes: view.codes.map((c) => ({ system: c.system, code: codeLabel(c), url: codeLink(c) })),
    citations: view.citations.map(presentCitation),
    linkedFrom: view.backlinks,
    // The page is written in the source language; each other language says whether readers have it there.
    translations: LANGS.map((language) => ({ language, status: language === SOURCE_LANG ? ('source' as const) : (translations.get(language) ?? ('not-translated' as const)) })),
  };
}

export function presentTree(nodes: readonly DirectoryTreeNode[]): Array<z.infer<typeof TreeNode>> {
  return nodes.map((n) => ({ slug: n.slug, title: n.title, summary: n.summary, children: presentTree(n.children) }));
}

export function presentSearch(results: SearchResults, baseUrl: string, lang: Lang, paging: { next: string | null; previous: string | null }): z.infer<typeof SearchAnswer> {
  return {
    query: results.text,
    language: lang,
    total: results.total,
    didYouMean: results.didYouMean,
    page: results.page,
    perPage: results.perPage,
    pageCount: results.pageCount,
    ...paging,
    items: results.pages.map((p) => ({
      slug: p.slug,
      title: p.title,
      summary: p.summary,
      url: `${baseUrl}${pathIn(lang, `/directory/${p.slug}`)}`,
      places: p.hits.map((h) => ({ heading: h.heading, anchor: h.anchor, kind: h.kind, snippet: h.snippet.map((s) => s.text).join('') })),
    })),
  };
}
