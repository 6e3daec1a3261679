import { z } from 'zod';
import type { FieldError } from '../accounts/views/form-parts.js';
import { WIKI_LINK, extractLinks } from '../content/inline.js';
import { type BodyPositions, ContentSyntaxError, parsePageBody } from '../content/page-file.js';
import { PageDocument, type PageDocumentInput } from '../directory/document.js';
import type { FieldProblem } from '../directory/errors.js';
import { slugify } from '../directory/slug.js';
import { type ClinicalCode, codeText, readCode } from '../directory/clinical-codes.js';
import { linkList, serializeBody } from './page-source.js';
import { isPredicate, problemText } from './problem-text.js';
import type { EditingKey, EditingText } from './views/text.js';
import { TranslationImpact } from '../translations/impact.js';

/**
 * The page editor's form exactly as submitted: every field a string, so what
 * the editor typed can always be shown again. Caps only stop absurd payloads;
 * the real limits are PageDocument's, reported next to each field.
 */
export const PageForm = z.object({
  title: z.string().max(10_000).default(''),
  /** "Listed as": the title the page is filed under in the A–Z and search; blank for the default. */
  sortTitle: z.string().max(10_000).default(''),
  slug: z.string().max(10_000).default(''),
  parentSlug: z.string().max(500).default(''),
  position: z.string().max(100).default(''),
  summary: z.string().max(50_000).default(''),
  authors: z.string().max(5_000).default(''),
  reviewIntervalMonths: z.string().max(100).default('24'),
  alsoSee: z.string().max(50_000).default(''),
  footnotes: z.string().max(500_000).default(''),
  codes: z.string().max(20_000).default(''),
  body: z.string().max(2_000_000).default(''),
  editSummary: z.string().max(5_000).default(''),
  baseRevisionId: z.string().regex(/^\d{0,12}$/, 'baseRevisionId must be a revision number').default('0'),
  /** What publishing this change means for the page's translations (src/translations/impact.ts). */
  translationImpact: TranslationImpact.catch('normal').default('normal'),
  /** Names this form as shown (src/editing/save-key.ts); anything else than a token is ignored, never an error. */
  saveToken: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional().catch(undefined),
});
export type PageForm = z.infer<typeof PageForm>;

/** Input ids of the form's fields (prefixed so they never meet the preview's section anchors). */
export const FIELD_IDS = {
  title: 'f-title',
  sortTitle: 'f-sort-title',
  slug: 'f-slug',
  parentSlug: 'f-parent',
  position: 'f-position',
  summary: 'f-summary',
  authors: 'f-authors',
  reviewIntervalMonths: 'f-interval',
  alsoSee: 'f-also-see',
  footnotes: 'f-footnotes',
  codes: 'f-codes',
  body: 'f-body',
  editSummary: 'f-edit-summary',
} as const;

export function emptyForm(values: Partial<PageForm> = {}): PageForm {
  return PageForm.parse(values);
}

/** A saved document as the form shows it: fields, and the body as page-file Markdown. */
export function formFromDocument(doc: PageDocument, baseRevisionId: number): PageForm {
  return {
    title: doc.title,
    sortTitle: doc.sortTitle ?? '',
    slug: doc.slug,
    parentSlug: doc.parentSlug ?? '',
    position: String(doc.position),
    summary: doc.summary,
    authors: doc.authorKeys.join(', '),
    reviewIntervalMonths: String(doc.reviewIntervalMonths),
    alsoSee: linkList(doc.alsoSee),
    // One note per line in the form; a note written over several lines reads the same joined.
    footnotes: doc.footnotes.map((f) => f.replace(/\s*\n\s*/g, ' ')).join('\n'),
    codes: doc.codes.map(codeText).join('\n'),
    body: serializeBody(doc.sections),
    editSummary: '',
    baseRevisionId: String(baseRevisionId),
    translationImpact: 'normal',
  };
}

export interface ReadForm {
  /** The page as typed, ready for the service (which adds dates and review fields); null when it cannot be read at all. */
  document: PageDocumentInput | null;
  /** Position left blank: the caller puts the page last among its siblings. */
  positionBlank: boolean;
  errors: FieldError[];
  positions: BodyPositions;
}

/** Reads the form into a page document, collecting every problem at once with the field it belongs to, in the editor's language. */
export function documentFromForm(form: PageForm, t: EditingText): ReadForm {
  const errors: FieldError[] = [];
  const positions: BodyPositions = [];
  let sections: PageDocumentInput['sections'] = [];
  try {
    sections = parsePageBody(form.body, 'body', 1, positions);
  } catch (error) {
    if (!(error instanceof ContentSyntaxError)) throw error;
    // The reason comes from the page-file reader (src/content), which has no catalogue yet: it stays in English.
    errors.push({ field: FIELD_IDS.body, message: error.line ? t('problemBodyLine', { line: error.line, problem: error.reason }) : t('problemBody', { problem: error.reason }) });
  }

  const position = form.position.trim();
  if (position && !/^\d{1,7}$/.test(position)) errors.push({ field: FIELD_IDS.position, message: t('positionInvalid') });
  const interval = form.reviewIntervalMonths.trim();
  if (!/^\d{1,3}$/.test(interval) || Number(interval) < 1 || Number(interval) > 120) errors.push({ field: FIELD_IDS.reviewIntervalMonths, message: t('intervalInvalid') });

  const alsoSee = extractLinks(form.alsoSee);
  if (form.alsoSee.replace(new RegExp(WIKI_LINK.source, 'g'), '').replace(/[,\s]/g, '') !== '') {
    errors.push({ field: FIELD_IDS.alsoSee, message: t('alsoSeeInvalid') });
  }

  const codes: ClinicalCode[] = [];
  form.codes.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const read = readCode(line);
    if ('problem' in read) errors.push({ field: FIELD_IDS.codes, message: t('codesLine', { line: i + 1, problem: problemText(t, read.problem) }) });
    else codes.push(read.code);
  });

  const title = form.title.trim();
  const slug = form.slug.trim() || slugify(title);
  const document: PageDocumentInput = {
    slug,
    title,
    sortTitle: form.sortTitle.trim() || null,
    parentSlug: form.parentSlug.trim() || null,
    position: position && /^\d+$/.test(position) ? Number(position) : 0,
    summary: form.summary.trim(),
    authorKeys: form.authors.split(/[\s,]+/).filter(Boolean),
    // A placeholder: the service sets the real creation date.
    createdOn: '2000-01-01',
    reviewIntervalMonths: /^\d+$/.test(interval) ? Number(interval) : 24,
    alsoSee,
    footnotes: form.footnotes.split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
    codes,
    sections,
  };
  const parsed = PageDocument.safeParse(document);
  if (!parsed.success) {
    const seen = new Set(errors.map((e) => e.field));
    for (const issue of parsed.error.issues) {
      const error = fieldErrorFor({ path: issue.path.join('.'), message: issue.message }, positions, document, t);
      // The form's own message for a field says it better than the schema's second opinion.
      if (!(seen.has(error.field) && (error.field === FIELD_IDS.position || error.field === FIELD_IDS.reviewIntervalMonths))) errors.push(error);
    }
  }
  return { document: errors.length ? null : document, positionBlank: !position, errors: inFormOrder(errors), positions };
}

/** Errors in the order their fields appear, so the summary reads top to bottom like the form. */
export function inFormOrder(errors: FieldError[]): FieldError[] {
  const order: string[] = Object.values(FIELD_IDS);
  return errors.map((e, i) => ({ e, i })).sort((a, b) => order.indexOf(a.e.field) - order.indexOf(b.e.field) || a.i - b.i).map(({ e }) => e);
}

const LABELS: Record<string, { field: string; noun: EditingKey }> = {
  title: { field: FIELD_IDS.title, noun: 'nounTitle' },
  sortTitle: { field: FIELD_IDS.sortTitle, noun: 'nounSortTitle' },
  slug: { field: FIELD_IDS.slug, noun: 'nounSlug' },
  parentSlug: { field: FIELD_IDS.parentSlug, noun: 'nounParent' },
  position: { field: FIELD_IDS.position, noun: 'nounPosition' },
  summary: { field: FIELD_IDS.summary, noun: 'nounSummary' },
  authorKeys: { field: FIELD_IDS.authors, noun: 'nounAuthors' },
  reviewIntervalMonths: { field: FIELD_IDS.reviewIntervalMonths, noun: 'nounInterval' },
  alsoSee: { field: FIELD_IDS.alsoSee, noun: 'nounAlsoSee' },
  footnotes: { field: FIELD_IDS.footnotes, noun: 'nounFootnote' },
  codes: { field: FIELD_IDS.codes, noun: 'nounCodes' },
  citations: { field: FIELD_IDS.body, noun: 'nounBody' },
  reviewedByKey: { field: FIELD_IDS.body, noun: 'nounReviewer' },
};

const ENTRY_FIELDS: Record<string, EditingKey> = {
  body: 'entryFieldBody',
  citationKey: 'entryFieldCitation',
  outlet: 'entryFieldOutlet',
  date: 'entryFieldDate',
  url: 'entryFieldUrl',
  headline: 'entryFieldHeadline',
};

const ENTRY_KINDS = { summary: 'entrySummary', research: 'entryResearch', news: 'entryNews' } as const satisfies Record<string, EditingKey>;

/**
 * A problem from the schema, the database checks or savePage, as the editor
 * sees it: tied to a field, for the body with the line to look at, and in the
 * editor's language.
 */
export function fieldErrorFor(problem: FieldProblem, positions: BodyPositions, doc: PageDocumentInput | null, t: EditingText): FieldError {
  const parts = problem.path.split('.');
  const said = problemText(t, problem.message);
  if (parts[0] === 'sections') {
    const s = Number(parts[1]);
    const section = doc?.sections[s];
    const where = section ? (section.heading ? t('whereHeading', { heading: section.heading }) : t('whereIntroduction')) : '';
    if (parts[2] === 'entries' && parts[3] !== undefined) {
      const e = Number(parts[3]);
      const entry = section?.entries[e];
      const line = positions[s]?.entries[e];
      const kind = t(entry ? ENTRY_KINDS[entry.kind] : 'entryAny');
      const what = t(ENTRY_FIELDS[parts[4] ?? ''] ?? 'entryFieldAny');
      const values = { kind, where, what, problem: said };
      return { field: FIELD_IDS.body, message: (line ? t('problemEntryLine', { ...values, line }) : t('problemEntry', values)).replace(/ +\)/, ')') };
    }
    const line = positions[s]?.line;
    const what = t(parts[2] === 'heading' ? 'sectionHeading' : parts[2] === 'subArticles' ? 'sectionSubArticle' : parts[2] === 'alsoSee' ? 'sectionAlsoSee' : 'sectionAny');
    return { field: FIELD_IDS.body, message: line ? t('problemSectionPartLine', { line, what, problem: said }) : t('problemSectionPart', { what, problem: said }) };
  }
  const label = LABELS[parts[0] ?? ''] ?? { field: FIELD_IDS.title, noun: 'nounPage' as const };
  const message = isPredicate(problem.message) ? t('problemField', { field: t(label.noun), problem: said }) : capitalise(said);
  return { field: label.field, message };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
