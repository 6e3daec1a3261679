import { STOPWORDS } from './stopwords.js';

/**
 * The one place where text becomes search terms, for documents and queries
 * alike, on both databases: both engines index and query exactly these
 * tokens, so they find the same things.
 *
 *   "Sjögren's"  → sjogren      (diacritics, apostrophes, plural/possessive s)
 *   "TGFβ"       → tgf beta     (Greek letters spelled out, as clinicians write them)
 *   "TIMP-2"     → timp 2       (anything not a letter or digit separates)
 */

/** Longest token kept; longer runs (URLs, hashes, keyboard mashing) are cut here. */
export const MAX_TOKEN_LENGTH = 40;

// Greek letters as written in names of molecules (TGF-β, TNF-α, IL-1β); µ (micro sign) folds to μ first.
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', κ: 'kappa', λ: 'lambda', μ: 'mu', σ: 'sigma', τ: 'tau', ω: 'omega',
};
// Letters NFKD does not take apart.
const LATIN: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th', ı: 'i', ð: 'd' };
const SPECIAL = new RegExp(`[${Object.keys(GREEK).join('')}${Object.keys(LATIN).join('')}]`, 'g');
// Apostrophes vanish ("Raynaud's" = "Raynauds"); everything else not a letter, digit or mark separates.
const APOSTROPHES = /['’‘ʼ`´]/g;
// A word as a reader sees it. Index text and highlighting both cut text into words with this one
// pattern, so a highlighted word is always one the index holds.
const WORD = /[\p{L}\p{N}\p{M}'’‘ʼ`´]+/gu;
const NOT_WORD = /[^\p{L}\p{N}\p{M}'’‘ʼ`´]+/gu;
const TOKEN = /[a-z0-9]+/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case, no diacritics or apostrophes, Greek spelled out: the text as search compares it. */
export function foldText(text: string): string {
  // ASCII needs no Unicode normalisation (most text): same result, several times faster.
  if (ASCII.test(text)) return text.replace(APOSTROPHES, '').toLowerCase();
  return text
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(SPECIAL, (ch) => (GREEK[ch] ? ` ${GREEK[ch]} ` : LATIN[ch]!))
    .replace(/\p{M}+/gu, '');
}

/**
 * A light English plural/possessive folding (Harman's S-stemmer, for words of
 * five letters or more): cells → cell, therapies → therapy, raynauds → raynaud,
 * while sclerosis, lupus, AGEs and news stay as they are. Applied to documents
 * and queries alike, so its quirks cancel out.
 */
export function stem(token: string): string {
  if (token.length < 5 || !token.endsWith('s')) return token;
  if (token.endsWith('ies') && !token.endsWith('eies') && !token.endsWith('aies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('es') && !/[aeo]es$/.test(token)) return token.slice(0, -1);
  if (/(?:us|ss|is)$/.test(token)) return token;
  return token.slice(0, -1);
}

/** The folded, unstemmed words of a text, in order (stop words included). */
export function foldedWords(text: string): string[] {
  return (foldText(text.replace(NOT_WORD, ' ')).match(TOKEN) ?? []).map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/** Search terms of a text, in order: folded, stemmed, stop words left out. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of foldedWords(text)) if (!STOPWORDS.has(word)) out.push(stem(word));
  return out;
}

/** What a search backend indexes for one field: its terms joined by single spaces. */
export function indexText(text: string): string {
  return terms(text).join(' ');
}

/** One word of the original text and the search terms it yields (for highlighting and query parsing). */
export interface TextWord {
  start: number;
  end: number;
  /** Its search terms (stemmed, stop words left out). */
  terms: string[];
  /** The same before stemming, for typo and prefix rules that count letters as typed. */
  folded: string[];
}

const PLAIN_WORD = /^[A-Za-z0-9'`]+$/;

function plainWord(word: string): string[] {
  const folded = word.replace(/['`]/g, '').toLowerCase().slice(0, MAX_TOKEN_LENGTH);
  return folded ? [folded] : [];
}

/** The words of an original text with their positions, so matches can be marked in place. */
export function wordsWithOffsets(text: string): TextWord[] {
  const out: TextWord[] = [];
  for (const m of text.matchAll(WORD)) {
    // Plain ASCII words (nearly all of them) skip Unicode normalisation; the result is the same.
    const folded = (PLAIN_WORD.test(m[0]) ? plainWord(m[0]) : foldedWords(m[0])).filter((w) => !STOPWORDS.has(w));
    if (folded.length) out.push({ start: m.index, end: m.index + m[0].length, terms: folded.map(stem), folded });
  }
  return out;
}

/**
 * How a term is shown back to readers ("Did you mean …"): the word as first
 * written, lower-cased unless it carries inner capitals (SSc, dcSSc, TGF).
 */
export function displayForm(written: string): string {
  const word = written.replace(/^['’‘ʼ`´]+|['’‘ʼ`´]+$/g, '');
  const inner = word.slice(1);
  return /\p{Lu}/u.test(inner) ? word : word.toLowerCase();
}

/** Each term of a text with the original word it came from (first occurrence wins). */
export function termsWithDisplay(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(WORD)) {
    const found = terms(m[0]);
    // A word that splits into several terms (TGFβ → tgf, beta) shows each term as itself.
    for (const t of found) if (!out.has(t)) out.set(t, found.length === 1 ? displayForm(m[0]) : t);
  }
  return out;
}
