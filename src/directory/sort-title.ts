/**
 * The title a page is listed under: in the A–Z, the directory tree, search
 * results and suggestions. An editor may set it (front matter `sort:`, the
 * editor's "Listed as" field); otherwise it comes from the title.
 *
 * Titles such as "Causes: Silica" name their family first: when several
 * pages share the part before ": " ("Causes"), that part says nothing about
 * one page, so the page is listed under the rest ("Silica"). A prefix only one
 * page uses ("Silica: Personal Stories") is part of its name and stays.
 */

/** Pages sharing a prefix before it counts as a family name rather than part of a title. */
export const FAMILY_PREFIX_MIN_PAGES = 3;

const PREFIXED = /^([^:]{1,60}):\s+(\S.*)$/u;

/** The family prefix of a title ("Causes" for "Causes: Silica"), or null. */
export function titlePrefix(title: string): string | null {
  const m = PREFIXED.exec(title.trim());
  return m ? m[1]!.trim().toLocaleLowerCase() : null;
}

/** Prefixes used by enough of these titles to be family names. */
export function familyPrefixes(titles: Iterable<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const title of titles) {
    const prefix = titlePrefix(title);
    if (prefix) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= FAMILY_PREFIX_MIN_PAGES).map(([prefix]) => prefix));
}

/** The title a page is listed under: the editor's choice, else the title without a family prefix. */
export function listedTitle(title: string, explicit: string | null | undefined, families: ReadonlySet<string>): string {
  const chosen = explicit?.trim();
  if (chosen) return chosen;
  const m = PREFIXED.exec(title.trim());
  if (m && families.has(m[1]!.trim().toLocaleLowerCase())) return m[2]!.trim();
  return title;
}

/** The letter an A–Z files a listed title under: A–Z (accents folded), '#' for anything else. */
export function indexLetter(listed: string): string {
  const first = listed
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .charAt(0)
    .toUpperCase();
  return /[A-Z]/.test(first) ? first : '#';
}
