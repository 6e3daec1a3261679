import type { Db, Tx } from '../db/database.js';
import type { EntryKind } from '../db/schema.js';
import { plainText } from '../editing/readability.js';

/**
 * What search indexes, one row per findable piece of a page. Two scopes,
 * kept in separate full-text indexes so that common words in hundreds of
 * thousands of digests never slow down title and heading matches:
 *
 *   scope 'page'  – kind 'page': title, summary, footnotes, page-level "Also see"
 *                 – kind 'section': a section heading and its sub-article,
 *                   "Also see" and wanted-page titles
 *   scope 'entry' – one per summary, research or news digest: its text, and
 *                   the citation (title, journal, authors) or news outlet.
 *                   Published news items (src/news/) are the news digests of
 *                   the pages they name: one document per item and page,
 *                   linking to the page's "Latest news on this topic".
 */
export type DocumentScope = 'page' | 'entry';
export type DocumentKind = 'page' | 'section' | EntryKind;

export interface SearchDocument {
  pageId: number;
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
  const [pages, sections, entries, links, footnotes, news] = await Promise.all([
    db.selectFrom('pages').select(['id', 'title', 'summary']).where('id', 'in', pageIds).where('deleted_at', 'is', null).orderBy('id').execute(),
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
    db.selectFrom('links').select(['from_page_id', 'section_id', 'kind', 'target_title', 'label']).where('from_page_id', 'in', pageIds).where('kind', '!=', 'inline').orderBy('position').execute(),
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
  ]);
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
      title: page.title,
      heading: '',
      links: linkTitles(pageLinks.filter((l) => l.section_id === null)),
      body: [page.summary, ...notes].filter(Boolean).join('\n'),
      source: '',
      year: null,
    });
    for (const section of sectionsOf.get(page.id) ?? []) {
      const sectionLinks = linkTitles(pageLinks.filter((l) => l.section_id === section.id));
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
