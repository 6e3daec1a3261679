import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { EntryKind } from '../db/schema.js';
import type { PageIndexer } from '../directory/store.js';
import { type Lang, SOURCE_LANG, isLang } from '../i18n/languages.js';
import type { IdRange, MatchExpression, MatchOptions, MatchRequest, MatchRow, SearchBackend, TermInfo } from './backend.js';
import { type BulkLoadOptions, bulkLoadDocuments } from './bulk.js';
import type { DocumentKind, DocumentScope, SearchDocument } from './documents.js';
import { createSearchIndexer, rebuildSearchIndex } from './indexer.js';
import { terms } from './normalize.js';
import { createPostgresBackend } from './postgres-backend.js';
import { type ParsedQuery, type QueryGroup, type Tier, allTerms, correctedText, docsIn, estimateMatches, expandQuery, expressionFor, parseQuery, scanFor, spanFor } from './query.js';
import { type Segment, highlight, snippet } from './snippet.js';
import { createSqliteBackend } from './sqlite-backend.js';
import { SynonymTable } from './synonyms.js';
import { EVERY_DOCUMENT } from './vocabulary.js';

/** Features that can be switched off (the relevance tests prove each one earns its place). */
export interface SearchSettings {
  synonyms: boolean;
  typos: boolean;
  /** Queries folded by the reader's language's rules (plurals, elision); off: by English rules. */
  languageFolding: boolean;
}

export interface SearchRequest {
  text: string;
  /**
   * The reader's language: its documents and English ones are searched, the
   * reader's first, with that language's folding (English when absent).
   */
  lang?: Lang | undefined;
  /** Only digests of these kinds (and no page titles or headings); empty or all three means no filter. */
  kinds?: EntryKind[] | undefined;
  /** Only research and news digests published in these years. */
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  /** 1-based results page. */
  page?: number | undefined;
  perPage?: number | undefined;
}

/** One matching place on a page: the page itself, a section, or a digest. */
export interface SectionHit {
  kind: DocumentKind;
  /** Fragment of the matching section; null for the top of the page. */
  anchor: string | null;
  /** Section heading ('' for the page itself). */
  heading: string;
  /** Year of the study or news report. */
  year: number | null;
  snippet: Segment[];
  /** Where it matched: the page title, a heading, titles of linked pages, or text. */
  matchedIn: 'title' | 'heading' | 'links' | 'text';
  tier: Tier;
  /** The language of the heading and snippet. */
  lang: Lang;
}

export interface PageHit {
  pageId: number;
  slug: string;
  /** In the reader's language where the page has a translation into it. */
  title: string;
  /** The language of the title. */
  titleLang: Lang;
  titleSegments: Segment[];
  summary: string;
  hits: SectionHit[];
  /** Best match: 0 title, 1 heading, 2 linked title, 3 summary, 4 digest text. */
  level: number;
  tier: Tier;
  /** Query words this page lacks (only when no page has them all). */
  missing: string[];
}

export interface SearchResults {
  /** The query text used. */
  text: string;
  /** False when the query has no searchable words (empty, only punctuation or very common words). */
  usable: boolean;
  /** Part of the query was left out (too long). */
  shortened: boolean;
  /** Pages found (counted among the best matches when `capped`). */
  total: number;
  /** More documents matched than were ranked; `total` counts the best of them. */
  capped: boolean;
  page: number;
  perPage: number;
  pageCount: number;
  pages: PageHit[];
  /** The query with misspellings corrected, when that finds much more. */
  didYouMean: string | null;
  /** No page has all the words: these pages have some of them. */
  relaxed: boolean;
}

export interface Suggestion {
  label: string;
  url: string;
  /** The matching section heading, when the match is in one. */
  context: string | null;
  /** The language of the label: the reader's where the page is translated, else English. */
  lang: Lang;
}

export interface Search {
  readonly backend: SearchBackend;
  search(request: SearchRequest): Promise<SearchResults>;
  /** Type-ahead: pages whose title or headings match what is typed so far (in `lang` and English, titles in `lang`). */
  suggest(text: string, limit?: number, lang?: Lang): Promise<Suggestion[]>;
  /** Register in createDirectoryStore so the index changes in the page's own transaction. */
  readonly indexer: PageIndexer;
  rebuild(): Promise<{ pages: number; documents: number }>;
  /** Builds the index when pages exist but the index is empty (a database from before search existed). */
  ensureBuilt(): Promise<void>;
  /** The documented fast path for loading many documents (see bulk.ts). */
  bulkLoad(documents: Iterable<SearchDocument> | AsyncIterable<SearchDocument>, options?: BulkLoadOptions): Promise<{ documents: number }>;
}

/** Matches asked for per scope, tier and order; pages are ranked from these. */
const LIMIT: Record<DocumentScope, Record<MatchOptions['order'], number>> = { page: { rank: 80, recent: 60 }, entry: { rank: 100, recent: 60 } };
/**
 * Ranking every match costs about a microsecond per match and per posting
 * read. Above these bounds a scope returns its newest matches instead (see
 * MatchOptions.order): such words are in so many documents that their weights
 * barely differ, and titles and headings are still ranked in full.
 */
export const RANK_ALL_UP_TO = 1500;
const RANK_POSTINGS_UP_TO = 8000;
/** Pages enough to stop trying synonyms and corrections. */
const ENOUGH_PAGES = 60;
const MAX_PER_PAGE = 50;
/** Matching places shown per page. */
const HITS_PER_PAGE = 3;

/** The index generation the first match statement of a search saw (null until one ran). */
interface Seen {
  generation: number | null;
}

/** A matching document as the backend returned it, with the tier that first found it. */
interface Found extends MatchRow {
  tier: Tier;
  /** The text, read only for the documents shown (and for every match when no page has all the words). */
  title: string;
  links: string;
  body: string;
  source: string;
  textLoaded: boolean;
}

const NO_TEXT = { title: '', links: '', body: '', source: '', textLoaded: false };

interface RankedDoc extends Found {
  level: number;
  /** 0 when in the reader's language, 1 otherwise: the reader's language ranks first. */
  foreign: number;
}

/** Creates the search of this database: FTS5 on SQLite, tsvector on PostgreSQL. */
export function createSearch(db: Db, settings: Partial<SearchSettings> = {}): Search {
  const options: SearchSettings = { synonyms: settings.synonyms ?? true, typos: settings.typos ?? true, languageFolding: settings.languageFolding ?? true };
  const backend = dialectOf(db) === 'postgres' ? createPostgresBackend() : createSqliteBackend();
  let synonymCache: { generation: number; tables: Map<Lang, Promise<SynonymTable>> } | undefined;
  let lastGeneration: number | undefined;

  async function generation(): Promise<number> {
    const row = await db.selectFrom('search_state').select('generation').where('id', '=', 1).executeTakeFirst();
    return Number(row?.generation ?? 0);
  }

  /** The synonyms a search in `lang` uses: that language's rows and the English ones (English documents are searched too). */
  function synonymsAt(gen: number, lang: Lang): Promise<SynonymTable> {
    if (synonymCache?.generation !== gen) synonymCache = { generation: gen, tables: new Map() };
    const cache = synonymCache;
    let table = cache.tables.get(lang);
    if (!table) {
      const loaded = db
        .selectFrom('search_synonyms')
        .select(['group_id', 'term', 'lang'])
        .where('lang', 'in', langsFor(lang))
        .execute()
        .then((rows) => new SynonymTable(rows.map((r) => ({ group_id: Number(r.group_id), term: r.term, lang: isLang(r.lang) ? r.lang : SOURCE_LANG }))));
      loaded.catch(() => {
        if (cache.tables.get(lang) === loaded) cache.tables.delete(lang);
      });
      cache.tables.set(lang, loaded);
      table = loaded;
    }
    return table;
  }

  /**
   * Runs a search at the index generation last seen, and again at the new one
   * when the database has moved on meanwhile (another server's edit): the
   * match statement reports the generation it saw, so the usual search needs
   * no round trip of its own to check it.
   */
  async function atCurrentGeneration<T>(attempt: (gen: number, seen: Seen) => Promise<T>): Promise<T> {
    let gen = lastGeneration ?? (await generation());
    for (let tries = 1; ; tries++) {
      const seen: Seen = { generation: null };
      const result = await attempt(gen, seen);
      // Nothing was asked (no word is in the index): ask the generation itself.
      const current = seen.generation ?? (await generation());
      lastGeneration = current;
      // Under a stream of edits, the third answer stands (as fresh as reading the generation first ever was).
      if (current === gen || tries === 3) return result;
      gen = current;
    }
  }

  async function ask(requests: MatchRequest[], seen: Seen): Promise<MatchRow[][]> {
    if (!requests.length) return [];
    const answer = await backend.match(db, requests);
    seen.generation ??= answer.generation;
    return answer.rows;
  }

  async function plan(text: string, completeLast: 'always' | 'unknown', gen: number, lang: Lang) {
    const synonyms = options.synonyms ? await synonymsAt(gen, lang) : null;
    const query = parseQuery(text, synonyms, options.languageFolding ? lang : SOURCE_LANG);
    const vocabulary = backend.vocabulary(db, gen);
    if (query.groups.length) await expandQuery(query, vocabulary, { synonyms, typos: options.typos, completeLast });
    const counts = query.groups.length ? await vocabulary.counts([EVERY_DOCUMENT, ...allTerms(query)]) : new Map<string, TermInfo>();
    return { query, counts, ids: await vocabulary.idRange() };
  }

  /** Asks the backend tier by tier (exact, then synonyms, then corrections) until enough pages are found. */
  async function collect(query: ParsedQuery, counts: Map<string, TermInfo>, ids: IdRange | null, scopes: DocumentScope[], filters: MatchFilters, seen: Seen) {
    const found = new Map<number, Found>();
    const pagesFound = new Set<number>();
    let capped = false;
    const asked = new Set<string>();
    for (const tier of [0, 1, 2] as Tier[]) {
      // Every scope of a tier in one call (one round trip on PostgreSQL).
      const requests: MatchRequest[] = [];
      for (const scope of scopes) {
        const expression = expressionFor(query, tier, scope, counts);
        if (!expression) continue;
        const key = `${scope}:${JSON.stringify(expression)}`;
        if (asked.has(key)) continue; // this tier adds nothing new
        asked.add(key);
        requests.push({ expression, options: matchOptions(expression, scope, counts, ids, filters) });
      }
      const answers = await ask(requests, seen);
      requests.forEach(({ options }, i) => {
        const rows = answers[i]!;
        if (rows.length === options.limit) capped = true;
        for (const r of rows) {
          if (found.has(r.id)) continue;
          found.set(r.id, Object.assign(r, { tier }, NO_TEXT));
          pagesFound.add(r.page_id);
        }
      });
      if (pagesFound.size >= ENOUGH_PAGES) break;
    }
    return { found, capped };
  }

  async function loadText(docs: Found[]): Promise<void> {
    const missing = docs.filter((d) => !d.textLoaded);
    for (let i = 0; i < missing.length; i += 500) {
      const batch = missing.slice(i, i + 500);
      const rows = await db.selectFrom('search_documents').select(['id', 'title', 'links', 'body', 'source']).where('id', 'in', batch.map((d) => d.id)).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const d of batch) Object.assign(d, byId.get(d.id) ?? {}, { textLoaded: true });
    }
  }

  /**
   * The pages shown and the text of their matching documents, in one
   * statement (one round trip on PostgreSQL); deleted pages are left out.
   */
  async function loadShown(pageIds: number[], docs: Found[], lang: Lang): Promise<Map<number, ShownPage>> {
    const pages = new Map<number, ShownPage>();
    if (!pageIds.length) return pages;
    const missing = docs.filter((d) => !d.textLoaded);
    const parts = [sql`select 0 as part, id, slug as a, title as b, summary as c, '' as d from pages where id in (${sql.join(pageIds)}) and deleted_at is null`];
    // The title and summary in the reader's language, where the page is translated into it.
    if (lang !== SOURCE_LANG) parts.push(sql`select 2 as part, page_id as id, title as a, summary as b, '' as c, '' as d from page_translations where page_id in (${sql.join(pageIds)}) and lang = ${lang}`);
    if (missing.length) parts.push(sql`select 1 as part, id, title as a, links as b, body as c, source as d from search_documents where id in (${sql.join(missing.map((d) => d.id))})`);
    const result = await sql<{ part: number; id: number; a: string; b: string; c: string; d: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
    const texts = new Map<number, { title: string; links: string; body: string; source: string }>();
    const translated = new Map<number, { title: string; summary: string }>();
    for (const r of result.rows) {
      const part = Number(r.part);
      if (part === 0) pages.set(Number(r.id), { id: Number(r.id), slug: r.a, title: r.b, summary: r.c, lang: SOURCE_LANG });
      else if (part === 2) translated.set(Number(r.id), { title: r.a, summary: r.b });
      else texts.set(Number(r.id), { title: r.a, links: r.b, body: r.c, source: r.d });
    }
    for (const [id, t] of translated) {
      const page = pages.get(id);
      if (page) Object.assign(page, { title: t.title, summary: t.summary || page.summary, lang });
    }
    for (const d of missing) Object.assign(d, texts.get(d.id) ?? {}, { textLoaded: true });
    return pages;
  }

  async function searchAt(request: SearchRequest, gen: number, seen: Seen): Promise<SearchResults> {
    const perPage = clamp(request.perPage ?? 10, 1, MAX_PER_PAGE);
    const kinds = request.kinds?.length && request.kinds.length < 3 ? request.kinds : undefined;
    const lang = request.lang ?? SOURCE_LANG;
    const filtered = kinds !== undefined || request.yearFrom !== undefined || request.yearTo !== undefined;
    const scopes: DocumentScope[] = filtered ? ['entry'] : ['page', 'entry'];
    const filters = { kinds, yearFrom: request.yearFrom, yearTo: request.yearTo, langs: langsFor(lang) };
    const { query, counts, ids } = await plan(request.text, 'unknown', gen, lang);
    const empty: SearchResults = {
      text: query.text, usable: query.groups.length > 0, shortened: query.shortened, total: 0, capped: false,
      page: 1, perPage, pageCount: 0, pages: [], didYouMean: null, relaxed: false,
    };
    if (!query.groups.length) return empty;

    let { found, capped } = await collect(query, counts, ids, scopes, filters, seen);
    let relaxed = false;
    if (!found.size && query.groups.length > 1) {
      ({ found, capped } = await collectAnyWord(query, counts, ids, scopes, filters, seen));
      relaxed = found.size > 0;
    }
    if (!found.size) return empty;

    const docs = rankDocs(found, query, lang);
    if (relaxed) await loadText(docs);
    const ranked = rankPages(docs, query, relaxed);
    const exactPages = ranked.filter((p) => p.tier < 2).length;
    const corrected = correctedText(query);
    const didYouMean = corrected && ranked.length > exactPages && ranked.length >= 2 * exactPages ? corrected : null;

    const pageCount = Math.ceil(ranked.length / perPage);
    const page = clamp(request.page ?? 1, 1, Math.max(1, pageCount));
    const shown = ranked.slice((page - 1) * perPage, page * perPage);
    const pageById = await loadShown(shown.map((p) => p.pageId), shown.flatMap((p) => p.docs), lang);
    const pages: PageHit[] = [];
    for (const p of shown) {
      const row = pageById.get(p.pageId);
      if (!row) continue; // deleted since it was indexed: never shown
      const marks = highlightTerms(query, relaxed ? 2 : p.tier);
      pages.push({
        pageId: row.id,
        slug: row.slug,
        title: row.title,
        titleLang: row.lang,
        titleSegments: highlight(row.title, marks, row.lang),
        summary: row.summary,
        hits: p.docs.map((d) => toHit(d, highlightTerms(query, relaxed ? 2 : d.tier))),
        level: p.level,
        tier: p.tier,
        missing: p.missing,
      });
    }
    return { ...empty, total: ranked.length, capped, page, pageCount, pages, didYouMean, relaxed };
  }

  /** No page has every word in one place: look for any of them, and rank pages by how many they have. */
  async function collectAnyWord(query: ParsedQuery, counts: Map<string, TermInfo>, ids: IdRange | null, scopes: DocumentScope[], filters: MatchFilters, seen: Seen) {
    const found = new Map<number, Found>();
    let capped = false;
    const requests: MatchRequest[] = [];
    for (const scope of scopes) {
      const alternatives = query.groups.flatMap((g) => expressionFor({ ...query, groups: [g] }, 2, scope, counts)?.[0] ?? []);
      if (!alternatives.length) continue;
      const expression = [alternatives];
      requests.push({ expression, options: matchOptions(expression, scope, counts, ids, filters) });
    }
    const answers = await ask(requests, seen);
    requests.forEach(({ options }, i) => {
      const rows = answers[i]!;
      if (rows.length === options.limit) capped = true;
      for (const r of rows) if (!found.has(r.id)) found.set(r.id, Object.assign(r, { tier: 2 as Tier }, NO_TEXT));
    });
    return { found, capped };
  }

  async function suggestAt(text: string, limit: number, gen: number, seen: Seen, lang: Lang): Promise<Suggestion[]> {
    const { query, counts, ids } = await plan(text, 'always', gen, lang);
    if (!query.groups.length) return [];
    const { found } = await collect(query, counts, ids, ['page'], { langs: langsFor(lang) }, seen);
    const ranked = rankPages(rankDocs(found, query, lang), query, false).slice(0, limit);
    if (!ranked.length) return [];
    const byId = await loadShown(ranked.map((p) => p.pageId), [], lang);
    return ranked.flatMap((p) => {
      const row = byId.get(p.pageId);
      if (!row) return [];
      const best = p.docs[0]!;
      const inSection = best.kind === 'section' && best.level === 1 && best.anchor;
      return [{ label: row.title, url: `/directory/${row.slug}${inSection ? `#${best.anchor}` : ''}`, context: inSection ? best.heading : null, lang: row.lang }];
    });
  }

  return {
    backend,
    search: (request) => atCurrentGeneration((gen, seen) => searchAt(request, gen, seen)),
    suggest: (text, limit = 8, lang = SOURCE_LANG) => atCurrentGeneration((gen, seen) => suggestAt(text, limit, gen, seen, lang)),
    indexer: createSearchIndexer(backend),
    rebuild: () => rebuildSearchIndex(db, backend),
    async ensureBuilt() {
      const indexed = await db.selectFrom('search_documents').select('id').limit(1).executeTakeFirst();
      if (indexed) return;
      const page = await db.selectFrom('pages').select('id').where('deleted_at', 'is', null).limit(1).executeTakeFirst();
      if (page) await rebuildSearchIndex(db, backend);
    },
    bulkLoad: (documents, bulkOptions) => bulkLoadDocuments(db, backend, documents, bulkOptions),
  };
}

interface ShownPage {
  id: number;
  slug: string;
  title: string;
  summary: string;
  /** The language of title and summary. */
  lang: Lang;
}

/** The languages a search in `lang` looks in: its own and English (whose pages every language falls back to). */
export function langsFor(lang: Lang): Lang[] {
  return lang === SOURCE_LANG ? [SOURCE_LANG] : [lang, SOURCE_LANG];
}

type MatchFilters = Pick<MatchOptions, 'kinds' | 'yearFrom' | 'yearTo' | 'langs'>;

function matchOptions(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>, ids: IdRange | null, filters: MatchFilters): MatchOptions {
  const order = orderFor(expression, scope, counts);
  const limit = LIMIT[scope][order];
  const scan = order === 'recent' ? scanFor(expression, scope, counts, limit, ids) : undefined;
  const span = (scan === 'newest-span' || scan === 'newest-first') && ids ? spanFor(expression, scope, counts, limit, ids, scan) : undefined;
  return { scope, limit, order, scan, span, ...filters };
}

/** Rank every match while that is cheap: few matches, and few postings to read. */
function orderFor(expression: MatchExpression, scope: DocumentScope, counts: Map<string, TermInfo>): MatchOptions['order'] {
  const postings = expression.flat(2).reduce((sum, term) => sum + docsIn(counts.get(term), scope), 0);
  return estimateMatches(expression, scope, counts) > RANK_ALL_UP_TO || postings > RANK_POSTINGS_UP_TO ? 'recent' : 'rank';
}

interface RankedPage {
  pageId: number;
  docs: RankedDoc[];
  level: number;
  tier: Tier;
  missing: string[];
}

/**
 * Groups matching documents by page and orders pages by their best match:
 * where it matched (title, heading, linked title, summary, digest), then how
 * (exact, synonym, correction), then relevance, then the newer evidence.
 */
function rankPages(docs: RankedDoc[], query: ParsedQuery, relaxed: boolean): RankedPage[] {
  const byPage = new Map<number, RankedDoc[]>();
  for (const d of docs) {
    const list = byPage.get(d.page_id);
    if (list) list.push(d);
    else byPage.set(d.page_id, [d]);
  }
  const pages: Array<RankedPage & { covered: number }> = [];
  for (const [pageId, list] of byPage) {
    list.sort(compareDocs);
    const shown: RankedDoc[] = [];
    const anchors = new Set<string | null>();
    // A page matched in the reader's language shows only those matches: its English text is the same page, said again.
    const own = list[0]!.foreign === 0;
    for (const d of list) {
      if (own && d.foreign) continue;
      const place = d.kind === 'page' ? null : d.anchor;
      if (anchors.has(place) && d.kind !== 'research' && d.kind !== 'news') continue;
      anchors.add(place);
      shown.push(d);
      if (shown.length === HITS_PER_PAGE) break;
    }
    const missingGroups = relaxed ? query.groups.filter((g) => !list.some((d) => groupIn(g, documentTerms(d), 2))) : [];
    pages.push({
      pageId,
      docs: shown,
      level: list[0]!.level,
      tier: list[0]!.tier,
      missing: missingGroups.map((g) => query.text.slice(g.start, g.end)),
      covered: query.groups.length - missingGroups.length,
    });
  }
  return pages.sort((a, b) => b.covered - a.covered || compareDocs(a.docs[0]!, b.docs[0]!));
}

/**
 * Best first; equally ranked documents by a key that is the same on both
 * databases and survives copy-database and a rebuilt index (the page, then
 * the place in it), never by document id alone: those are new each time a
 * page is indexed, so ties would come out in a different order.
 */
function compareDocs(a: RankedDoc, b: RankedDoc): number {
  return (
    a.foreign - b.foreign ||
    a.level - b.level ||
    a.tier - b.tier ||
    b.score - a.score ||
    (b.year ?? 0) - (a.year ?? 0) ||
    b.page_id - a.page_id ||
    byteOrder(a.anchor ?? '', b.anchor ?? '') ||
    byteOrder(a.kind, b.kind) ||
    b.id - a.id
  );
}

/** Code-unit order, the same whatever the locale or database collation. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Each found document with where and how it matched best. A document found
 * by the exact words may match better through a synonym: a title holding
 * "amalgam" beats a summary holding "mercury fillings".
 */
function rankDocs(found: Map<number, Found>, query: ParsedQuery, lang: Lang): RankedDoc[] {
  const docs: RankedDoc[] = [];
  for (const doc of found.values()) {
    const ranked = doc as RankedDoc;
    ranked.foreign = doc.lang === lang ? 0 : 1;
    docs.push(ranked);
    if (doc.scope === 'entry') {
      ranked.level = 4;
      continue;
    }
    const fields = fieldTerms(doc);
    ranked.level = levelOf(fields, query, doc.tier);
    for (let t = doc.tier + 1; t <= 2 && ranked.level > 0; t++) {
      const level = levelOf(fields, query, t as Tier);
      if (level < ranked.level) Object.assign(ranked, { level, tier: t as Tier });
    }
  }
  return docs;
}

/** Title 0, heading 1, linked titles 2, text 3: the weakest field that had to match for the document to match. */
function levelOf(fields: TermSet[], query: ParsedQuery, tier: Tier): number {
  let level = 0;
  for (const group of query.groups) {
    const at = fields.findIndex((f) => groupIn(group, f, tier));
    level = Math.max(level, at < 0 ? 3 : at);
  }
  return level;
}

/** What holds a document's terms, or one field's. */
interface TermSet {
  has(term: string): boolean;
}

/**
 * The terms of a page document's title, heading, linked titles and text, as
 * stored at indexing (space-separated terms, one field per line).
 * Each field is searched as text (" term "): a few look-ups per field cost
 * less than building a set of every term of every matching document.
 */
function fieldTerms(doc: Found): TermSet[] {
  return doc.field_terms.split('\n').map((field) => {
    const padded = ` ${field} `;
    return { has: (term: string) => padded.includes(` ${term} `) };
  });
}

function groupIn(group: QueryGroup, held: TermSet, tier: Tier): boolean {
  return group.alternatives.some((a) => a.tier <= tier && a.terms.every((t) => held.has(t)));
}

function documentTerms(doc: Found): Set<string> {
  return new Set(terms([doc.title, doc.heading, doc.links, doc.body, doc.source].join('\n'), docLang(doc)));
}

/** The terms to mark in results matched at `tier`. */
function highlightTerms(query: ParsedQuery, tier: Tier): Set<string> {
  return new Set(query.groups.flatMap((g) => g.alternatives.filter((a) => a.tier <= tier).flatMap((a) => a.terms)));
}

function docLang(doc: { lang: string }): Lang {
  return isLang(doc.lang) ? doc.lang : SOURCE_LANG;
}

function toHit(doc: RankedDoc, marks: Set<string>): SectionHit {
  let segments: Segment[] = [];
  const lang = docLang(doc);
  if (doc.scope === 'entry') {
    const body = snippet(doc.body, marks, lang);
    const source = doc.source ? snippet(doc.source, marks) : null;
    segments = !body.matched && source?.matched ? source.segments : body.segments;
  } else {
    const parts = [doc.body, doc.links.replace(/\n/g, ' · ')].filter(Boolean).map((t) => snippet(t, marks, lang));
    segments = (parts.find((p) => p.matched) ?? (doc.kind === 'page' ? parts[0] : undefined))?.segments ?? [];
  }
  return {
    kind: doc.kind,
    anchor: doc.kind === 'page' ? null : doc.anchor,
    heading: doc.kind === 'page' ? '' : doc.heading || (doc.anchor === 'introduction' ? 'Introduction' : ''),
    year: doc.year,
    snippet: segments,
    matchedIn: (['title', 'heading', 'links'] as const)[doc.level] ?? 'text',
    tier: doc.tier,
    lang,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(Number.isFinite(n) ? n : lo)));
}
