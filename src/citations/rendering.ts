/**
 * Citations as reader pages show them: the site's style (SiteSettings.citationStyle),
 * formatted once and kept in the database, with a retraction or erratum warning
 * in front of every flagged citation until an editor resolves it.
 */
import { LRUCache } from 'lru-cache';
import type { Db, Tx } from '../db/database.js';
import type { Localizer } from '../i18n/localizer.js';
import { openFlagsByCitation } from './flags.js';
import { type CitationFormatter, type CitationStyle, type FormattedCitation, createCitationFormatter, readerSourceLinks, withoutIdentifierLinks } from './format.js';
import { citationsTextIn } from './messages/index.js';
import { type WarmReport, loadStoredFormats, storeFormats, warmStoredFormats } from './format-store.js';
import type { CitationRecord } from './record.js';
import { type StoredCitation, recordFromStored } from './stored-record.js';
import { flagWarningHtml } from './views/evidence.js';

export const CITATION_STYLES: readonly CitationStyle[] = ['vancouver', 'apa'];

/** A citation as the directory passes it in (its CitationView fits). */
export type RenderableCitation = StoredCitation & { id: number };

/** What a page render needs: the directory's CitationHtml shape. */
export interface PageCitations {
  /** The formatted citation (in its own language), after any warning in the page's language (`i18n`; English when not given). */
  html(citation: RenderableCitation, i18n?: Localizer): string;
}

export interface CitationRendering {
  /** The formatter of a style; one per style per process, sharing one memory cache. */
  formatter(style: CitationStyle): CitationFormatter;
  /** For one page render: the style's formatter plus the warnings of open flags, read now. */
  forPages(style: CitationStyle): Promise<PageCitations>;
  /** Loads stored formats of `style` into memory, as many as the memory cache holds (start-up; bounded, whatever the directory's size). */
  load(style: CitationStyle): Promise<number>;
  /** Loads stored formats of `style`, formats and stores what is missing, prunes stale rows (a job after start). */
  warm(style: CitationStyle): Promise<WarmReport>;
  /** Formats records in every style and stores the results, in the caller's transaction (import). */
  store(tx: Tx, records: readonly CitationRecord[]): Promise<void>;
}

/** Formatted citations kept in memory per process. */
export const FORMAT_CACHE_SIZE = 20_000;

export function createCitationRendering(db: Db): CitationRendering {
  const cache = new LRUCache<string, FormattedCitation>({ max: FORMAT_CACHE_SIZE });
  const formatters = new Map<CitationStyle, CitationFormatter>();

  function formatter(style: CitationStyle): CitationFormatter {
    let f = formatters.get(style);
    if (!f) formatters.set(style, (f = createCitationFormatter(style, { cache })));
    return f;
  }

  return {
    formatter,

    async forPages(style) {
      const f = formatter(style);
      const flags = await openFlagsByCitation(db);
      return {
        html(citation, i18n) {
          const statuses = flags.get(citation.id);
          const record = recordFromStored(citation);
          // Readers get the way to each source in plain words, in their language, instead of the editors' "DOI", "PMC".
          const t = citationsTextIn(i18n);
          const links = readerSourceLinks(record, { pubmed: t('readOnPubmed'), pmc: t('readFreeFullText'), doi: t('readOnJournalSite'), none: t('noOnlineCopy') });
          const html = `${withoutIdentifierLinks(f.html(record), record)} ${links}`;
          return statuses ? flagWarningHtml(statuses, i18n) + html : html;
        },
      };
    },

    load: (style) => loadStoredFormats(db, style, cache, FORMAT_CACHE_SIZE),

    warm: (style) => warmStoredFormats(db, formatter(style), cache),

    store: (tx, records) => storeFormats(tx, CITATION_STYLES.map(formatter), records),
  };
}
