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

export interface StudyType {
  id: StudyTypeId;
  label: string; // short label shown next to the citation
  explanation: string; // one plain sentence for patients
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
    label: 'Meta-analysis',
    explanation: 'A meta-analysis pools the numbers from many earlier studies, which usually makes its conclusions more reliable than any single study.',
    matches: is('meta-analysis'),
  },
  {
    id: 'systematic-review',
    label: 'Systematic review',
    explanation: 'A systematic review searches for and weighs all the good studies on one question, so it is among the strongest kinds of evidence.',
    matches: is('systematic review'),
  },
  {
    id: 'randomised-trial',
    label: 'Randomised trial',
    explanation: 'In a randomised controlled trial patients are assigned to treatments by chance, the fairest way to test whether a treatment works.',
    matches: (t) => t.startsWith('randomized controlled trial'),
  },
  {
    id: 'clinical-trial',
    label: 'Clinical trial',
    explanation: 'A clinical trial tests a treatment in patients, but without random assignment its results can be skewed by who received which treatment.',
    matches: (t) => (t.startsWith('clinical trial') && t !== 'clinical trial protocol') || is('controlled clinical trial', 'pragmatic clinical trial', 'adaptive clinical trial', 'equivalence trial')(t),
  },
  {
    id: 'guideline',
    label: 'Guideline',
    explanation: 'A guideline gives experts’ recommendations for care, based on reviewing the evidence available when it was written.',
    matches: (t) => t.includes('guideline') || t.startsWith('consensus development conference'),
  },
  {
    id: 'observational',
    label: 'Observational study',
    explanation: 'An observational study watches what happens to groups of people without changing their treatment, so it can show links but not prove cause and effect.',
    matches: (t) => t.startsWith('observational study') || t.includes('cohort') || is('comparative study', 'twin study')(t),
  },
  {
    id: 'review',
    label: 'Review',
    explanation: 'A review article summarises earlier research; unlike a systematic review, its authors choose which studies to discuss.',
    matches: is('review'),
  },
  {
    id: 'case-report',
    label: 'Case report',
    explanation: 'A case report describes one or a few patients, so it can raise questions but cannot show what is true for most people.',
    matches: is('case reports'),
  },
  {
    id: 'editorial',
    label: 'Editorial or comment',
    explanation: 'An editorial, comment or letter gives the authors’ opinion or reaction rather than new research results.',
    matches: is('editorial', 'comment', 'letter'),
  },
];

const OTHER: StudyType = {
  id: 'other',
  label: 'Research article',
  explanation: 'PubMed does not classify this article’s study design further, so check the article itself for how the research was done.',
};

const UNKNOWN: StudyType = {
  id: 'unknown',
  label: 'Study type not recorded',
  explanation: 'We have no PubMed classification for this publication, so we do not say what kind of study it is rather than guess.',
};

/** Picks the strongest study type among PubMed publication types (e.g. "Meta-Analysis" beats "Review"). */
export function studyTypeFromPubTypes(pubTypes: readonly string[]): StudyType {
  const normalised = pubTypes.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  if (normalised.length === 0) return UNKNOWN;
  const rule = RULES.find((r) => normalised.some(r.matches));
  if (!rule) return OTHER;
  const { id, label, explanation } = rule;
  return { id, label, explanation };
}

/** Whether the publication is retracted, is itself a retraction notice, or is an erratum; null when none applies. */
export function retractionStatus(pubTypes: readonly string[]): RetractionStatus | null {
  const normalised = new Set(pubTypes.map((t) => t.trim().toLowerCase()));
  if (normalised.has('retracted publication')) return 'retracted';
  if (normalised.has('retraction of publication')) return 'retraction-notice';
  if (normalised.has('published erratum')) return 'erratum';
  return null;
}

/** What readers and editors are told about a flagged publication. */
export interface RetractionNotice {
  label: string; // short, starts the warning, e.g. "Retracted study"
  explanation: string; // one plain sentence
}

const NOTICES: Record<RetractionStatus, RetractionNotice> = {
  retracted: {
    label: 'Retracted study',
    explanation: 'The journal has withdrawn this study, so its results should not be relied on.',
  },
  'retraction-notice': {
    label: 'Retraction notice',
    explanation: 'This is the notice that withdraws a study, not research results in itself.',
  },
  erratum: {
    label: 'Correction published',
    explanation: 'The journal has published a correction to this article, so some of its details may have changed.',
  },
};

/** The warning shown for a flagged publication. */
export function retractionNotice(status: RetractionStatus): RetractionNotice {
  return NOTICES[status];
}

/** Narrows stored text to a RetractionStatus (the database keeps it as text). */
export function isRetractionStatus(value: string): value is RetractionStatus {
  return Object.hasOwn(NOTICES, value);
}
