import type { PageDocumentInput } from '../directory/document.js';
// Syllables come from the `syllable` package (5.0.1), not our own counter. Checked again for issue 14:
// it is ESM-only ("type": "module", no CommonJS entry), which this ESM build (tsx, vitest, esbuild's
// ESM bundle) imports as is; it declares no `engines`, and its dependencies (pluralize, normalize-strings)
// need nothing newer than our Node 20. On src/editing/fixtures/cmudict-syllables.tsv (1,500 words with
// CMU Pronouncing Dictionary counts) it agrees with the dictionary on 97.7% of familiar words and 93.8%
// of dictionary words; the hand-written vowel-group counter it replaced (git 357a26b^, syllables.ts)
// scores 97.7% and 94.0%, each right on 11–13 words the other gets wrong. Neither is better, the old
// one is about twice as fast (7 against 15 µs a word, cached per text below): the maintained package
// stays, because a word list's fixes then come from its maintainers instead of our exception table.
import { syllable } from 'syllable';

/** The grade range plain-language health writing aims for (US school grades). */
export const TARGET_GRADE = { min: 6, max: 8 } as const;

export interface Readability {
  words: number;
  sentences: number;
  syllables: number;
  /** Words of three or more syllables (SMOG counts these). */
  polysyllables: number;
  /** Flesch–Kincaid grade level; null when there is no text. */
  fleschKincaid: number | null;
  /** SMOG index (grade); null when there is no text. */
  smog: number | null;
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = /\b(e\.g|i\.e|etc|et al|vs|dr|mr|mrs|ms|prof|fig|approx|no|st)\./gi;

/**
 * The words a reader reads, from the directory's Markdown: links keep their
 * shown text, citations, footnote marks, URLs and formatting go.
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[@[^\]\n]*\]/g, '')
    .replace(/\[\^\d+\]/g, '')
    .replace(/\[\[([^\[\]|\n]+)\|([^\[\]\n]+)\]\]/g, '$2')
    .replace(/\[\[([^\[\]|\n]+)\]\]/g, '$1')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/<?(https?:\/\/|mailto:)[^\s>]+>?/gi, '')
    .replace(/^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/[*_`~]+/g, '');
}

/** Sentences: ended by . ! ? or a paragraph or list-item break (a list item reads as its own sentence). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(ABBREVIATIONS, (m) => m.replace(/\./g, ''))
    .split(/(?<=[.!?])["'”’)]*\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d{1,3}[.)])\s)/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]/.test(s));
}

/** Words: runs of letters (with inner apostrophes or hyphens); numbers are not words here. */
export function wordsOf(sentence: string): string[] {
  return sentence.match(/[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*/g) ?? [];
}

/** Both readability formulas for a piece of plain text. */
export function measureText(text: string): Readability {
  const sentences = sentencesOf(text);
  let words = 0;
  let syllables = 0;
  let polysyllables = 0;
  // Pages repeat their words, and the counter takes ~10 µs a word: count each once per text.
  const counted = new Map<string, number>();
  for (const sentence of sentences) {
    for (const word of wordsOf(sentence)) {
      // syllable() reads a hyphenated word as its parts: "well-known" is 2 syllables.
      let n = counted.get(word);
      if (n === undefined) counted.set(word, (n = syllable(word)));
      words++;
      syllables += n;
      if (n >= 3) polysyllables++;
    }
  }
  const sentenceCount = sentences.length;
  if (words === 0 || sentenceCount === 0) {
    return { words, sentences: sentenceCount, syllables, polysyllables, fleschKincaid: null, smog: null };
  }
  // Kincaid et al. (1975): 0.39 words/sentence + 11.8 syllables/word − 15.59.
  const fleschKincaid = 0.39 * (words / sentenceCount) + 11.8 * (syllables / words) - 15.59;
  // McLaughlin (1969), scaled to 30 sentences: 1.0430 √(polysyllables × 30 / sentences) + 3.1291.
  const smog = 1.043 * Math.sqrt((polysyllables * 30) / sentenceCount) + 3.1291;
  return { words, sentences: sentenceCount, syllables, polysyllables, fleschKincaid: round1(fleschKincaid), smog: round1(smog) };
}

/** Readability of what patients read on a page: its summary and every entry's text. */
export function measurePage(doc: Pick<PageDocumentInput, 'summary' | 'sections'>): Readability {
  const parts = [doc.summary ?? '', ...doc.sections.flatMap((s) => s.entries.map((e) => e.body))];
  return measureText(parts.map(plainText).filter((p) => p.trim()).join('\n\n'));
}

/** One digest's readability, for the editor's per-digest list. */
export interface DigestReadability {
  /** 1-based position among the page's digests. */
  number: number;
  kind: 'research' | 'news';
  /** The digest's first words, so an editor can tell which one it is. */
  opening: string;
  readability: Readability;
}

/** Readability of each research and news digest on its own, in page order (the page's figure averages them away). */
export function measureDigests(doc: Pick<PageDocumentInput, 'sections'>): DigestReadability[] {
  const digests = doc.sections.flatMap((s) => s.entries).filter((e): e is typeof e & { kind: 'research' | 'news' } => e.kind === 'research' || e.kind === 'news');
  return digests.map((e, i) => {
    const text = plainText(e.body);
    const words = text.trim().split(/\s+/).filter(Boolean);
    return { number: i + 1, kind: e.kind, opening: words.slice(0, 8).join(' ') + (words.length > 8 ? '…' : ''), readability: measureText(text) };
  });
}

/** Where a grade stands against the 6–8 target, in words. */
export function gradeVerdict(grade: number | null): 'no text' | 'easy' | 'on target' | 'hard' {
  if (grade === null) return 'no text';
  if (grade < TARGET_GRADE.min) return 'easy';
  if (grade <= TARGET_GRADE.max) return 'on target';
  return 'hard';
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Reading ease in the languages that have a formula of their own, both
 * adaptations of Flesch's Reading Ease (higher is easier, about 0–100):
 *
 *   Spanish, Fernández Huerta (1959), in the corrected form (Law 2011):
 *     206.84 − 60 × syllables/word − 1.02 × words/sentence
 *   French, Kandel & Moles (1958):
 *     207 − 73.6 × syllables/word − 1.015 × words/sentence
 *
 * Arabic has no formula here: its short vowels are not written, so syllables
 * cannot be counted from the text, and no Flesch adaptation is in common use.
 */
export type EaseFormula = 'fernandez-huerta' | 'kandel-moles';

export interface ReadingEase {
  formula: EaseFormula;
  words: number;
  sentences: number;
  syllables: number;
  /** Null when there is no text. */
  score: number | null;
}

const EASE_FORMULAS: Record<string, EaseFormula> = { es: 'fernandez-huerta', fr: 'kandel-moles' };

/** The formula a language's text is measured with; null when it has none (English uses the grade formulas above; Arabic none). */
export function easeFormulaOf(lang: string): EaseFormula | null {
  return EASE_FORMULAS[lang] ?? null;
}

/** Reading ease of plain text in `lang`; null when the language has no formula. */
export function measureEase(text: string, lang: string): ReadingEase | null {
  const formula = easeFormulaOf(lang);
  if (!formula) return null;
  const sentences = sentencesOf(text);
  let words = 0;
  let syllables = 0;
  for (const sentence of sentences) {
    for (const word of wordsOf(sentence)) {
      words++;
      syllables += formula === 'fernandez-huerta' ? spanishSyllables(word) : frenchSyllables(word);
    }
  }
  if (!words || !sentences.length) return { formula, words, sentences: sentences.length, syllables, score: null };
  const perWord = syllables / words;
  const perSentence = words / sentences.length;
  const score = formula === 'fernandez-huerta' ? 206.84 - 60 * perWord - 1.02 * perSentence : 207 - 73.6 * perWord - 1.015 * perSentence;
  return { formula, words, sentences: sentences.length, syllables, score: round1(score) };
}

/**
 * Where a reading-ease score stands for health information written for the
 * public: Flesch's own table puts 60–70 at grades 8–9 and 80–90 at grade 6,
 * so the 6–8 grade target is about 60–90.
 */
export const TARGET_EASE = { min: 60, max: 90 } as const;

export function easeVerdict(score: number | null): 'no text' | 'easy' | 'on target' | 'hard' {
  if (score === null) return 'no text';
  if (score > TARGET_EASE.max) return 'easy';
  if (score >= TARGET_EASE.min) return 'on target';
  return 'hard';
}

/**
 * Spanish syllables: one per vowel group, plus one where two strong vowels
 * (a, e, o) meet or a written accent on i or u breaks a diphthong (hiatus:
 * le-er, dí-a); a final y after a vowel is part of a diphthong (hoy, muy).
 */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-záéíóúüñy]/g, '').replace(/y$/, 'i').replace(/y(?=[aeiouáéíóú])/g, 'll');
  const groups = w.match(/[aeiouáéíóúü]+/g) ?? [];
  let n = 0;
  for (const g of groups) {
    n += 1;
    for (let i = 1; i < g.length; i++) {
      const a = g[i - 1]!;
      const b = g[i]!;
      const strong = (c: string) => 'aeoáéó'.includes(c);
      if ((strong(a) && strong(b)) || 'íú'.includes(a) || 'íú'.includes(b)) n++;
    }
  }
  return Math.max(1, n);
}

/**
 * French syllables, as read aloud: one per vowel group (eau, ou, ai count
 * once), less a silent final -e, -es or the verb ending -ent after a
 * consonant, in words with more than one group.
 */
export function frenchSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-zàâäéèêëîïôöùûüÿœæç]/g, '');
  const groups = w.match(/[aeiouyàâäéèêëîïôöùûüÿœæ]+/g) ?? [];
  let n = groups.length;
  if (n > 1 && /[^aeiouyàâäéèêëîïôöùûüÿœæ](?:e|es|ent)$/.test(w)) n--;
  return Math.max(1, n);
}
