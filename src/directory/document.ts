import { z } from 'zod';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug.js';
import { isSafeLink } from '../content/links.js';
import { CODE_SYSTEMS, codeProblem, sameCode } from './clinical-codes.js';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');

export const Slug = z
  .string()
  .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
  .regex(SLUG_PATTERN, 'may use only lower-case letters, digits and single hyphens');

/** A link written as [[Target]] or [[Target|label]]. */
export const LinkRef = z.object({
  /** Title (or slug) of the page linked to, as written. */
  target: z.string().min(1).max(200),
  /** Text shown for the link. */
  label: z.string().min(1).max(200),
});

const body = z.string().max(20_000, 'is longer than 20,000 characters');

/** Our own plain-language text. */
export const SummaryEntry = z.object({ kind: z.literal('summary'), body: body.min(1, 'is empty') });
/** A study in our words; citationKey points into the bibliography. */
export const ResearchEntry = z.object({
  kind: z.literal('research'),
  citationKey: z.string().min(1, 'needs a citation').max(300),
  body: body.min(1, 'is empty'),
});
/** A news report in our words. */
export const NewsEntry = z.object({
  kind: z.literal('news'),
  /** Who reported it. */
  outlet: z.string().min(1, 'needs an outlet').max(200),
  /** When it was reported. */
  date: isoDate,
  /** Link to the report, when known. */
  url: z.string().url().max(2000).refine((url) => isSafeLink(url, ['web']), 'must be an http(s) address').optional(),
  /** The report's headline, when known. */
  headline: z.string().max(300).optional(),
  body: body.min(1, 'is empty'),
});
export const Entry = z.discriminatedUnion('kind', [SummaryEntry, ResearchEntry, NewsEntry]);

export const Section = z.object({
  /** Shown as an h2 and in the table of contents; null for the introduction. */
  heading: z.string().min(1).max(200).nullable(),
  entries: z.array(Entry).max(500),
  /** Pages that go deeper into this section's subject. */
  subArticles: z.array(LinkRef).max(200).default([]),
  /** Related pages elsewhere in the directory. */
  alsoSee: z.array(LinkRef).max(100).default([]),
});

/** A code of a clinical classification naming the page's condition (src/directory/clinical-codes.ts). */
export const ClinicalCodeSchema = z
  .object({
    system: z.enum(CODE_SYSTEMS),
    code: z.string().min(1).max(30),
    whoEntity: z.string().regex(/^\d{1,12}$/, 'must be the digits of a WHO entity number').optional(),
  })
  .superRefine((c, ctx) => {
    const problem = codeProblem(c.system, c.code);
    if (problem) ctx.addIssue({ code: 'custom', path: ['code'], message: problem });
  });

/** One directory page as a whole: what the editor saves, what a revision stores, what the importer reads. */
export const PageDocument = z.object({
  slug: Slug,
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  /** The title it is listed under in the A–Z, tree and search ("Silica"); null: derived from the title (src/directory/sort-title.ts). */
  sortTitle: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
  /** Slug of the parent page; null for a top-level page. */
  parentSlug: Slug.nullable(),
  /** Order among siblings. */
  position: z.number().int().min(0).max(1_000_000),
  summary: z.string().max(500, 'must be at most 500 characters').default(''),
  /** Bylined authors, by author key. */
  authorKeys: z.array(z.string().min(1)).max(20).default([]),
  createdOn: isoDate,
  updatedOn: isoDate.nullable().default(null),
  /** Last medical review; null when never reviewed. */
  reviewedOn: isoDate.nullable().default(null),
  reviewedByKey: z.string().min(1).nullable().default(null),
  nextReviewOn: isoDate.nullable().default(null),
  reviewIntervalMonths: z.number().int().min(1).max(120).default(24),
  /** Page-level "Also see". */
  alsoSee: z.array(LinkRef).max(100).default([]),
  footnotes: z.array(z.string().min(1).max(5000)).max(100).default([]),
  /** Codes of the condition the page is about (ICD-10-CM, ORPHA, MeSH…), in the order shown. */
  codes: z
    .array(ClinicalCodeSchema)
    .max(30)
    .default([])
    .superRefine((codes, ctx) => {
      codes.forEach((c, i) => {
        if (codes.findIndex((o) => sameCode(o, c)) < i) ctx.addIssue({ code: 'custom', path: [i], message: `${c.system} ${c.code} is listed twice` });
      });
    }),
  sections: z.array(Section).max(200),
});

export type PageDocument = z.infer<typeof PageDocument>;
export type PageDocumentInput = z.input<typeof PageDocument>;
export type Section = z.infer<typeof Section>;
export type Entry = z.infer<typeof Entry>;
export type LinkRef = z.infer<typeof LinkRef>;
export type ClinicalCodeEntry = z.infer<typeof ClinicalCodeSchema>;
