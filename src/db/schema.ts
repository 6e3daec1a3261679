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
  page_codes: PageCodesTable;
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
  jobs: JobsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  signing_keys: SigningKeysTable;
  page_revisions: PageRevisionsTable;
  search_documents: SearchDocumentsTable;
  search_terms: SearchTermsTable;
  search_synonyms: SearchSynonymsTable;
  search_state: SearchStateTable;
  citation_formats: CitationFormatsTable;
  citation_flags: CitationFlagsTable;
  citation_http_cache: CitationHttpCacheTable;
  research_queries: ResearchQueriesTable;
  research_inbox: ResearchInboxTable;
  rate_limits: RateLimitsTable;
  news_items: NewsItemsTable;
  news_topics: NewsTopicsTable;
  news_corrections: NewsCorrectionsTable;
  mail_outbox: MailOutboxTable;
  mail_subscribers: MailSubscribersTable;
  mail_subscriptions: MailSubscriptionsTable;
  parked_forms: ParkedFormsTable;
  revision_comments: RevisionCommentsTable;
  user_roles: UserRolesTable;
  community_members: CommunityMembersTable;
  community_signups: CommunitySignupsTable;
  forum_categories: ForumCategoriesTable;
  forum_topics: ForumTopicsTable;
  forum_posts: ForumPostsTable;
  forum_flags: ForumFlagsTable;
  forum_reads: ForumReadsTable;
  stories: StoriesTable;
  story_topics: StoryTopicsTable;
  story_consents: StoryConsentsTable;
  community_sanctions: CommunitySanctionsTable;
  community_member_notes: CommunityMemberNotesTable;
  forum_follows: ForumFollowsTable;
  forum_follow_notices: ForumFollowNoticesTable;
  forum_evidence_notes: ForumEvidenceNotesTable;
  page_translations: PageTranslationsTable;
  translation_sections: TranslationSectionsTable;
  translation_revisions: TranslationRevisionsTable;
  translator_languages: TranslatorLanguagesTable;
  source_change_impacts: SourceChangeImpactsTable;
  reader_feedback: ReaderFeedbackTable;
  glossary_terms: GlossaryTermsTable;
  glossary_revisions: GlossaryRevisionsTable;
  search_records: SearchRecordsTable;
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
  /** The title it is listed under (A–Z, tree, search), set by an editor; null: derived from the title (src/directory/sort-title.ts). */
  sort_title: string | null;
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

/** Clinical codes of the condition a page is about (src/directory/clinical-codes.ts), in the order shown. */
export interface PageCodesTable {
  page_id: number;
  position: number;
  /** One of CODE_SYSTEMS: 'ICD-10-CM', 'ICD-11', 'ORPHA', 'MeSH', 'SNOMED CT', 'OMIM'. */
  system: string;
  /** Canonical form: 'M34.9', '90291' (ORPHA without prefix), 'D012595'. */
  code: string;
  /** ICD-11 only: the WHO entity number its browser link needs. */
  who_entity: string | null;
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
  /** Conflict-of-interest statement ('' with a declared_on date: no conflicts declared). */
  disclosure: string;
  /** Degrees and professional qualifications, as the person gives them. */
  qualifications: Generated<string>;
  /** Where the person works or studies. */
  affiliation: Generated<string>;
  /** Who funds the person's work on the site, if anyone. */
  funding: Generated<string>;
  /** When the statement was declared (YYYY-MM-DD); null when no declaration is recorded. */
  declared_on: string | null;
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

/** A person who edits, reviews or administers (accounts). */
export interface UsersTable {
  id: Generated<number>;
  /** Lower-case e-mail address; the sign-in name, unique. */
  email: string;
  /** Name shown in the signed-in bar, user lists and the audit log. */
  name: string;
  /** The main role (Role in src/accounts/context.ts, checked in code); more in user_roles. */
  role: string;
  /** scrypt$N$r$p$salt$hash; null until an invitation is accepted. */
  password_hash: string | null;
  /** authors.key of the byline record this person signs as, if linked. */
  author_key: string | null;
  /** When the account was created (ISO instant). */
  created_at: string;
  /** When the password was last set (ISO instant). */
  password_changed_at: string | null;
  /** When an admin disabled the account; null while active. */
  disabled_at: string | null;
}

/** A signed-in browser; the cookie holds a random token whose sha256 is the id. */
export interface SessionsTable {
  /** sha256 (hex) of the cookie token, so a leaked table cannot be replayed. */
  id: string;
  user_id: number;
  /** Secret the CSRF tokens of this session are derived from. */
  csrf_secret: string;
  /** Sign-in instant (ISO); the absolute timeout counts from here. */
  created_at: string;
  /** Last request instant (ISO, updated at most every few minutes); the idle timeout counts from here. */
  last_seen_at: string;
  /** Absolute expiry instant (ISO). */
  expires_at: string;
}

/** A one-time link that lets a person set their password (new account or reset). */
export interface InvitationsTable {
  id: Generated<number>;
  /** The account the link sets a password for. */
  user_id: number;
  /** sha256 (hex) of the token in the link. */
  token_hash: string;
  /** Admin who created the link; null when made from the command line. */
  created_by: number | null;
  /** ISO instant. */
  created_at: string;
  /** ISO instant after which the link no longer works. */
  expires_at: string;
  /** When the link was used (it works once). */
  used_at: string | null;
  /** When an admin withdrew it, or a newer link replaced it. */
  revoked_at: string | null;
}

/** Failed sign-in counters per e-mail ('account:…') and per IP ('ip:…'), shared by every server. */
export interface LoginThrottleTable {
  key: string;
  /** Failures since window_started_at. */
  failures: number;
  /** Start of the counting window (ISO instant). */
  window_started_at: string;
  /** Sign-in refused for this key until this instant (ISO), when locked. */
  locked_until: string | null;
}

/** Every editorial and account action, append-only. */
export interface AuditLogTable {
  id: Generated<number>;
  /** ISO instant. */
  at: string;
  /** Who did it; null for the command line, the system, or an unknown person (failed sign-in). */
  actor_user_id: number | null;
  /** What, as domain.verb: 'user.login', 'page.publish', … */
  action: string;
  /** Kind of thing acted on: 'user', 'page', … */
  subject_type: string | null;
  /** Its id or slug, as text. */
  subject_id: string | null;
  /** JSON object text with whatever else matters. */
  details: string;
  /** Client IP of the request, when there was one. */
  ip: string | null;
}

/** Server-wide secrets (random, made on first start) so every server signs alike. */
export interface SigningKeysTable {
  /** What the key signs: 'csrf', … */
  name: string;
  /** base64url random bytes. */
  secret: string;
  /** ISO instant. */
  created_at: string;
}

/** A background job (src/jobs/): one-off or repeating, claimed by one worker at a time across all servers. */
export interface JobsTable {
  id: Generated<number>;
  /** Identity of the job, unique: the job name for repeating jobs, e.g. "citations.refresh:pmid:123" for one-offs. */
  key: string;
  /** Name of the registered handler that runs it. */
  name: string;
  /** Input for the handler (JSON text, validated by the handler's schema). */
  payload: Generated<string>;
  /** Seconds between runs of a repeating job; null for a one-off job. */
  interval_seconds: number | null;
  /** When it is next due (ISO instant); null when there is nothing left to do (done, or gave up). */
  run_at: string | null;
  /** Worker holding it now (host:pid:random); null when free. */
  locked_by: string | null;
  /** The holder's lease ends here (ISO instant); after that another worker may take the job. */
  locked_until: string | null;
  /** Failures since the last success. */
  attempts: Generated<number>;
  /** A one-off job stops being retried after this many failures. */
  max_attempts: Generated<number>;
  /** When it last finished, well or badly (ISO instant). */
  last_run_at: string | null;
  /** The last failure's message; null after a success. */
  last_error: string | null;
  /** What the last successful run returned (JSON text). */
  last_result: string | null;
  /** When the job was first queued (ISO instant). */
  created_at: string;
}

export type PageRow = Selectable<PagesTable>;
export type NewPage = Insertable<PagesTable>;
export type PageUpdate = Updateable<PagesTable>;
export type CitationRow = Selectable<CitationsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type EntryRow = Selectable<EntriesTable>;

export type RevisionState = 'draft' | 'in_review' | 'approved' | 'published' | 'superseded';

/** Every save of a page: a full PageDocument snapshot and where it stands in the review workflow. */
export interface PageRevisionsTable {
  id: Generated<number>;
  /** Stable page identity across renames: "page:<pages.id>", or "draft:<random>" for a page never published. */
  page_key: string;
  /** 1, 2, 3… within the page; unique with page_key. */
  number: number;
  /** The document's slug at this revision (finds never-published drafts by address). */
  slug: string;
  /** The document's title at this revision (lists without parsing JSON). */
  title: string;
  /** The whole PageDocument as JSON text. */
  document: string;
  /** Who saved it; null for the baseline taken from imported content. */
  author_user_id: number | null;
  /** The edit summary the author wrote. */
  summary: string;
  /** When it was saved (ISO instant). */
  created_at: string;
  /** The revision the author started from; a different newest revision at save time is an edit conflict. */
  base_revision_id: number | null;
  state: RevisionState;
  /** When it was sent for medical review (ISO instant). */
  submitted_at: string | null;
  /** The reviewer who approved it. */
  reviewed_by_user_id: number | null;
  /** When it was approved (ISO instant). */
  reviewed_at: string | null;
  /** When it became what readers see (ISO instant). */
  published_at: string | null;
  /**
   * The editor form's save token with a fingerprint of what was sent
   * (src/editing/save-key.ts): the same form sent again (a double click, a
   * retry after a timeout) finds its revision instead of saving twice. Null
   * for revisions not made by the editor form.
   */
  save_key: string | null;
}

/**
 * One findable piece of a page (src/search/documents.ts). Its full-text index
 * is per backend: the FTS5 tables search_fts_pages / search_fts_entries on
 * SQLite, a `tsv tsvector` column on PostgreSQL (not declared here: only the
 * PostgreSQL search backend touches it, in raw SQL).
 */
export interface SearchDocumentsTable {
  id: Generated<number>;
  /** The language of its text: 'en', or a translation's language (0021). */
  lang: Generated<string>;
  /** The page it belongs to; deleting the page row deletes it. */
  page_id: number;
  /** 'page' (title, headings, linked titles) or 'entry' (one digest): which full-text index holds it. */
  scope: 'page' | 'entry';
  /** 'page' | 'section' | 'summary' | 'research' | 'news': what the result links to and how it is filtered. */
  kind: 'page' | 'section' | 'summary' | 'research' | 'news';
  /** Section fragment to link to; null for the top of the page. */
  anchor: string | null;
  /** Page title (page documents only; '' otherwise). */
  title: string;
  /** Section heading (indexed for sections, shown for digests). */
  heading: string;
  /** Titles of sub-articles, "Also see" and wanted pages, one per line. */
  links: string;
  /** Page documents: the search terms of title, heading, links and text, one field per line (ranking reads these, not the text). */
  field_terms: string;
  /** Plain text: page summary and footnotes, or the digest's text. */
  body: string;
  /** Citation title, journal, authors and year, or news outlet and headline. */
  source: string;
  /** Publication year of the study or news report; null otherwise. */
  year: number | null;
}

/** The index's vocabulary: every search term with how many documents hold it (typo correction, prefixes, query planning). */
export interface SearchTermsTable {
  /** The term as indexed (folded, stemmed: src/search/normalize.ts). */
  term: string;
  /** The word as first written in the directory, for "Did you mean". */
  display: string;
  /** Page and section documents holding the term. */
  page_docs: number;
  /** Digest documents holding the term. */
  entry_docs: number;
}

/** The curated synonym table: terms sharing a group_id mean the same ("SSc", "systemic sclerosis", "scleroderma"). */
export interface SearchSynonymsTable {
  id: Generated<number>;
  /** Terms with the same group id are synonyms of each other. */
  group_id: number;
  /** A term as readers write it. */
  term: string;
  /** The language the term is in ('en' for the seed list); searches in that language use it (0021). */
  lang: Generated<string>;
}

/** One row: bumped by every index or synonym change, so each server knows when its cached vocabulary is stale. */
export interface SearchStateTable {
  id: number;
  /** Increases with every change to the search index or synonyms. */
  generation: number;
}

/** A citation formatted once in one style (citeproc is slow), loaded into memory at start (src/citations/format-store.ts). */
export interface CitationFormatsTable {
  /** The formatter's cache key: style|lang|citation key|hash of the record, so a changed record never reads a stale row. */
  cache_key: string;
  /** citations.key of the record it formats (for pruning). */
  citation_key: string;
  /** 'vancouver' | 'apa'. */
  style: string;
  /** Safe inline HTML with PubMed/PMC/DOI links. */
  html: string;
  /** The plain-text citation. */
  text: string;
  /** When it was formatted (ISO instant). */
  created_at: string;
}

/** A retraction, retraction notice or erratum found on a cited paper; shown to readers until an editor resolves it. */
export interface CitationFlagsTable {
  id: Generated<number>;
  /** The flagged citation. */
  citation_id: number;
  /** 'retracted' | 'retraction-notice' | 'erratum' (RetractionStatus in src/citations/study-type.ts). */
  status: string;
  /** When retraction watch first saw it (ISO instant). */
  detected_at: string;
  /** When an editor resolved it (ISO instant); null while readers see the warning. */
  resolved_at: string | null;
  /** The editor who resolved it. */
  resolved_by: number | null;
  /** What the editor did about it, in their words. */
  resolution_note: string | null;
}

/** PubMed/Crossref answers by URL, shared by every server, so repeated lookups do not hit the services. */
export interface CitationHttpCacheTable {
  /** The full request URL, query included. */
  url: string;
  /** The response body as received (validated before it was stored). */
  body: string;
  /** When the entry stops being used (ISO instant). */
  expires_at: string;
}

/** A topic's saved PubMed query, run periodically to fill the new-research inbox. */
export interface ResearchQueriesTable {
  id: Generated<number>;
  /** The topic page; one query per page. */
  page_id: number;
  /** PubMed search term, e.g. "silica AND scleroderma". */
  term: string;
  /** When the term was last saved (ISO instant). */
  updated_at: string;
  /** Who saved it. */
  updated_by: number | null;
  /** Start of the last successful run (ISO instant); the next run asks for records added since this day. */
  last_run_at: string | null;
  /** Why the last run failed; null after a success. */
  last_error: string | null;
  /** How many new records the last successful run put in the inbox. */
  last_found: Generated<number>;
}

export type ResearchInboxStatus = 'new' | 'drafted' | 'dismissed';

/** A paper a saved query found for a topic, waiting for an editor; one row per page and PMID, ever. */
export interface ResearchInboxTable {
  id: Generated<number>;
  /** The topic the query belongs to. */
  page_id: number;
  /** PubMed ID; unique with page_id, so a paper never comes back after it was dismissed. */
  pmid: string;
  /** The whole CitationRecord from esummary (JSON text), so drafting needs no network. */
  record: string;
  /** Denormalised for the list: title, journal abbreviation, publication date as YYYY, YYYY-MM or YYYY-MM-DD. */
  title: string;
  journal: string | null;
  published: string | null;
  /** PubMed publication types (JSON array text). */
  pub_types: string;
  /** When the query found it (ISO instant). */
  found_at: string;
  status: Generated<ResearchInboxStatus>;
  /** When an editor drafted or dismissed it (ISO instant). */
  decided_at: string | null;
  decided_by: number | null;
  /** The stored citation, once drafted. */
  citation_id: number | null;
  /** The draft revision made from it (page_revisions.id). */
  revision_id: number | null;
}

/** One limit's counter for one client in the current window (src/web/rate-limits.ts); unlogged on PostgreSQL. */
export interface RateLimitsTable {
  /** "<limit>:<client>", e.g. "suggest:203.0.113.7" or "editor-writes:user:12". */
  key: string;
  hits: number;
  window_started_at: string;
}

/** 'draft' | 'review' | 'published': a news item's review state, like a page's. */
export type NewsState = 'draft' | 'review' | 'published';

/** A news item (src/news/): a report in our own words, its source, and the clinician's sign-off. */
export interface NewsItemsTable {
  id: Generated<number>;
  /** URL segment: /news/<slug>. */
  slug: string;
  state: NewsState;
  /** Our headline, in plain words (not the outlet's). */
  headline: string;
  /** One or two plain sentences: lists, feeds, topic pages. */
  summary: string;
  /** Markdown, rendered by the kernel's renderer. */
  body: string;
  /** Who reported it. */
  source_outlet: string;
  /** The outlet's own headline, when known. */
  source_headline: string | null;
  /** Link to the report (http/https only), when known. */
  source_url: string | null;
  /** Date of the report (YYYY-MM-DD), when known. */
  source_date: string | null;
  /** The study the report is about, when there is one. */
  citation_id: number | null;
  /** Byline. */
  author_id: number | null;
  /** Behind the headlines: what the study was. */
  study_what: string;
  /** Behind the headlines: how big it was. */
  study_size: string;
  /** Behind the headlines: its limits. */
  study_limits: string;
  /** Name of the clinician who signed the item off; null until then. */
  signed_off_by: string | null;
  /** Date of the sign-off (YYYY-MM-DD). */
  signed_off_on: string | null;
  /** When readers first saw it (YYYY-MM-DD); null while never published. */
  published_on: string | null;
  /** Last change readers can see (publication or correction), ISO instant: feeds' "updated". */
  updated_at: string;
  /** Last write of any kind (ISO instant). */
  changed_at: string;
  created_at: string;
}

/** The directory pages a news item concerns. */
export interface NewsTopicsTable {
  news_id: number;
  page_id: number;
  position: number;
}

/** "Corrected on DATE: what changed", one row per edit of a published item. */
export interface NewsCorrectionsTable {
  id: Generated<number>;
  news_id: number;
  corrected_at: string;
  note: string;
}

/** One e-mail to send (src/mail/outbox.ts), written in the transaction of the change that causes it. */
export interface MailOutboxTable {
  id: Generated<number>;
  /** "<uuid@domain>", kept across retries. */
  message_id: string;
  /** Same key, same e-mail: queuing it again adds nothing. */
  dedupe_key: string | null;
  /** What it is: "invitation", "password-reset", "confirm", "welcome", "digest". */
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (List-Unsubscribe…). */
  headers: string;
  lang: string;
  /** queued (waiting or retrying) | sent | failed (gave up or refused for good) | bounced (the address was refused). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  /** The SMTP server's answer when it took the message. */
  smtp_response: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An address that follows something by e-mail (src/mail/following/); no account. */
export interface MailSubscribersTable {
  id: Generated<number>;
  /** As normaliseAddress() gives it; shown to admins only. */
  address: string;
  /** Language of its e-mails (the interface language it subscribed in). */
  lang: string;
  /** "immediately" | "daily" | "weekly". */
  frequency: string;
  created_at: string;
  /** When the last confirmation e-mail was queued (one an hour at most). */
  confirmation_sent_at: string | null;
  /** Changes up to this instant have been considered for its digests. */
  digest_through: string;
  last_digest_at: string | null;
}

/** One thing an address follows: the whole site ("site") or a topic with its sub-pages ("page:<id>"). */
export interface MailSubscriptionsTable {
  id: Generated<number>;
  subscriber_id: number;
  topic_key: string;
  page_id: number | null;
  requested_at: string;
  /** The consent text shown with the form, kept as it was. */
  consent_text: string;
  /** When the confirmation link was used; null while pending (nothing is sent for it). */
  confirmed_at: string | null;
}

/** A form sent after its sign-in ran out, kept for the browser that sent it until it signs in again (src/accounts/parked-forms.ts). */
export interface ParkedFormsTable {
  /** sha256 (hex) of the random token in the browser's parked-form cookie. */
  owner_hash: string;
  /** The site path the form was sent to, without language prefix. */
  path: string;
  /** Who was signed in when that is still known; another person signing in never gets the form. */
  user_id: number | null;
  /** JSON object of the form's string fields, without the CSRF token. */
  fields: string;
  /** ISO instant. */
  created_at: string;
  /** ISO instant after which the form is gone. */
  expires_at: string;
}

/** A reviewer's comment on a revision (sending it back to its author). */
export interface RevisionCommentsTable {
  id: Generated<number>;
  revision_id: number;
  page_key: string;
  /** The reviewer; null once their account is deleted. */
  user_id: number | null;
  /** 'sent_back'. */
  kind: string;
  body: string;
  /** ISO instant. */
  created_at: string;
}

/** A role a person holds besides users.role (an editor who also moderates). */
export interface UserRolesTable {
  user_id: number;
  role: string;
  granted_at: string;
}

/** A member of the community: their pseudonym and how far they are trusted. */
export interface CommunityMembersTable {
  user_id: number;
  /** The name other members see (a pseudonym). */
  display_name: string;
  /** display_name lower-cased with spaces squeezed, unique. */
  display_key: string;
  joined_at: string;
  /** Posts a moderator let through or that passed every check: new members' first posts are held. */
  approved_posts: Generated<number>;
}

/** A sign-up waiting for its e-mail address to be confirmed; the account is made on confirmation. */
export interface CommunitySignupsTable {
  id: Generated<number>;
  /** sha256 (hex) of the token in the confirmation link. */
  token_hash: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type ForumVisibility = 'public' | 'members';

export interface ForumCategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  /** BCP 47 language of the conversations, when the category has one. */
  lang: string | null;
  /** 'members': never in the sitemap, feeds or public search, and sent with noindex. */
  visibility: Generated<ForumVisibility>;
  position: number;
}

export type ForumTopicStatus = 'visible' | 'held' | 'rejected';

export interface ForumTopicsTable {
  id: Generated<number>;
  category_id: number;
  title: string;
  /** null once the member deleted their account (shown as "a former member"). */
  author_id: number | null;
  /** Follows the opening post: a topic is visible once its first post is. */
  status: ForumTopicStatus;
  created_at: string;
  /** Of the latest visible post ("new since your last visit"). */
  last_post_at: string;
  /** Visible replies (not counting the opening post). */
  reply_count: Generated<number>;
  /** Set by a moderator: no more replies; the topic says so, with lock_reason. */
  locked_at: string | null;
  lock_reason: string | null;
}

export type ForumPostStatus = 'visible' | 'held' | 'rejected' | 'removed';

export interface ForumPostsTable {
  id: Generated<number>;
  topic_id: number;
  author_id: number | null;
  /** Markdown, as written (or as a moderator edited it). */
  body: string;
  /** 1 for the post that opened the topic. */
  is_opening: Generated<number>;
  status: ForumPostStatus;
  /** Name of the first moderation check that held the post. */
  hold_reason: string | null;
  /** JSON array of every check that matched: [{ check, detail }]. */
  hold_details: Generated<string>;
  /** 1: crisis words; first in the moderators' queue. */
  urgent: Generated<number>;
  /** The moderator handling the post, so two do not act at once. */
  claimed_by: number | null;
  claimed_at: string | null;
  /** "Edited by a moderator: <reason>", shown with the post. */
  moderator_note: string | null;
  created_at: string;
  decided_at: string | null;
  /** Set when a moderator hid the post (status 'removed'): "Hidden by a moderator: <reason>". */
  hidden_reason: string | null;
}

export interface ForumFlagsTable {
  id: Generated<number>;
  post_id: number;
  user_id: number | null;
  reason: string;
  note: Generated<string>;
  created_at: string;
  resolved_at: string | null;
}

export type SanctionKind = 'warning' | 'suspension';

/** A warning (an e-mail and a note) or a suspension (no posting until `until`) given to a member by a moderator. */
export interface CommunitySanctionsTable {
  id: Generated<number>;
  user_id: number;
  kind: SanctionKind;
  /** Told to the member, in the e-mail and when they try to post. */
  reason: string;
  until: string | null;
  /** The post that led to it, when given from the queue. */
  post_id: number | null;
  moderator_id: number | null;
  created_at: string;
}

/** A private note of moderators about a member, shown beside the member's queue items; never shown to the member. */
export interface CommunityMemberNotesTable {
  id: Generated<number>;
  user_id: number;
  author_id: number | null;
  body: string;
  created_at: string;
}

/** A member following a topic: each new approved reply is e-mailed to them. */
export interface ForumFollowsTable {
  user_id: number;
  topic_id: number;
  created_at: string;
}

/** A reply e-mailed to a follower (never twice). */
export interface ForumFollowNoticesTable {
  user_id: number;
  post_id: number;
  sent_at: string;
}

/** "What the evidence says": a moderator's note on a post, linking the directory page that answers it (instead of deleting the post). */
export interface ForumEvidenceNotesTable {
  id: Generated<number>;
  post_id: number;
  page_id: number;
  note: string;
  moderator_id: number | null;
  created_at: string;
}

/** When a member last read a topic: later posts are "new since your last visit". */
export interface ForumReadsTable {
  user_id: number;
  topic_id: number;
  read_at: string;
}

/** A page's published translation into one language (src/translations/): what readers of /<lang>/directory/<slug> see. */
export interface PageTranslationsTable {
  id: Generated<number>;
  page_id: number;
  /** Interface language code (es, fr, ar). */
  lang: string;
  title: string;
  summary: string;
  /** JSON text: [{ name, credentials }]. */
  translators: string;
  /** 1 for the demo's translations: readers are told it is not medically reviewed. */
  demo: number;
  /** Who reviewed the translation for accuracy and cultural fit, and when (ISO instant). */
  reviewer_name: string | null;
  reviewed_at: string | null;
  /** The translation revision now published; null for imported translations. */
  revision_id: number | null;
  published_at: string;
  changed_at: string;
}

/** One translated section, keyed by the English section's anchor, with the English text it was made from. */
export interface TranslationSectionsTable {
  id: Generated<number>;
  translation_id: number;
  /** Anchor of the English section (sections.anchor) this translates. */
  source_anchor: string;
  heading: string | null;
  /** JSON text: the entries' bodies in order (Markdown), one per English entry. */
  entries: string;
  /** The English page revision (page_revisions.id) it was made from, when known. */
  source_revision_id: number | null;
  /** Hash of the English section text it was made from (src/translations/source-text.ts). */
  source_hash: string;
  /** That English text, so readers of an outdated section can see what changed since. */
  source_text: string;
  made_at: string;
  /** When the English section changed after this was made; null while it is current. */
  outdated_since: string | null;
  /** 1: the English change was marked safety-relevant, readers get the current English text until it is updated. */
  safety: number;
}

export type TranslationRevisionState = 'draft' | 'in_review' | 'published' | 'superseded';

/** Every save of a translation: a TranslationDocument snapshot and its review state. */
export interface TranslationRevisionsTable {
  id: Generated<number>;
  page_id: number;
  lang: string;
  number: number;
  /** The TranslationDocument as JSON text. */
  document: string;
  author_user_id: number | null;
  summary: string;
  created_at: string;
  state: TranslationRevisionState;
  submitted_at: string | null;
  reviewed_by_user_id: number | null;
  reviewed_at: string | null;
}

/** The languages a person translates, their credentials in it, and whether they review translations into it. */
export interface TranslatorLanguagesTable {
  user_id: number;
  lang: string;
  credentials: string;
  reviews: number;
}

/** How an English revision affects translations when published: "minor" keeps them valid, "safety" shows readers the English. */
export interface SourceChangeImpactsTable {
  revision_id: number;
  impact: 'minor' | 'safety';
}

export type StoryStatus = 'unconfirmed' | 'pending' | 'awaiting-storyteller' | 'published' | 'rejected' | 'withdrawn';

/** A patient's or caregiver's story (src/stories/): moderated, published only with consent, withdrawn by a signed link. */
export interface StoriesTable {
  id: Generated<number>;
  /** unconfirmed: e-mail not confirmed yet; pending: in the moderators' queue; awaiting-storyteller: a moderator's edit waits for the storyteller. */
  status: StoryStatus;
  title: string;
  /** Markdown: the storyteller's text, or the edit they approved. Emptied when the story is taken down. */
  body: string;
  /** A moderator's edit, shown to the storyteller to approve. */
  proposed_title: string | null;
  proposed_body: string | null;
  edit_reason: string | null;
  author_id: number | null;
  /** Where the confirmation, approval and withdrawal links go. */
  email: string;
  display_name: string;
  name_kind: 'pseudonym' | 'name';
  country: Generated<string>;
  lang: string;
  created_at: string;
  confirmed_at: string | null;
  published_at: string | null;
  /** Withdrawal asked for (or consent ran out): hidden from that instant; the take-down job finishes the rest. */
  withdrawn_at: string | null;
  taken_down_at: string | null;
  /** The moderator handling it, so two do not act at once. */
  claimed_by: number | null;
  claimed_at: string | null;
}

export interface StoryTopicsTable {
  story_id: number;
  page_id: number;
}

export type StoryConsentPurpose = 'publish' | 'translate' | 'newsletter';

/** One purpose the storyteller agreed to (or declined), with the version of the words they read. */
export interface StoryConsentsTable {
  id: Generated<number>;
  story_id: number;
  purpose: StoryConsentPurpose;
  granted: number;
  text_version: string;
  /** 'YYYY-MM-DD': the consent ends at the start of this day (UTC). */
  expires_on: string | null;
  recorded_at: string;
  withdrawn_at: string | null;
}

export type FeedbackKind = 'helpful' | 'problem';
export type FeedbackProblem = 'wrong' | 'outdated' | 'broken-link' | 'hard-to-read';

/** A reader's answer to "Was this page helpful?" or a problem report (src/feedback/); editors only. */
export interface ReaderFeedbackTable {
  id: Generated<number>;
  page_id: number;
  kind: FeedbackKind;
  /** 1 yes, 0 no; null for a problem report. */
  helpful: number | null;
  problem: FeedbackProblem | null;
  comment: string;
  lang: string;
  created_at: string;
  handled_at: string | null;
  handled_by_user_id: number | null;
}

/** A glossary term (src/glossary/); its words live in revisions. */
export interface GlossaryTermsTable {
  id: Generated<number>;
  slug: string;
  created_at: string;
  published_revision_id: number | null;
}

export type GlossaryRevisionState = 'in_review' | 'approved' | 'superseded';

/** One save of a glossary term: a full snapshot. */
export interface GlossaryRevisionsTable {
  id: Generated<number>;
  term_id: number;
  term: string;
  /** JSON array of strings. */
  synonyms: string;
  definition: string;
  state: GlossaryRevisionState;
  author_user_id: number | null;
  created_at: string;
  reviewed_by_user_id: number | null;
  reviewed_at: string | null;
  /** The language of its words ("en" for the source). */
  lang: Generated<string>;
  /** A translation: the English revision it was translated from (outdated once another English revision is published). */
  source_revision_id: number | null;
}

/** A forum post or story readers may find in search (src/search/records.ts); its words are in search_records_fts (SQLite) or tsv (PostgreSQL). */
export interface SearchRecordsTable {
  id: Generated<number>;
  /** Whose record: "forum-post", "story". */
  source: string;
  /** Its id in that domain's table. */
  ref_id: number;
  lang: Generated<string>;
}
