import type { Db, Tx } from '../db/database.js';
import type { EntryKind } from '../db/schema.js';
import { plainText } from '../editing/readability.js';
import { type Lang, SOURCE_LANG, isLang } from '../i18n/languages.js';

/**
 * What search indexes, one row per findable piece of a page. Two scopes,
 * kept in separate full-text indexes so that common words in hundreds of
 * thousands of digests never slow down title and heading matches:
 *
 *   scope 'page'  – kind 'page': title (and the title it is listed under), summary,
 *                   footnotes, page-level "Also see"
 *                 – kind 'section': a section heading and its sub-article and
 *                   "Also see" titles of written pages
 *   scope 'entry' – one per summary, research or news digest: its text, and
 *                   the citation (title, journal, authors) or news outlet.
 *                   Titles of pages not written yet that a section (or the
 *                   page) links to are a summary entry of their own: text at
 *                   the weakest weight, so a topic merely named as a page to
 *                   write never outranks a page that is about it.
 *                   Published news items (src/news/) are the news digests of
 *                   the pages they name: one document per item and page,
 *                   linking to the page's "Latest news on this topic".
 *
 * A page's published translations (src/translations/) are documents of their
 * own, in their language: the translated title and summary, each translated
 * heading and entry (a section outdated by a safety-relevant change is left
 * out: its readers get the English). Citations stay as the English has them.
 */
export type DocumentScope = 'page' | 'entry';
export type DocumentKind = 'page' | 'section' | EntryKind;

export interface SearchDocument {
  pageId: number;
  /** The language of its text; English when absent. */
  lang?: Lang;
  scope: DocumentScope;
  kind: DocumentKind;
  /** Fragment to link to (section anchor); null for the top of the page. */
  anchor: string | null;
  /** Page title (page documents only; '' otherwise). Indexed at title weight. */
  title: string;
  /** Section heading: indexed for section documents, shown (not indexed) for digests. */
  heading: string;
  /** Titles of linked and wanted pages (sub-articles, "Also see"). */
  links: string;
  /** Plain text: the summary and footnotes (page), or the digest's text (entry). */
  body: string;
  /** Where a digest comes from: citation title, journal, authors, year; or the news outlet and headline. */
  source: string;
  /** Publication year of the cited study or news report; null for everything else. */
  year: number | null;
}

type Reader = Db | Tx;

/** Builds the search documents of the given pages, skipping deleted and missing ones. */
export async function buildDocuments(db: Reader, pageIds: number[]): Promise<SearchDocument[]> {
  if (!pageIds.length) return [];
  const [pages, sections, entries, links, footnotes, news, codes, translations, translatedSections] = await Promise.all([
    db.selectFrom('pages').select(['id', 'title', 'sort_title', 'summary']).where('id', 'in', pageIds).where('deleted_at', 'is', null).orderBy('id').execute(),
    db.selectFrom('sections').select(['id', 'page_id', 'heading', 'anchor']).where('page_id', 'in', pageIds).orderBy('page_id').orderBy('position').execute(),
    db
      .selectFrom('entries as e')
      .leftJoin('citations as c', 'c.id', 'e.citation_id')
      .select(['e.page_id', 'e.section_id', 'e.kind', 'e.body', 'e.outlet', 'e.published_on', 'e.headline', 'c.title as c_title', 'c.container', 'c.issued_year', 'c.csl'])
      .where('e.page_id', 'in', pageIds)
      .orderBy('e.page_id')
      .orderBy('e.section_id')
      .orderBy('e.position')
      .execute(),
    db
      .selectFrom('links as l')
      .leftJoin('pages as direct', (j) => j.onRef('direct.slug', '=', 'l.target_slug').on('direct.deleted_at', 'is', null))
      .leftJoin('slug_redirects as r', 'r.old_slug', 'l.target_slug')
      .leftJoin('pages as moved', (j) => j.onRef('moved.id', '=', 'r.page_id').on('moved.deleted_at', 'is', null))
      .select(['l.from_page_id', 'l.section_id', 'l.kind', 'l.target_title', 'l.label', 'direct.id as direct_id', 'moved.id as moved_id'])
      .where('l.from_page_id', 'in', pageIds)
      .where('l.kind', '!=', 'inline')
      .orderBy('l.position')
      .execute(),
    db.selectFrom('footnotes').select(['page_id', 'body']).where('page_id', 'in', pageIds).orderBy('position').execute(),
    db
      .selectFrom('news_topics as t')
      .innerJoin('news_items as n', 'n.id', 't.news_id')
      .select(['t.page_id', 'n.headline', 'n.summary', 'n.body', 'n.source_outlet', 'n.source_headline', 'n.source_date', 'n.published_on'])
      .where('t.page_id', 'in', pageIds)
      .where('n.state', '=', 'published')
      .orderBy('t.page_id')
      .orderBy('n.published_on')
      .orderBy('n.id')
      .execute(),
    db.selectFrom('page_codes').select(['page_id', 'system', 'code']).where('page_id', 'in', pageIds).orderBy('page_id').orderBy('position').execute(),
    db.selectFrom('page_translations').select(['id', 'page_id', 'lang', 'title', 'summary']).where('page_id', 'in', pageIds).orderBy('page_id').orderBy('lang').execute(),
    db
      .selectFrom('translation_sections as ts')
      .innerJoin('page_translations as pt', 'pt.id', 'ts.translation_id')
      .select(['ts.translation_id', 'ts.source_anchor', 'ts.heading', 'ts.entries', 'ts.safety'])
      .where('pt.page_id', 'in', pageIds)
      .execute(),
  ]);
  const translationsOf = groupBy(translations, (t) => t.page_id);
  const translatedOf = groupBy(translatedSections, (t) => t.translation_id);
  const codesOf = groupBy(codes, (c) => c.page_id);
  const newsOf = groupBy(news, (n) => n.page_id);

  const sectionsOf = groupBy(sections, (s) => s.page_id);
  const entriesOf = groupBy(entries, (e) => e.section_id);
  const linksOf = groupBy(links, (l) => l.from_page_id);
  const notesOf = groupBy(footnotes, (f) => f.page_id);
  const docs: SearchDocument[] = [];
  for (const page of pages) {
    const pageLinks = linksOf.get(page.id) ?? [];
    const notes = (notesOf.get(page.id) ?? []).map((f) => plainText(f.body));
    docs.push({
      pageId: page.id,
      scope: 'page',
      kind: 'page',
      anchor: null,
      title: page.sort_title ? `${page.title}\n${page.sort_title}` : page.title,
      heading: '',
      links: linkTitles(written(pageLinks.filter((l) => l.section_id === null))),
      // The page's clinical codes ("ICD-10-CM M34.9", "ORPHA 90291"): a search for a code finds the page.
      body: [page.summary, ...notes, ...(codesOf.get(page.id) ?? []).map((c) => `${c.system} ${c.code}`)].filter(Boolean).join('\n'),
      source: '',
      year: null,
    });
    for (const section of sectionsOf.get(page.id) ?? []) {
      const ofSection = pageLinks.filter((l) => l.section_id === section.id);
      const sectionLinks = linkTitles(written(ofSection));
      if (section.heading || sectionLinks) {
        docs.push({
          pageId: page.id, scope: 'page', kind: 'section', anchor: section.anchor, title: '',
          heading: section.heading ?? '', links: sectionLinks, body: '', source: '', year: null,
        });
      }
      for (const e of entriesOf.get(section.id) ?? []) {
        const research = e.kind === 'research';
        docs.push({
          pageId: page.id,
          scope: 'entry',
          kind: e.kind,
          anchor: section.anchor,
          title: '',
          heading: section.heading ?? '',
          links: '',
          body: plainText(e.body),
          source: research
            ? [e.c_title, e.container, authorNames(e.csl), e.issued_year].filter((x) => x !== null && x !== '').join('. ')
            : e.kind === 'news'
              ? [e.outlet, e.headline].filter(Boolean).join('. ')
              : '',
          year: research ? (e.issued_year === null ? null : Number(e.issued_year)) : e.published_on ? Number(e.published_on.slice(0, 4)) : null,
        });
      }
      const wanted = unwrittenTitles(ofSection, page.id, section.anchor, section.heading ?? '');
      if (wanted) docs.push(wanted);
    }
    const wantedOfPage = unwrittenTitles(pageLinks.filter((l) => l.section_id === null), page.id, null, '');
    if (wantedOfPage) docs.push(wantedOfPage);
    for (const t of translationsOf.get(page.id) ?? []) {
      if (!isLang(t.lang) || t.lang === SOURCE_LANG) continue;
      docs.push(...translationDocuments(t, page.id, t.lang, sectionsOf.get(page.id) ?? [], entriesOf, translatedOf.get(t.id) ?? [], codesOf.get(page.id) ?? []));
    }
    for (const n of newsOf.get(page.id) ?? []) {
      const date = n.source_date ?? n.published_on;
      docs.push({
        pageId: page.id,
        scope: 'entry',
        kind: 'news',
        anchor: 'latest-news',
        title: '',
        heading: n.headline,
        links: '',
        body: [n.headline, n.summary, plainText(n.body)].filter(Boolean).join('\n'),
        source: [n.source_outlet, n.source_headline].filter(Boolean).join('. '),
        year: date ? Number(date.slice(0, 4)) : null,
      });
    }
  }
  return docs;
}

type EntryRow = { kind: EntryKind; body: string; c_title: string | null; container: string | null; csl: string | null; issued_year: number | string | null; outlet: string | null; headline: string | null; published_on: string | null };

/** One translation's documents, in its language: shaped like the English page's, with the translation's words. */
function translationDocuments(
  t: { title: string; summary: string },
  pageId: number,
  lang: Lang,
  sections: Array<{ id: number; anchor: string; heading: string | null }>,
  entriesOf: Map<number, EntryRow[]>,
  translated: Array<{ source_anchor: string; heading: string | null; entries: string; safety: number }>,
  codes: Array<{ system: string; code: string }>,
): SearchDocument[] {
  const byAnchor = new Map(translated.map((s) => [s.source_anchor, s]));
  const docs: SearchDocument[] = [{
    pageId, lang, scope: 'page', kind: 'page', anchor: null, title: t.title, heading: '', links: '',
    body: [t.summary, ...codes.map((c) => `${c.system} ${c.code}`)].filter(Boolean).join('\n'), source: '', year: null,
  }];
  for (const section of sections) {
    const own = byAnchor.get(section.anchor);
    const english = entriesOf.get(section.id) ?? [];
    if (!own || own.safety) continue;
    let bodies: unknown;
    try {
      bodies = JSON.parse(own.entries);
    } catch {
      continue;
    }
    // Readers see a section only when it translates every entry (src/translations/reading.ts); search finds the same.
    if (!Array.isArray(bodies) || bodies.length !== english.length) continue;
    const heading = section.heading === null ? '' : (own.heading ?? section.heading);
    if (heading) docs.push({ pageId, lang, scope: 'page', kind: 'section', anchor: section.anchor, title: '', heading, links: '', body: '', source: '', year: null });
    english.forEach((e, i) => {
      const research = e.kind === 'research';
      docs.push({
        pageId, lang, scope: 'entry', kind: e.kind, anchor: section.anchor, title: '', heading, links: '',
        body: plainText(String(bodies[i] ?? '')),
        source: research ? [e.c_title, e.container, authorNames(e.csl), e.issued_year].filter((x) => x !== null && x !== '').join('. ') : '',
        year: research ? (e.issued_year === null ? null : Number(e.issued_year)) : e.published_on ? Number(e.published_on.slice(0, 4)) : null,
      });
    });
  }
  return docs;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

type LinkRow = { target_title: string; label: string; direct_id: number | null; moved_id: number | null };
const written = (links: LinkRow[]) => links.filter((l) => l.direct_id !== null || l.moved_id !== null);
const unwritten = (links: LinkRow[]) => links.filter((l) => l.direct_id === null && l.moved_id === null);

/** The titles of pages not written yet among these links, as a plain-text entry; null when every page exists. */
function unwrittenTitles(links: LinkRow[], pageId: number, anchor: string | null, heading: string): SearchDocument | null {
  const titles = linkTitles(unwritten(links));
  if (!titles) return null;
  return { pageId, scope: 'entry', kind: 'summary', anchor, title: '', heading, links: '', body: titles, source: '', year: null };
}

/** Each linked or wanted page's title as written, and its shown text when different ("Personal Stories"). */
function linkTitles(links: Array<{ target_title: string; label: string }>): string {
  const seen = new Set<string>();
  for (const l of links) {
    seen.add(l.target_title);
    seen.add(l.label);
  }
  return [...seen].join('\n');
}

/** "Xiong M, Arnett FC" from CSL-JSON authors; '' when the record names none or cannot be read. */
function authorNames(csl: string | null): string {
  if (!csl) return '';
  try {
    const parsed = JSON.parse(csl) as { author?: Array<{ family?: string; given?: string; literal?: string }> };
    return (parsed.author ?? [])
      .map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(' '))
      .filter(Boolean)
      .join(', ');
  } catch {
    return '';
  }
}
