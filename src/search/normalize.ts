import type { Lang } from '../i18n/languages.js';
import { STOPWORDS, STOPWORDS_OF_LANG } from './stopwords.js';

/**
 * The one place where text becomes search terms, for documents and queries
 * alike, on both databases: both engines index and query exactly these
 * tokens, so they find the same things.
 *
 *   "Sjögren's"  → sjogren      (diacritics, apostrophes, plural/possessive s)
 *   "TGFβ"       → tgf beta     (Greek letters spelled out, as clinicians write them)
 *   "TIMP-2"     → timp 2       (anything not a letter or digit separates)
 *
 * Text in another language is folded by that language's rules (`lang`, the
 * language of the document or of the reader's pages): Spanish and French
 * plurals, French elision (l'ADN → adn), Arabic letter forms. Scripts written
 * without spaces (Chinese, Japanese, Thai, …) are cut into words with
 * Intl.Segmenter first, so both databases index and query words, not runs.
 * Terms are letters, digits and marks only: no backend syntax can hide in them.
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
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
// The same for folded ASCII text (nearly all of it), several times faster than the Unicode classes.
const ASCII_TOKEN = /[a-z0-9]+/g;
const ASCII = /^[\x00-\x7f]*$/;
/**
 * Marks folded away: Latin, Greek and Cyrillic diacritics, Hebrew points, Arabic
 * tashkeel (and the hamza that NFKD takes off أ إ آ ؤ ئ), and the tatweel. Marks
 * that make up a letter in other scripts (Thai vowels, Devanagari signs, kana
 * voicing) stay, or different words would meet.
 */
const FOLDED_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
// Arabic letters written several ways: alef wasla, alef maqsura, taa marbuta, Persian kaf and yeh; Eastern digits.
const ARABIC: Record<string, string> = { 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ک': 'ك', 'ی': 'ي' };
const ARABIC_LETTERS = /[ٱىةکی\u0660-\u0669\u06f0-\u06f9]/g;

/** Lower case, no diacritics or apostrophes, Greek spelled out: the text as search compares it. */
export function foldText(text: string): string {
  // ASCII needs no Unicode normalisation (most text): same result, several times faster.
  if (ASCII.test(text)) return text.replace(APOSTROPHES, '').toLowerCase();
  const folded = text
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(SPECIAL, (ch) => (GREEK[ch] ? ` ${GREEK[ch]} ` : LATIN[ch]!))
    .replace(FOLDED_MARKS, '')
    .replace(ARABIC_LETTERS, arabicLetter);
  // Marks kept (Thai vowels, kana voicing) join their letter again, and Hangul syllables, which NFKD takes
  // apart into letters, are put together again; text without either needs no second pass.
  return RECOMPOSE.test(folded) ? folded.normalize('NFC') : folded;
}

const RECOMPOSE = /[\p{M}\u1100-\u11ff]/u;

function arabicLetter(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return ARABIC[ch]!;
}

/** Scripts written without spaces between words. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
// One segmenter per script family; ICU's dictionaries cut the words (the locale only picks the dictionary set).
const SEGMENTERS = {
  ja: new Intl.Segmenter('ja', { granularity: 'word' }),
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
  th: new Intl.Segmenter('th', { granularity: 'word' }),
};
const KANA = /[\p{sc=Hiragana}\p{sc=Katakana}]/u;
const HAN = /\p{sc=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A run of letters cut into words where its script writes none (強皮症の原因 →
 * 強皮症, の, 原因), with each word's offset in the run; other runs are one word.
 */
function wordsOfRun(run: string): Array<{ word: string; index: number }> {
  if (!UNSPACED.test(run)) return [{ word: run, index: 0 }];
  const segmenter = KANA.test(run) ? SEGMENTERS.ja : HAN.test(run) ? SEGMENTERS.zh : SEGMENTERS.th;
  const out: Array<{ word: string; index: number }> = [];
  // Every segment with a letter or digit is a word. ICU's isWordLike depends on the neighbours (〻 is word-like
  // before a Han letter, not alone), and a word must yield the same terms whether it is cut from its text or read alone.
  for (const s of segmenter.segment(run)) if (LETTER_OR_DIGIT.test(s.segment)) out.push({ word: s.segment, index: s.index });
  return out;
}

/** The text with words of unspaced scripts separated by spaces (a no-op for other text). */
function spaced(text: string): string {
  if (!UNSPACED.test(text)) return text;
  return text.replace(WORD, (run) => wordsOfRun(run).map((w) => w.word).join(' '));
}

/** French elision: l', d', qu' … belong to the next word's article, not to it (l'ADN → ADN). */
const ELISION = /(^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’‘ʼ`´](?=\p{L})/giu;

function withoutElision(text: string, lang: Lang): string {
  return lang === 'fr' ? text.replace(ELISION, '$1') : text;
}

/**
 * A light English plural/possessive folding (Harman's S-stemmer, for words of
 * five letters or more): cells → cell, therapies → therapy, raynauds → raynaud,
 * while sclerosis, lupus, AGEs and news stay as they are. Applied to documents
 * and queries alike, so its quirks cancel out.
 */
export function stem(token: string, lang: Lang = 'en'): string {
  if (lang !== 'en') return STEMMERS[lang](token);
  if (token.length < 5 || !token.endsWith('s')) return token;
  if (token.endsWith('ies') && !token.endsWith('eies') && !token.endsWith('aies')) return `${token.slice(0, -3)}y`;
  if (token.endsWith('es') && !/[aeo]es$/.test(token)) return token.slice(0, -1);
  if (/(?:us|ss|is)$/.test(token)) return token;
  return token.slice(0, -1);
}

/**
 * Spanish (light, for words of five letters or more): -ces → -z (veces → vez),
 * -iones → -ion, -es after l, r, n, d, z, j or y (factores → factor, genes →
 * gen), -s after a vowel (causas → causa, pacientes → paciente). A plural
 * -es cannot be told from a singular's -e plus -s (autoinmunes), so a final
 * -e after those letters goes too: autoinmune and autoinmunes both → autoinmun.
 */
function stemEs(token: string): string {
  if (token.length < 5) return token;
  if (!token.endsWith('s')) return /[lrndzjy]e$/.test(token) ? token.slice(0, -1) : token;
  if (token.endsWith('ces')) return `${token.slice(0, -3)}z`;
  if (token.endsWith('iones')) return token.slice(0, -2);
  if (/[lrndzjy]es$/.test(token)) return token.slice(0, -2);
  if (/[aeiou]s$/.test(token)) return token.slice(0, -1);
  return token;
}

/**
 * French (light, for words of five letters or more): -eaux → -eau, -aux →
 * -al (viraux → viral), -x after eu or ou (genoux → genou), -s unless -ss
 * (causes → cause; stress stays).
 */
function stemFr(token: string): string {
  if (token.length < 5) return token;
  if (token.endsWith('eaux')) return token.slice(0, -1);
  if (token.endsWith('aux')) return `${token.slice(0, -3)}al`;
  if (/(?:eu|ou)x$/.test(token)) return token.slice(0, -1);
  if (token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/**
 * Arabic: the letters are normalised by foldText; here the definite article
 * and the conjunctions and prepositions written onto it (ال، وال، بال، كال، فال، لل)
 * come off when three letters or more remain, so التصلب finds تصلب.
 */
function stemAr(token: string): string {
  const m = /^(?:وال|بال|كال|فال|ال|لل)/.exec(token);
  return m && token.length - m[0].length >= 3 ? token.slice(m[0].length) : token;
}

const STEMMERS: Record<Exclude<Lang, 'en'>, (token: string) => string> = { es: stemEs, fr: stemFr, ar: stemAr };

const STOPWORDS_BY_LANG: Record<Lang, ReadonlySet<string>> = {
  en: STOPWORDS,
  es: new Set(STOPWORDS_OF_LANG.es.map(foldText)),
  fr: new Set(STOPWORDS_OF_LANG.fr.map(foldText)),
  ar: new Set(STOPWORDS_OF_LANG.ar.map(foldText)),
};

/** The stop words of a language, folded. */
export function stopwordsOf(lang: Lang): ReadonlySet<string> {
  return STOPWORDS_BY_LANG[lang];
}

/** The folded, unstemmed words of a text, in order (stop words included). */
export function foldedWords(text: string, lang: Lang = 'en'): string[] {
  return foldedWordsOf(text, lang, true);
}

/**
 * `segment`: cut unspaced scripts into words first. A word the segmenter already cut out is not cut again:
 * ICU cuts by context, so a word read alone may come apart differently than it did in its text.
 */
function foldedWordsOf(text: string, lang: Lang, segment: boolean): string[] {
  const source = withoutElision(text, lang);
  // ASCII text (nearly all of it) has no unspaced scripts to cut and folds to ASCII: the fast path.
  if (ASCII.test(source)) return (foldText(source.replace(NOT_WORD, ' ')).match(ASCII_TOKEN) ?? []).map(cut);
  const folded = foldText((segment ? spaced(source) : source).replace(NOT_WORD, ' '));
  return (folded.match(ASCII.test(folded) ? ASCII_TOKEN : TOKEN) ?? []).map(cut);
}

/** A token cut to MAX_TOKEN_LENGTH characters (code points: a letter outside the BMP is never halved). */
function cut(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token;
  const head = token.slice(0, MAX_TOKEN_LENGTH);
  return /[\ud800-\udbff]$/.test(head) ? head.slice(0, -1) : head;
}

/** Search terms of a text, in order: folded, stemmed, stop words left out. */
export function terms(text: string, lang: Lang = 'en'): string[] {
  const out: string[] = [];
  const stop = STOPWORDS_BY_LANG[lang];
  for (const word of foldedWords(text, lang)) if (!stop.has(word)) out.push(stem(word, lang));
  return out;
}

/** What a search backend indexes for one field: its terms joined by single spaces. */
export function indexText(text: string, lang: Lang = 'en'): string {
  return terms(text, lang).join(' ');
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
export function wordsWithOffsets(text: string, lang: Lang = 'en'): TextWord[] {
  const out: TextWord[] = [];
  const stop = STOPWORDS_BY_LANG[lang];
  const french = lang === 'fr';
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (PLAIN_WORD.test(word)) {
      // Plain ASCII words (nearly all of them) skip Unicode normalisation; the result is the same.
      // French elision needs the whole word (l'ADN → adn).
      const folded = (french && /['`]/.test(word) ? foldedWords(word, lang) : plainWord(word)).filter((w) => !stop.has(w));
      if (folded.length) out.push({ start: m.index, end: m.index + word.length, terms: folded.map((w) => stem(w, lang)), folded });
      continue;
    }
    for (const piece of UNSPACED.test(word) ? wordsOfRun(word) : [{ word, index: 0 }]) {
      const folded = foldedWordsOf(piece.word, lang, false).filter((w) => !stop.has(w));
      const start = m.index + piece.index;
      if (folded.length) out.push({ start, end: start + piece.word.length, terms: folded.map((w) => stem(w, lang)), folded });
    }
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
export function termsWithDisplay(text: string, lang: Lang = 'en'): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(WORD)) {
    const found = terms(m[0], lang);
    // A word that splits into several terms (TGFβ → tgf, beta) shows each term as itself.
    for (const t of found) if (!out.has(t)) out.set(t, found.length === 1 ? displayForm(m[0]) : t);
  }
  return out;
}
