import { type KeyOf, defineCatalogue } from '../../i18n/catalogue.js';
import { createI18n, type Localizer, type Translate } from '../../i18n/localizer.js';
import type { RetractionStatus, StudyTypeId } from '../study-type.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const citationsText = defineCatalogue('citations', en, { es, fr, ar }, {
  badgeKind: 'Read by screen readers before the study-type badge (visually hidden).',
  badgePrint: 'Printed pages show the badge as “label: explanation”.',
  studyTypeMetaAnalysis: 'Study-type badges are shown to patients next to cited research; the …Explained messages are one plain sentence behind the badge.',
  flagWarning: 'Shown before a retracted or corrected study; {label} is one of the retraction… labels (“Retracted study”).',
  downloadsIntro: '{what} is given by the page: “these references” or “the whole bibliography”, already in this language. Followed by links named RIS, BibTeX…',
  jobNotRun: '{name} is jobRetractionWatch or jobResearchSearch (a name that can start a sentence).',
  jobFailed: '{when} is a date and time; {error} is the technical reason, usually in English. <strong> wraps the failure.',
  jobSkipped: '{reason} is the technical reason, usually in English.',
  searchCount: '{matching} is “yes” when a search was typed ({q}); {paged} is “yes” when there is more than one page.',
  pagerPrevious: '<label> wraps the word that is shown on small screens too.',
  keyUsage: 'Keep ::: research [@{key}] and [@{key}] exactly: they are the syntax editors type.',
  resolveIntro: '{kind} is “retraction” when one of the flags is a retraction, otherwise a correction.',
  resolvedLine: '{label} is the retraction… label; {found} and {resolved} are dates and times.',
  confirmLead: '{source} is PubMed or Crossref.',
  confirmExisting: '<link> wraps the stored citation’s key, a link to it.',
  factKeyUsage: '<keyCode> wraps the key in code type.',
  lookupNotFound: 'The lookup… messages are shown when a PubMed or Crossref lookup fails, in languages other than English (English shows the service’s own detailed message).',
  inboxDrafted: '<link> wraps the words that open the page in the editor.',
  inboxDraftButton: '<hidden> is read by screen readers only, naming the paper.',
  recentDrafted: '<link> wraps the page title.',
  queryRan: '{when} is a date and time; {count} papers were new.',
  querySavedNotRun: '{date} is a date.',
  dashboardStaleLine: '<link> wraps the page title; {year} is the year of its newest evidence; {age} is how many years ago.',
});

/** The citations messages in one language. */
export type CitationsText = Translate<KeyOf<typeof citationsText>>;
type Key = KeyOf<typeof citationsText>;

/** The citations messages in `i18n`'s language; English when a view was not given one (a caller not translated yet). */
export function citationsTextIn(i18n: Localizer | undefined): CitationsText {
  return (i18n ?? createI18n().forLang('en')).text(citationsText);
}

const STUDY_TYPES = {
  'meta-analysis': ['studyTypeMetaAnalysis', 'studyTypeMetaAnalysisExplained'],
  'systematic-review': ['studyTypeSystematicReview', 'studyTypeSystematicReviewExplained'],
  'randomised-trial': ['studyTypeRandomisedTrial', 'studyTypeRandomisedTrialExplained'],
  'clinical-trial': ['studyTypeClinicalTrial', 'studyTypeClinicalTrialExplained'],
  guideline: ['studyTypeGuideline', 'studyTypeGuidelineExplained'],
  observational: ['studyTypeObservational', 'studyTypeObservationalExplained'],
  review: ['studyTypeReview', 'studyTypeReviewExplained'],
  'case-report': ['studyTypeCaseReport', 'studyTypeCaseReportExplained'],
  editorial: ['studyTypeEditorial', 'studyTypeEditorialExplained'],
  other: ['studyTypeOther', 'studyTypeOtherExplained'],
  unknown: ['studyTypeUnknown', 'studyTypeUnknownExplained'],
} as const satisfies Record<StudyTypeId, readonly [Key, Key]>;

const RETRACTIONS = {
  retracted: ['retractionRetracted', 'retractionRetractedExplained'],
  'retraction-notice': ['retractionNotice', 'retractionNoticeExplained'],
  erratum: ['retractionErratum', 'retractionErratumExplained'],
} as const satisfies Record<RetractionStatus, readonly [Key, Key]>;

/** A study type's badge label and its one plain sentence, in the reader's language (reader pages use this too). */
export function studyTypeText(t: CitationsText, id: StudyTypeId): { label: string; explanation: string } {
  const [label, explanation] = STUDY_TYPES[id];
  return { label: t(label), explanation: t(explanation) };
}

/** What readers and editors are told about a flagged publication: a short label ("Retracted study") and one plain sentence. */
export function retractionText(t: CitationsText, status: RetractionStatus): { label: string; explanation: string } {
  const [label, explanation] = RETRACTIONS[status];
  return { label: t(label), explanation: t(explanation) };
}
