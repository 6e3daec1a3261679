/**
 * Which link targets the site will put in an href, wherever they come from:
 * Markdown in pages and settings, navigation and donation links, configured
 * addresses. Anything else (javascript:, data:, vbscript:, a protocol-relative
 * "//host" that leaves the site) is refused, never rewritten.
 */
export type LinkKind = 'site' | 'web' | 'mail';

const ALL_KINDS: readonly LinkKind[] = ['site', 'web', 'mail'];

/** A message to show beside a field that refused a link, for the kinds it takes. */
export function linkRule(kinds: readonly LinkKind[] = ALL_KINDS): string {
  const parts = kinds.map((k) => (k === 'site' ? 'a path on this site such as /support' : k === 'web' ? 'a web address starting with https://' : 'an e-mail link starting with mailto:'));
  return `enter ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}` : parts[0]}`;
}

/** What kind of link `href` is, or null when it may not be linked. */
export function linkKind(href: string): LinkKind | null {
  // Browsers drop tabs and newlines inside a URL ("java\tscript:"), and read "\" as "/": none belongs in a link we write.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(href)) return null;
  if (/^\/(?!\/)/.test(href) || href.startsWith('#')) return 'site';
  if (/^https?:\/\/[^/?#]/i.test(href)) return 'web';
  if (/^mailto:./i.test(href)) return 'mail';
  return null;
}

/** Whether `href` is one of `kinds` (default: site paths, http(s) and mailto:). */
export function isSafeLink(href: string, kinds: readonly LinkKind[] = ALL_KINDS): boolean {
  const kind = linkKind(href);
  return kind !== null && kinds.includes(kind);
}
