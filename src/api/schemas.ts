/**
 * The shapes of /api/v1, declared once: they validate the query strings,
 * type the presenters and generate the OpenAPI document (/api/openapi.json).
 */
import { z } from '@hono/zod-openapi';
import { LANGS } from '../i18n/languages.js';
import { CODE_SYSTEMS } from '../directory/clinical-codes.js';

const Slug = z.string().openapi({ example: 'causes-silica', description: 'The page address: /directory/<slug>.' });
const IsoDate = z.string().openapi({ example: '2024-05-01', description: 'YYYY-MM-DD' });

export const Person = z
  .object({
    name: z.string(),
    role: z.string(),
    disclosure: z.string().openapi({ description: 'Conflict-of-interest statement in the person’s words; empty with declaredOn set: no conflicts declared.' }),
    qualifications: z.string(),
    affiliation: z.string(),
    funding: z.string(),
    declaredOn: IsoDate.nullable().openapi({ description: 'When the declaration was made; null: no declaration recorded.' }),
  })
  .openapi('Person');

export const CitationSummary = z
  .object({
    key: z.string(),
    title: z.string(),
    journal: z.string().nullable(),
    year: z.number().int().nullable(),
    pmid: z.string().nullable(),
    pmcid: z.string().nullable(),
    doi: z.string().nullable(),
    url: z.string().nullable(),
    studyType: z.object({ id: z.string(), label: z.string() }).openapi({ description: 'Plain-language study type from PubMed publication types; "unknown" when none is recorded.' }),
    retraction: z.enum(['retracted', 'retraction-notice', 'erratum']).nullable(),
  })
  .openapi('Citation');

export const Link = z
  .object({ label: z.string(), title: z.string(), slug: z.string().nullable().openapi({ description: 'null: the page is not written yet.' }) })
  .openapi('Link');

export const Entry = z
  .object({
    kind: z.enum(['summary', 'research', 'news']),
    text: z.string().openapi({ description: 'The digest as written (Markdown, with [[page links]] and [@citation] markers).' }),
    citation: z.string().nullable().openapi({ description: 'Key of the cited study (see citations).' }),
    source: z.object({ outlet: z.string().nullable(), headline: z.string().nullable(), url: z.string().nullable(), publishedOn: z.string().nullable() }).nullable(),
  })
  .openapi('Entry');

export const Section = z
  .object({ heading: z.string().nullable(), anchor: z.string(), entries: z.array(Entry), subArticles: z.array(Link), alsoSee: z.array(Link) })
  .openapi('Section');

const Review = z.object({ on: IsoDate.nullable(), by: Person.nullable(), next: IsoDate.nullable() }).openapi({ description: 'on: null means never medically reviewed.' });

export const PageSummary = z
  .object({
    slug: Slug,
    title: z.string(),
    summary: z.string(),
    url: z.string(),
    parent: z.string().nullable(),
    language: z.string().openapi({ description: 'Language of the text returned.' }),
    createdOn: IsoDate,
    updatedOn: IsoDate.nullable(),
    review: Review,
    changedAt: z.string().openapi({ description: 'Last change (ISO instant).' }),
  })
  .openapi('PageSummary');

export const MedicalCode = z
  .object({
    system: z.enum(CODE_SYSTEMS).openapi({ example: 'ICD-10-CM' }),
    code: z.string().openapi({ example: 'M34.9', description: 'As the system writes it; ORPHA codes with their prefix (ORPHA:90291).' }),
    url: z.string().nullable().openapi({ description: 'Where the code can be looked up; null when there is no such page for it.' }),
  })
  .openapi('MedicalCode');

export const Page = PageSummary.extend({
  authors: z.array(Person),
  sections: z.array(Section),
  alsoSee: z.array(Link),
  footnotes: z.array(z.string()),
  codes: z.array(MedicalCode).openapi({ description: 'Clinical codes of the condition the page is about, in the editors’ order.' }),
  citations: z.array(CitationSummary),
  linkedFrom: z.array(z.object({ slug: z.string(), title: z.string() })),
  translations: z
    .array(z.object({ language: z.string(), status: z.enum(['source', 'published', 'outdated', 'not-translated']) }))
    .openapi({ description: 'Every interface language, with whether readers have this page in it: "published" (translated and current), "outdated" (translated, but the English has changed since in some section), "not-translated".' }),
}).openapi('Page');

export const TreeNode: z.ZodType<{ slug: string; title: string; summary: string; children: unknown[] }> = z
  .lazy(() => z.object({ slug: Slug, title: z.string(), summary: z.string(), children: z.array(TreeNode) }))
  .openapi('TreeNode');

export const TreeAnswer = z.object({ roots: z.array(TreeNode) }).openapi('Tree');

const Paging = { page: z.number().int(), perPage: z.number().int(), total: z.number().int(), pageCount: z.number().int(), next: z.string().nullable(), previous: z.string().nullable() };

export const PageList = z.object({ items: z.array(PageSummary), ...Paging }).openapi('PageList');
export const CitationList = z.object({ items: z.array(CitationSummary.extend({ citedBy: z.array(z.object({ slug: z.string(), title: z.string() })) })), ...Paging }).openapi('CitationList');

export const SearchHit = z.object({ slug: z.string(), title: z.string(), summary: z.string(), url: z.string(), places: z.array(z.object({ heading: z.string(), anchor: z.string().nullable(), kind: z.string(), snippet: z.string() })) }).openapi('SearchHit');
export const SearchAnswer = z.object({ query: z.string(), language: z.string(), didYouMean: z.string().nullable(), items: z.array(SearchHit), ...Paging }).openapi('SearchResults');
export const SuggestAnswer = z.object({ query: z.string(), suggestions: z.array(z.object({ label: z.string(), url: z.string(), context: z.string().nullable() })) }).openapi('Suggestions');

export const Problem = z.object({ error: z.string() }).openapi('Problem');

const PageNumber = z.coerce.number().int().min(1).max(100_000).default(1).openapi({ param: { name: 'page', in: 'query' }, example: 1 });
const PerPage = z.coerce.number().int().min(1).max(100).default(20).openapi({ param: { name: 'perPage', in: 'query' }, example: 20 });

export const PageListQuery = z.object({
  page: PageNumber,
  perPage: PerPage,
  lang: z.enum(LANGS as unknown as [string, ...string[]]).optional().openapi({ param: { name: 'lang', in: 'query' }, description: 'Pages readers have in this language, with their translated title and summary (the source language: every page).' }),
  reviewed: z.enum(['true', 'false']).optional().openapi({ param: { name: 'reviewed', in: 'query' }, description: 'true: only medically reviewed pages; false: only pages never reviewed.' }),
  parent: z.string().max(200).optional().openapi({ param: { name: 'parent', in: 'query' }, description: 'Only the children of this page.' }),
});
export const PageParams = z.object({ slug: z.string().min(1).max(200).openapi({ param: { name: 'slug', in: 'path' }, example: 'causes-silica' }) });
export const CitationListQuery = z.object({ page: PageNumber, perPage: PerPage });
export const SearchQuery = z.object({
  q: z.string().min(1).max(200).openapi({ param: { name: 'q', in: 'query' }, example: 'silica' }),
  lang: z.enum(LANGS as unknown as [string, ...string[]]).default('en').openapi({ param: { name: 'lang', in: 'query' }, description: 'Search the pages in this language (words folded and stemmed as that language does); addresses point at the pages in it.' }),
  page: PageNumber,
  perPage: PerPage,
});
export const SuggestQuery = z.object({ q: z.string().max(200).default('').openapi({ param: { name: 'q', in: 'query' }, example: 'sil' }) });
