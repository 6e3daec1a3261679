import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The one declaration of the database: every table, every column, for both
 * SQLite and PostgreSQL. Dates are ISO strings ('YYYY-MM-DD' for calendar
 * dates, full ISO timestamps for instants) so both backends sort them alike;
 * JSON is stored as text.
 */
export interface Database {
  pages: PagesTable;
  page_authors: PageAuthorsTable;
  sections: SectionsTable;
  entries: EntriesTable;
  links: LinksTable;
  citation_uses: CitationUsesTable;
  citations: CitationsTable;
  authors: AuthorsTable;
  footnotes: FootnotesTable;
  slug_redirects: SlugRedirectsTable;
  settings: SettingsTable;
  content_state: ContentStateTable;
}

/** A node of the directory tree: a topic page or a section page that groups others. */
export interface PagesTable {
  id: Generated<number>;
  /** URL segment, unique site-wide: /directory/<slug>. */
  slug: string;
  /** Parent page; null for a top-level page under the Medical Directory. */
  parent_id: number | null;
  /** Order among siblings, ascending. */
  position: number;
  title: string;
  /** One or two plain sentences for lists, search results and meta description. */
  summary: string;
  /** When the page was first written (YYYY-MM-DD). */
  created_on: string;
  /** When its content last changed in substance (YYYY-MM-DD), if known. */
  updated_on: string | null;
  /** Last medical review (YYYY-MM-DD); null means never reviewed. */
  reviewed_on: string | null;
  /** Author who did the last medical review. */
  reviewed_by: number | null;
  /** When the next review is due (YYYY-MM-DD). */
  next_review_on: string | null;
  /** Months between reviews for this page. */
  review_interval_months: Generated<number>;
  /** Soft deletion instant; deleted pages are hidden but restorable. */
  deleted_at: string | null;
  /** Last write to this row or its parts (ISO instant). */
  changed_at: string;
}

export interface PageAuthorsTable {
  page_id: number;
  author_id: number;
  position: number;
}

/** An ordered part of a page; the first section may have no heading (the introduction). */
export interface SectionsTable {
  id: Generated<number>;
  page_id: number;
  position: number;
  heading: string | null;
  /** Fragment id for the table of contents, unique within the page. */
  anchor: string;
}

export type EntryKind = 'summary' | 'research' | 'news';

/** One item of a section: our own summary, a research digest or a news digest. */
export interface EntriesTable {
  id: Generated<number>;
  section_id: number;
  page_id: number;
  position: number;
  kind: EntryKind;
  /** Markdown in the directory's syntax ([[links]], [@cites], [^footnotes]). */
  body: string;
  /** The study a research digest rests on. */
  citation_id: number | null;
  /** News digest: the outlet that reported it. */
  outlet: string | null;
  /** News digest: date of the report (YYYY-MM-DD). */
  published_on: string | null;
  /** News digest: link to the report, when known. */
  url: string | null;
  /** News digest: the report's headline, when known. */
  headline: string | null;
}

export type LinkKind = 'sub' | 'also' | 'inline';

/**
 * The references table, filled on save: every link a page makes, by target
 * slug. A target with no page (and no redirect) is a wanted page.
 */
export interface LinksTable {
  id: Generated<number>;
  from_page_id: number;
  /** Section the link stands in; null for page-level "Also see". */
  section_id: number | null;
  kind: LinkKind;
  target_slug: string;
  /** The title as the author wrote it (the wanted page's title). */
  target_title: string;
  /** Text shown for the link. */
  label: string;
  position: number;
}

/** Which page cites which citation (filled on save), for bibliographies and "cited by". */
export interface CitationUsesTable {
  page_id: number;
  citation_id: number;
}

/** A structured citation, shared between pages. */
export interface CitationsTable {
  id: Generated<number>;
  /** Bibliography key, e.g. "shahin-2006" or "pmid:17304655". */
  key: string;
  /** The full CSL-JSON item (text). */
  csl: string;
  pmid: string | null;
  pmcid: string | null;
  /** Lower-case DOI without URL prefix. */
  doi: string | null;
  url: string | null;
  /** Denormalised from csl for listing and search. */
  title: string;
  container: string | null;
  issued_year: number | null;
  /** PubMed publication types (JSON array text). */
  pub_types: string;
  changed_at: string;
}

export interface AuthorsTable {
  id: Generated<number>;
  key: string;
  name: string;
  role: string;
  disclosure: string;
}

export interface FootnotesTable {
  page_id: number;
  position: number;
  body: string;
}

/** Old slugs of renamed pages, so old URLs keep working. */
export interface SlugRedirectsTable {
  old_slug: string;
  page_id: number;
}

/** Site settings, one JSON value per key, validated by SiteSettings. */
export interface SettingsTable {
  key: string;
  value: string;
}

/** One row: a counter bumped by every content write, so every server's render cache knows when to drop. */
export interface ContentStateTable {
  id: number;
  version: number;
}

export type PageRow = Selectable<PagesTable>;
export type NewPage = Insertable<PagesTable>;
export type PageUpdate = Updateable<PagesTable>;
export type CitationRow = Selectable<CitationsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type EntryRow = Selectable<EntriesTable>;
