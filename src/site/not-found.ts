import { LANGS } from '../i18n/languages.js';

/**
 * What a reader was probably looking for, from an address that led nowhere:
 * the last part of the path in words ("/directory/causes-slica" → "causes
 * slica"), for the 404 page's search box and its "Did you mean". Empty when
 * the address has no words.
 */
export function wordsFromAddress(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts.length && (LANGS as readonly string[]).includes(parts[0]!)) parts.shift();
  let last = parts.at(-1) ?? '';
  // "404" in an address is no reader's words: /404.html, and the static copy's probe for its not-found page (src/publishing).
  if (/(^|[^0-9])404([^0-9]|$)/.test(last)) return '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // A broken escape: read the rest as it is.
  }
  return last
    .replace(/\.(html?|php|aspx?)$/i, '')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}
