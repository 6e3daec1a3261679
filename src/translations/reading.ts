import type { PageView } from '../directory/queries.js';
import type { DiffPart } from '../editing/word-diff.js';
import { wordDiff } from '../editing/word-diff.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import type { PublishedTranslation } from './queries.js';
import { sourceSectionText } from './source-text.js';

/** How one section of a page reaches a reader of a translation. */
export type SectionReading =
  | { kind: 'translated'; madeAt: string }
  /** Translated from older English: the translation is shown, with what changed in the English since. */
  | { kind: 'outdated'; madeAt: string; since: string; changes: DiffPart[] }
  /** Outdated by a safety-relevant English change: the current English is shown until it is translated again. */
  | { kind: 'safety'; madeAt: string; since: string; changes: DiffPart[] }
  | { kind: 'untranslated' };

export interface TranslatedReading {
  lang: Lang;
  translation: PublishedTranslation;
  /** The page with the translation's words where it has them (English elsewhere). */
  page: PageView;
  /** By section id. */
  sections: Map<number, SectionReading>;
  translatedCount: number;
  outdatedCount: number;
  total: number;
}

/**
 * The page a reader of `translation.lang` sees: each section translated,
 * translated but outdated (with the English that changed since), or in
 * English (untranslated, or outdated by a safety-relevant change). Citations,
 * news headlines and links stay as the English page has them.
 */
export function readTranslation(page: PageView, translation: PublishedTranslation): TranslatedReading {
  const byAnchor = new Map(translation.sections.map((s) => [s.sourceAnchor, s]));
  const sections = new Map<number, SectionReading>();
  let translatedCount = 0;
  let outdatedCount = 0;
  const localized = page.sections.map((section) => {
    const t = byAnchor.get(section.anchor);
    if (!t || t.entries.length !== section.entries.length) {
      sections.set(section.id, { kind: 'untranslated' });
      return section;
    }
    if (t.outdatedSince) {
      outdatedCount++;
      const changes = wordDiff(t.sourceText, sourceSectionText(section));
      if (t.safety) {
        sections.set(section.id, { kind: 'safety', madeAt: t.madeAt, since: t.outdatedSince, changes });
        return section;
      }
      sections.set(section.id, { kind: 'outdated', madeAt: t.madeAt, since: t.outdatedSince, changes });
    } else {
      translatedCount++;
      sections.set(section.id, { kind: 'translated', madeAt: t.madeAt });
    }
    return {
      ...section,
      heading: section.heading === null ? null : (t.heading ?? section.heading),
      entries: section.entries.map((entry, i) => ({ ...entry, body: t.entries[i]! })),
    };
  });
  return {
    lang: translation.lang,
    translation,
    page: { ...page, title: translation.title, summary: translation.summary || page.summary, sections: localized },
    sections,
    translatedCount,
    outdatedCount,
    total: page.sections.length,
  };
}

/** The language a section's words are in for a reader of this reading. */
export function sectionLang(reading: SectionReading, lang: Lang): Lang {
  return reading.kind === 'translated' || reading.kind === 'outdated' ? lang : SOURCE_LANG;
}
