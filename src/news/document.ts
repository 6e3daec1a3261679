/** What an editor (or the importer) submits for one news item, checked at the boundary. */
import { z } from 'zod';
import { isSafeLink } from '../content/links.js';
import { Slug, isoDate } from '../directory/document.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);

const studyText = z.string().trim().max(2000, 'must be at most 2,000 characters').default('');

export const NewsDraft = z.object({
  slug: Slug,
  headline: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  summary: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  body: z.string().max(20_000, 'is longer than 20,000 characters').default(''),
  outlet: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  sourceHeadline: optionalText(300),
  /** A link readers click must be a web page (no javascript:, data:, …): the one rule of src/content/links.ts. */
  sourceUrl: z
    .string()
    .trim()
    .max(2000, 'must be at most 2,000 characters')
    .refine((url) => url === '' || isSafeLink(url, ['web']), 'must be an address starting with http:// or https://')
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  sourceDate: z
    .union([z.literal(''), isoDate])
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null),
  /** Directory pages the item concerns, by slug. */
  topicSlugs: z.array(Slug).max(20, 'at most 20 topics').default([]),
  /** The study it reports on: a bibliography key, pmid:… or doi:…. */
  citationKey: optionalText(300),
  authorKey: optionalText(100),
  studyWhat: studyText,
  studySize: studyText,
  studyLimits: studyText,
});

export type NewsDraft = z.infer<typeof NewsDraft>;
export type NewsDraftInput = z.input<typeof NewsDraft>;

/** The note a correction of a published item carries: "what changed", shown to readers. */
export const CorrectionNote = z.string().trim().min(1, 'say what changed: readers see this note').max(500, 'must be at most 500 characters');
