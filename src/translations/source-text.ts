import { createHash } from 'node:crypto';

/** An English section as far as translations are concerned: its heading and the text of its entries. */
export interface SourceSection {
  heading: string | null;
  entries: ReadonlyArray<{ body: string }>;
}

/**
 * The English text a translated section is made from, written out the way
 * readers of an outdated translation are shown it (heading, then each entry
 * as a paragraph); its hash tells whether the English changed since.
 */
export function sourceSectionText(section: SourceSection): string {
  return [section.heading ?? '', ...section.entries.map((e) => e.body.trim())].filter((part) => part !== '').join('\n\n');
}

export function sourceHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}
