/**
 * Plain-language study types and retraction status from PubMed publication types,
 * so readers can weigh the evidence behind a research digest.
 */

export type StudyTypeId =
  | 'systematic-review'
  | 'meta-analysis'
  | 'randomised-trial'
  | 'clinical-trial'
  | 'review'
  | 'observational'
  | 'case-report'
  | 'editorial'
  | 'guideline'
  | 'other'
  | 'unknown';

/** A study type; its label and plain explanation are messages (studyTypeText in src/citations/messages). */
export interface StudyType {
  id: StudyTypeId;
}

export type RetractionStatus = 'retracted' | 'retraction-notice' | 'erratum';

interface StudyTypeRule extends StudyType {
  matches: (pubType: string) => boolean;
}

const is = (...names: string[]) => (pubType: string) => names.includes(pubType);

// Ordered strongest evidence first: the first rule any publication type matches wins.
const RULES: readonly StudyTypeRule[] = [
  {
    id: 'meta-analysis',
    matches: is('meta-analysis'),
  },
  {
    id: 'systematic-review',
    matches: is('systematic review'),
  },
  {
    id: 'randomised-trial',
    matches: (t) => t.startsWith('randomized controlled trial'),
  },
  {
    id: 'clinical-trial',
    matches: (t) => (t.startsWith('clinical trial') && t !== 'clinical trial protocol') || is('controlled clinical trial', 'pragmatic clinical trial', 'adaptive clinical trial', 'equivalence trial')(t),
  },
  {
    id: 'guideline',
    matches: (t) => t.includes('guideline') || t.startsWith('consensus development conference'),
  },
  {
    id: 'observational',
    matches: (t) => t.startsWith('observational study') || t.includes('cohort') || is('comparative study', 'twin study')(t),
  },
  {
    id: 'review',
    matches: is('review'),
  },
  {
    id: 'case-report',
    matches: is('case reports'),
  },
  {
    id: 'editorial',
    matches: is('editorial', 'comment', 'letter'),
  },
];

const OTHER: StudyType = { id: 'other' };
const UNKNOWN: StudyType = { id: 'unknown' };

/** Picks the strongest study type among PubMed publication types (e.g. "Meta-Analysis" beats "Review"). */
export function studyTypeFromPubTypes(pubTypes: readonly string[]): StudyType {
  const normalised = pubTypes.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  if (normalised.length === 0) return UNKNOWN;
  const rule = RULES.find((r) => normalised.some(r.matches));
  if (!rule) return OTHER;
  return { id: rule.id };
}

/** Whether the publication is retracted, is itself a retraction notice, or is an erratum; null when none applies. */
export function retractionStatus(pubTypes: readonly string[]): RetractionStatus | null {
  const normalised = new Set(pubTypes.map((t) => t.trim().toLowerCase()));
  if (normalised.has('retracted publication')) return 'retracted';
  if (normalised.has('retraction of publication')) return 'retraction-notice';
  if (normalised.has('published erratum')) return 'erratum';
  return null;
}

const RETRACTION_STATUSES: readonly RetractionStatus[] = ['retracted', 'retraction-notice', 'erratum'];

/** Narrows stored text to a RetractionStatus (the database keeps it as text). */
export function isRetractionStatus(value: string): value is RetractionStatus {
  return (RETRACTION_STATUSES as readonly string[]).includes(value);
}
