/**
 * Formats citation records for pages (Vancouver or APA via citation-js/citeproc)
 * with identifier links, and exports bibliographies (RIS, BibTeX, CSL-JSON).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Cite as CiteClass } from '@citation-js/core';
import { LRUCache } from 'lru-cache';
import { escapeHtml, htmlToText, sanitizeEntryHtml } from './csl-html.js';
import type { CitationRecord, CslName } from './record.js';

/**
 * citation-js and citeproc take ~120 ms to load; formats are usually read from
 * the database, so load them only when a record really needs citeproc.
 */
let citeConstructor: typeof CiteClass | undefined;
function loadCite(): typeof CiteClass {
  if (!citeConstructor) {
    const require = createRequire(import.meta.url);
    const core = require('@citation-js/core') as { Cite: typeof CiteClass };
    require('@citation-js/plugin-csl'); // registers the 'bibliography' output and the apa/vancouver templates
    require('@citation-js/plugin-bibtex'); // registers 'bibtex'
    require('@citation-js/plugin-ris'); // registers 'ris'
    citeConstructor = core.Cite;
  }
  return citeConstructor;
}

/**
 * CSL-JSON items read from pasted RIS or BibTeX by citation-js (no plugin
 * that reaches the network is loaded, so a DOI in the text is only text).
 */
export function cslFromReferenceText(text: string, format: 'ris' | 'bibtex'): Array<Record<string, unknown>> {
  const Cite = loadCite();
  return new Cite(text, { forceType: format === 'ris' ? '@ris/file' : '@biblatex/text' }).data;
}

export type CitationStyle = 'vancouver' | 'apa';
export type BibliographyExportFormat = 'ris' | 'bibtex' | 'csl-json';

/** One record rendered once: `html` is the safe fragment with links, `text` the plain citation. */
export interface FormattedCitation {
  html: string;
  text: string;
}

/** Where formatted citations are kept; keys include a content hash, so a persistent store never serves stale text. */
export interface FormattedCitationCache {
  get(key: string): FormattedCitation | undefined;
  set(key: string, value: FormattedCitation): void;
}

export interface CitationFormatterOptions {
  lang?: string; // CSL locale; citation-js bundles en-US, de-DE, es-ES, fr-FR, nl-NL
  cache?: FormattedCitationCache; // default: an in-memory LRU of 10,000 entries
}

export interface CitationFormatter {
  readonly style: CitationStyle;
  /** Safe inline HTML: the citation, then PubMed/PMC/DOI links (class "cite-link") or a "No PubMed record linked" note. */
  html(record: CitationRecord): string;
  /** The citation as plain text (not escaped), without links. */
  text(record: CitationRecord): string;
  /** Where this record's formatting is kept in the cache: changes whenever the record or style does. */
  cacheKey(record: CitationRecord): string;
}

/** Creates a formatter for one style. Citeproc needs a few ms per record, so results are cached per record content. */
export function createCitationFormatter(style: CitationStyle, options: CitationFormatterOptions = {}): CitationFormatter {
  const lang = options.lang ?? 'en-US';
  const cache = options.cache ?? new LRUCache<string, FormattedCitation>({ max: 10_000 });

  const cacheKey = (record: CitationRecord) => `${style}|${lang}|${record.key}|${fingerprint(record)}`;

  function formatted(record: CitationRecord): FormattedCitation {
    const key = cacheKey(record);
    const hit = cache.get(key);
    if (hit) return hit;
    const entry = renderEntry(record, style, lang);
    const result = { html: `${entry} ${identifierLinks(record)}`, text: htmlToText(entry) };
    cache.set(key, result);
    return result;
  }

  return {
    style,
    html: (record) => formatted(record).html,
    text: (record) => formatted(record).text,
    cacheKey,
  };
}

/** The links after a citation: PubMed, PMC and DOI where known; a visible note when no PubMed record is linked (the editors' words). */
export function identifierLinks(record: CitationRecord): string {
  const links: string[] = [];
  for (const source of sourceAddresses(record)) links.push(link(source.href, source.kind === 'pubmed' ? 'PubMed' : source.kind === 'pmc' ? 'PMC' : 'DOI'));
  if (!record.pmid) links.push('<span class="cite-missing">No PubMed record linked</span>');
  return links.join(' ');
}

/** Where a reader can read a cited work: its PubMed record, the free full text in PMC, the publisher's page (DOI). */
export function sourceAddresses(record: Pick<CitationRecord, 'pmid' | 'pmcid' | 'doi'>): Array<{ kind: 'pubmed' | 'pmc' | 'doi'; href: string }> {
  const out: Array<{ kind: 'pubmed' | 'pmc' | 'doi'; href: string }> = [];
  if (record.pmid) out.push({ kind: 'pubmed', href: `https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/` });
  if (record.pmcid) out.push({ kind: 'pmc', href: `https://www.ncbi.nlm.nih.gov/pmc/articles/${record.pmcid}/` });
  if (record.doi) out.push({ kind: 'doi', href: `https://doi.org/${doiPath(record.doi)}` });
  return out;
}

/**
 * The same links in words a reader understands, in the reader's language
 * (`words`): "Read the study (journal site)" rather than "DOI". A work with
 * no link says so plainly instead of naming a database.
 */
export function readerSourceLinks(record: Pick<CitationRecord, 'pmid' | 'pmcid' | 'doi'>, words: { pubmed: string; pmc: string; doi: string; none: string }): string {
  const sources = sourceAddresses(record);
  if (!sources.length) return `<span class="cite-missing">${escapeHtml(words.none)}</span>`;
  return sources.map((s) => link(s.href, escapeHtml(words[s.kind]))).join(' ');
}

/** Splits what the formatter made into the formatted work and the editors' identifier links after it. */
export function withoutIdentifierLinks(html: string, record: CitationRecord): string {
  const links = ` ${identifierLinks(record)}`;
  return html.endsWith(links) ? html.slice(0, -links.length) : html;
}

/** Exports records as RIS, BibTeX or CSL-JSON (ids are the record keys). */
export function exportBibliography(records: readonly CitationRecord[], format: BibliographyExportFormat): string {
  const Cite = loadCite();
  const cite = new Cite(records.map(toCiteprocItem));
  if (format === 'csl-json') return cite.format('data', { format: 'text' });
  return cite.format(format, { format: 'text' });
}

/** The record as citation-js input: CSL-JSON with the record key as id and the canonical identifiers. */
function toCiteprocItem(record: CitationRecord): Record<string, unknown> {
  const item: Record<string, unknown> = { ...record.csl, id: record.key };
  if (record.csl.author) item.author = record.csl.author.map(spellOutInitials);
  if (record.pmid) item.PMID = record.pmid;
  if (record.pmcid) item.PMCID = record.pmcid;
  if (record.doi && !record.csl.DOI) item.DOI = record.doi;
  if (record.url && !record.csl.URL) item.URL = record.url;
  return item;
}

function renderEntry(record: CitationRecord, style: CitationStyle, lang: string): string {
  try {
    const Cite = loadCite();
    const html = new Cite(toCiteprocItem(record)).format('bibliography', { template: style, format: 'html', lang });
    const entry = sanitizeEntryHtml(html);
    if (entry !== '') return entry;
  } catch {
    // Fall through: a citation must never break the page it is on.
  }
  return fallbackEntry(record);
}

/** A plain "Authors. Title. Journal. Year." when citeproc cannot format the record. */
function fallbackEntry(record: CitationRecord): string {
  const { csl } = record;
  const authors = (csl.author ?? []).map((a) => a.literal ?? [a.family, a.given].filter(Boolean).join(' ')).join(', ');
  const year = csl.issued?.['date-parts'][0]?.[0];
  const parts = [authors, csl.title, csl['container-title-short'] ?? csl['container-title'], year === undefined ? undefined : String(year)];
  return escapeHtml(parts.filter((p) => p !== undefined && p !== '').join('. ') + '.');
}

/** PubMed writes initials run together ("FC"); citeproc would read that as one name and print "F". */
function spellOutInitials(name: CslName): CslName {
  const given = name.given?.trim();
  if (!given || !/^\p{Lu}{2,4}$/u.test(given)) return name;
  return { ...name, given: `${[...given].join('. ')}.` };
}

function link(href: string, label: string): string {
  return `<a class="cite-link" href="${escapeHtml(href)}">${label}</a>`;
}

/** DOIs may contain "#", "?" and "%", which would end or alter the URL path. */
function doiPath(doi: string): string {
  return encodeURI(doi).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

function fingerprint(record: CitationRecord): string {
  return createHash('sha1').update(JSON.stringify(record)).digest('base64url');
}
