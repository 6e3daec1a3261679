import type { Db, Tx } from '../db/database.js';
import type { Dialect } from '../db/database.js';
import type { EntryKind } from '../db/schema.js';
import type { DocumentKind, DocumentScope, SearchDocument } from './documents.js';

/**
 * A match expression in plain data, never text a reader typed: every group
 * must match (AND); a group matches when one of its alternatives does (OR);
 * an alternative matches when the document holds all its terms (AND).
 * Terms are [a-z0-9]+ from normalize.ts, so no backend syntax can hide in them.
 */
export type MatchExpression = string[][][];

export interface MatchOptions {
  scope: DocumentScope;
  limit: number;
  /**
   * 'rank': best first over every match. 'recent': the newest matches,
   * unscored (score 0), for queries whose words are in so many documents
   * that ranking them all would be slow (and their weights nearly equal).
   */
  order: 'rank' | 'recent';
  /**
   * How 'recent' finds its newest matches, where the backend has a choice:
   * 'newest-first' reads documents newest first until `limit` match (quick
   * when most documents match); 'all-matches' collects every match from the
   * word index and keeps the newest (quick when few do); 'newest-span'
   * collects the matches among the newest ids only (see `span`: quick in
   * between, where the other two read thousands of rows). Absent: the
   * database's planner chooses.
   */
  scan?: 'newest-first' | 'all-matches' | 'newest-span' | undefined;
  /**
   * With 'newest-span' and 'newest-first': the newest matches are likely
   * among documents with ids above `above` (and none is newer than `newest`
   * at the generation the search planned with), so the word index and the
   * ids narrow each other before any row is read, or the walk stops there.
   * A hint, never a filter: when fewer than `limit` match above it, the
   * backend asks again without it.
   */
  span?: { above: number; newest: number } | undefined;
  kinds?: EntryKind[] | undefined;
  /** Only documents in these languages (search_documents.lang). */
  langs: readonly string[];
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
}

/** One question for the index: documents of one scope matching an expression. */
export interface MatchRequest {
  expression: MatchExpression;
  options: MatchOptions;
}

/**
 * A matching document, its relevance within its scope (higher is better) and
 * what ranking needs to know about it, in the same round trip. Text is read
 * later, only for the documents shown.
 */
export interface MatchRow {
  id: number;
  score: number;
  page_id: number;
  scope: DocumentScope;
  kind: DocumentKind;
  /** The language of the document's text. */
  lang: string;
  anchor: string | null;
  year: number | null;
  heading: string;
  /** Page documents: terms of title, heading, links and text, one field per line ('' for digests). */
  field_terms: string;
}

/** A document ready to store: its id and each field as index text (normalize.indexText). */
export interface PreparedDocument extends SearchDocument {
  id: number;
  index: { title: string; heading: string; links: string; body: string; source: string };
}

export interface TermInfo {
  term: string;
  display: string;
  pageDocs: number;
  entryDocs: number;
}

/** Read access to the vocabulary (search_terms), as fast as each backend can give it. */
export interface VocabularyReader {
  /** Counts for these terms; unknown terms are absent. */
  counts(terms: string[]): Promise<Map<string, TermInfo>>;
  /** Terms within `maxDistance` edits of `term` (optimal string alignment), most used first. */
  near(term: string, maxDistance: number, limit: number): Promise<Array<TermInfo & { distance: number }>>;
  /** Terms starting with `prefix`, most used first. */
  withPrefix(prefix: string, limit: number): Promise<TermInfo[]>;
  /** The lowest and highest document id as the vocabulary was loaded (null: no documents). */
  idRange(): Promise<IdRange | null>;
}

export interface IdRange {
  min: number;
  max: number;
}

/** The part of search that differs between SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm). */
export interface SearchBackend {
  readonly dialect: Dialect;
  /** Hands out `count` fresh document ids (safe under concurrent writers). */
  reserveIds(tx: Tx, count: number): Promise<number[]>;
  /** Stores documents and indexes them, in the caller's transaction. */
  insert(tx: Tx, docs: PreparedDocument[]): Promise<void>;
  /** Removes documents from the index and the table. */
  remove(tx: Tx, ids: number[]): Promise<void>;
  /** Empties the whole index (rebuild). */
  removeAll(tx: Tx): Promise<void>;
  /**
   * The matches of each request, in the request's order (PostgreSQL asks
   * them all in one round trip), and the index generation (search_state)
   * the same statement saw.
   */
  match(db: Db, requests: MatchRequest[]): Promise<{ rows: MatchRow[][]; generation: number }>;
  /** The vocabulary as of `generation` (search_state), for query planning. */
  vocabulary(db: Db, generation: number): VocabularyReader;
  /** Compacts the index after bulk writes. */
  optimize(db: Db): Promise<void>;
  /** Bytes on disk per part of the search index (tables and their indexes). */
  sizes(db: Db): Promise<Record<string, number>>;
}
