import type { PageDocumentInput } from '../directory/document.js';
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
