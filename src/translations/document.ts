import { z } from 'zod';
import { TRANSLATED_LANGS, type Lang } from '../i18n/languages.js';

const body = z.string().max(20_000, 'is longer than 20,000 characters');

/** Who translated: shown to readers with the translation. */
export const Translator = z.object({
  name: z.string().trim().min(1, 'needs a name').max(200),
  /** Qualifications in the language pair or the field ("Certified medical translator, ATA"). */
  credentials: z.string().trim().max(300).default(''),
});

/** One translated section: it names the English section it translates by that section's anchor. */
export const TranslatedSection = z.object({
  sourceAnchor: z.string().min(1).max(200),
  /** The translated heading; null for the introduction (which has none). */
  heading: z.string().trim().min(1).max(200).nullable(),
  /** The entries' bodies, in the English section's order (citations and headlines stay as they are). */
  entries: z.array(body.min(1, 'is empty')).max(500),
});

/** A page's translation into one language: what the translation editor saves and a translation file holds. */
export const TranslationDocument = z.object({
  lang: z.enum(TRANSLATED_LANGS as [Lang, ...Lang[]]),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  summary: z.string().max(500, 'must be at most 500 characters').default(''),
  translators: z.array(Translator).max(20).default([]),
  /** The demo's own translations: readers are told they are not medically reviewed. */
  demo: z.boolean().default(false),
  sections: z.array(TranslatedSection).max(200),
});

export type TranslationDocument = z.infer<typeof TranslationDocument>;
export type TranslationDocumentInput = z.input<typeof TranslationDocument>;
export type TranslatedSection = z.infer<typeof TranslatedSection>;
export type Translator = z.infer<typeof Translator>;

/** The words of a translation in reading order (title, summary, each heading and entry), for a word diff between two revisions. */
export function translationAsText(doc: TranslationDocument): string {
  return [doc.title, doc.summary, ...doc.sections.flatMap((s) => [s.heading ? `## ${s.heading}` : '', ...s.entries])].filter(Boolean).join('\n\n');
}
