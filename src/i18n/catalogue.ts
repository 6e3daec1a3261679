import type { Lang } from './languages.js';

/** Interface messages by key, in ICU MessageFormat ("{count, plural, one {# page} other {# pages}}"). */
export type MessageTable = Readonly<Record<string, string>>;

/**
 * One domain's interface messages: the English source (a TypeScript object,
 * so keys are checked where they are used) and a translation per shipped
 * language (JSON written from translators' PO files by `messages import`).
 */
export interface Catalogue<K extends string = string> {
  /** The domain folder: "directory". Message ids in PO files are "directory:key". */
  readonly name: string;
  readonly source: Readonly<Record<K, string>>;
  readonly translations: Readonly<Partial<Record<Lang, Readonly<Partial<Record<K, string>>>>>>;
  /** Notes for translators, by key (context a translator needs: where it shows, what the placeholders are). */
  readonly notes: Readonly<Partial<Record<K, string>>>;
}

export function defineCatalogue<const M extends MessageTable>(
  name: string,
  source: M,
  translations: Partial<Record<Lang, Partial<Record<string, string>>>>,
  notes: Partial<Record<keyof M & string, string>> = {},
): Catalogue<keyof M & string> {
  return { name, source: source as Record<keyof M & string, string>, translations: translations as Catalogue<keyof M & string>['translations'], notes };
}

/** The keys of a catalogue. */
export type KeyOf<C> = C extends Catalogue<infer K> ? K : never;
