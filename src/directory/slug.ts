/**
 * The slug a title links to: lower case, diacritics and apostrophes dropped,
 * anything else not a letter or digit collapsed to '-'. "Causes: Raynaud's"
 * → "causes-raynauds". Link targets and page slugs meet here.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

/** A slug as stored and typed in URLs: 1–120 of a-z, 0-9 and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

/**
 * The fragment id of a section, unique within its page: the slugified heading
 * ("introduction" for the headless first section), numbered on repeats.
 * The saved page and the editor's preview must agree, so both call this.
 */
export function sectionAnchor(heading: string | null, used: Set<string>): string {
  const base = heading ? slugify(heading) || 'section' : 'introduction';
  let anchor = base;
  for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
  used.add(anchor);
  return anchor;
}
