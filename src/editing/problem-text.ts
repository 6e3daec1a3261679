import type { EditingText } from './views/text.js';

/**
 * Problems with a page come from the schema (src/directory/document.ts), the
 * save checks (validate.ts) and the store as English phrases. The editor
 * shows them in its own language: each phrase it knows becomes a message
 * with the same facts; one it does not know is shown as it is (English is
 * better than nothing; problem-text.test.ts checks that every phrase the
 * schema and the save checks write is known).
 */
type Rule = [RegExp, (t: EditingText, m: RegExpExecArray) => string];

const count = (list: string) => (list.match(/"[^"]*"|\[@[^\]]*\]/g) ?? []).length;
const number = (digits: string) => Number(digits.replace(/[,\s]/g, ''));

const RULES: Rule[] = [
  [/^must be at most ([\d,]+) characters$/, (t, m) => t('mustBeAtMost', { max: number(m[1]!) })],
  [/^is longer than ([\d,]+) characters$/, (t, m) => t('mustBeAtMost', { max: number(m[1]!) })],
  [/^Too big: expected string to have <=(\d+) characters$/, (t, m) => t('mustBeAtMost', { max: number(m[1]!) })],
  [/^Too big: expected array to have <=(\d+) items$/, (t, m) => t('tooManyItems', { max: number(m[1]!) })],
  [/^Too big: expected number to be <=(\d+)$/, (t, m) => t('numberTooBig', { max: number(m[1]!) })],
  [/^Too small: expected number to be >=(\d+)$/, (t, m) => t('numberTooSmall', { min: number(m[1]!) })],
  [/^(is required|Too small: expected string to have >=1 characters?)$/, (t) => t('isRequired')],
  [/^may use only lower-case letters, digits and single hyphens$/, (t) => t('slugPattern')],
  [/^must be a date written YYYY-MM-DD$/, (t) => t('dateFormat')],
  [/^is empty$/, (t) => t('isEmpty')],
  [/^is not a real calendar date$/, (t) => t('notCalendarDate')],
  [/^must be an http\(s\) address$/, (t) => t('mustBeHttp')],
  [/^must be a web address starting with http:\/\/ or https:\/\/$/, (t) => t('mustBeHttpAddress')],
  [/^Invalid URL$/, (t) => t('mustBeWebAddress')],
  [/^needs a citation$/, (t) => t('needsCitation')],
  [/^needs an outlet$/, (t) => t('needsOutlet')],
  [/^the address "(.*)" is already used by another page$/, (t, m) => t('slugTaken', { slug: m[1]! })],
  [/^the address "(.*)" belongs to a deleted page; restore that page from the dashboard or choose another address$/, (t, m) => t('slugDeletedOwner', { slug: m[1]! })],
  [/^the address "(.*)" is already taken by another new page that is still a draft$/, (t, m) => t('slugTakenByDraft', { slug: m[1]! })],
  [/^a page cannot be moved under itself or one of its own sub-pages$/, (t) => t('cannotMoveUnder')],
  [/^there is no published page "(.*)" to put this page under$/, (t, m) => t('noPublishedParent', { slug: m[1]! })],
  [/^there is no page "(.*)" to put this page under$/, (t, m) => t('noParentPage', { slug: m[1]! })],
  [/^no author with the key (.+)$/, (t, m) => t('noAuthorKey', { count: count(m[1]!), keys: m[1]! })],
  [/^unknown citation keys? (.+): add (?:it|them) to the bibliography first, or check the spelling$/, (t, m) => t('unknownCitationKeys', { count: count(m[1]!), keys: m[1]! })],
  [/^"(.*)" needs its code system first, e\.g\. "ICD-10-CM:M34\.9" or "ORPHA:90291"$/, (t, m) => t('codeNeedsSystem', { text: m[1]! })],
  [/^"(.*)" is not a code system we know: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM$/, (t, m) => t('codeUnknownSystem', { system: m[1]! })],
  [/^"(.*)" is not in the form of (.+) codes \(for example (.+)\)$/, (t, m) => t('codeMalformed', { code: m[1]!, system: m[2]!, example: m[3]! })],
  [/^"(.*)" is not a SNOMED CT identifier: its check digit is wrong$/, (t, m) => t('codeCheckDigit', { code: m[1]! })],
  [/^"(.*)" is a SNOMED CT identifier, but not of a concept$/, (t, m) => t('codeNotConcept', { code: m[1]! })],
  [/^only ICD-11 codes take a WHO entity number after "@"$/, (t) => t('codeEntityOnlyIcd11')],
  [/^"(.*)" is not a WHO entity number: it is the digits at the end of the address of the code in the ICD-11 browser$/, (t, m) => t('codeEntityInvalid', { entity: m[1]! })],
  [/^must be the digits of a WHO entity number$/, (t) => t('codeEntityDigits')],
  [/^(.+) is listed twice$/, (t, m) => t('codeTwice', { code: m[1]! })],
];

/** A problem phrase in the editor's language ("must be at most 200 characters" → "debe tener como máximo 200 caracteres"). */
export function problemText(t: EditingText, message: string): string {
  for (const [pattern, text] of RULES) {
    const m = pattern.exec(message);
    if (m) return text(t, m);
  }
  return message;
}

/** Whether a phrase completes a sentence that starts with the field's name ("The title must…"). */
export function isPredicate(message: string): boolean {
  return /^(must|is |may |needs|has |Too big|Too small|Invalid)/.test(message);
}
