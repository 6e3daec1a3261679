/**
 * Personal details a member may not mean to publish in a health forum:
 * e-mail addresses, phone numbers, postal addresses. Found before posting so
 * the member can take them out; a post that keeps them is held for a moderator.
 * Deliberately cautious (it asks, it never refuses), so a false alarm costs a click.
 */
export type PrivacyKind = 'email' | 'phone' | 'address';

export interface PrivacyFinding {
  kind: PrivacyKind;
  /** The text found, as written. */
  text: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// Seven or more digits, optionally with a leading +, spaces, dots, dashes or brackets between them.
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d(?:[\s.\-()]{0,2}\d){6,14}(?![\p{L}\p{N}])/gu;
// A house number followed by one to four words and a street word (English, Spanish, French).
const STREET_WORDS = [
  'street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'drive', 'dr', 'boulevard', 'blvd', 'way', 'close', 'court', 'place', 'terrace', 'crescent',
];
const ADDRESS_EN = new RegExp(`\\b\\d{1,5}[a-z]?\\s+(?:[\\p{L}'.-]+\\s+){1,4}(?:${STREET_WORDS.join('|')})\\b\\.?`, 'giu');
const ADDRESS_LATIN = /\b(?:calle|avenida|avda\.?|plaza|paseo|rue|avenue|boulevard|chemin|allée|place)\s+(?:[\p{L}'.-]+\s+){0,4}[\p{L}'.-]+,?\s+\d{1,5}\b|\b\d{1,5},?\s+(?:rue|avenue|boulevard|chemin|allée|place|calle)\s+[\p{L}'.-]+/giu;
// Postcodes that are unmistakable: UK ("SW1A 1AA") and US ZIP+4 ("12345-6789").
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|\b\d{5}-\d{4}\b/g;

function all(pattern: RegExp, text: string, kind: PrivacyKind): PrivacyFinding[] {
  return [...text.matchAll(pattern)].map((m) => ({ kind, text: m[0].trim() }));
}

/** Every e-mail address, phone number and postal address in the text, in that order, each once. */
export function findPersonalData(text: string): PrivacyFinding[] {
  const emails = all(EMAIL, text, 'email');
  // A phone number is never part of an e-mail address already found.
  const withoutEmails = emails.reduce((t, e) => t.replace(e.text, ' '), text);
  const phones = all(PHONE, withoutEmails, 'phone').filter((p) => p.text.replace(/\D/g, '').length >= 7);
  const addresses = [...all(ADDRESS_EN, withoutEmails, 'address'), ...all(ADDRESS_LATIN, withoutEmails, 'address'), ...all(POSTCODE, withoutEmails, 'address')];
  const seen = new Set<string>();
  return [...emails, ...phones, ...addresses].filter((f) => {
    const key = `${f.kind}:${f.text.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
