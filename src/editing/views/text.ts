import type { ChecklistDetail, ChecklistItem } from '../checklist.js';
import type { RevisionState } from '../../db/schema.js';
import type { KeyOf } from '../../i18n/catalogue.js';
import { LANGUAGES, type Lang, SOURCE_LANG } from '../../i18n/languages.js';
import type { Localizer, Translate } from '../../i18n/localizer.js';
import { editingText } from '../messages/index.js';

export type EditingKey = KeyOf<typeof editingText>;
/** The editing catalogue in one language. */
export type EditingText = Translate<EditingKey>;

/** The editing catalogue in the localizer's language. */
export function editingTextOf(i18n: Localizer): EditingText {
  return i18n.text(editingText);
}

const STATE_KEYS: Record<RevisionState, EditingKey> = {
  draft: 'stateDraft',
  in_review: 'stateInReview',
  approved: 'stateApproved',
  published: 'statePublished',
  superseded: 'stateSuperseded',
};

/** A revision's workflow state as a label ("Waiting for medical review"). */
export function stateName(t: EditingText, state: RevisionState): string {
  return t(STATE_KEYS[state]);
}

/** Items written inline, with this language's separator ("a, b" / "أ، ب"). */
export function inlineList(t: EditingText, items: readonly string[]): string {
  return items.join(t('listSeparator'));
}

/** A readability grade with one decimal, in this language's digits and decimal sign. */
export function gradeNumber(i18n: Localizer, grade: number): string {
  return new Intl.NumberFormat(LANGUAGES[i18n.lang].dateLocale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(grade);
}

/** The first letter in lower case, for a label used inside a sentence ("still missing a medical review…"). */
export function inSentence(i18n: Localizer, label: string): string {
  return label.charAt(0).toLocaleLowerCase(i18n.lang) + label.slice(1);
}

const CHECK_LABELS: Record<ChecklistItem['id'], EditingKey> = {
  author: 'checkAuthorLabel',
  'research-sources': 'checkResearchLabel',
  'news-sources': 'checkNewsLabel',
  review: 'checkReviewLabel',
  declarations: 'checkDeclarationsLabel',
};

/** A publish checklist item's name ("A named author"). */
export function checklistLabel(t: EditingText, id: ChecklistItem['id']): string {
  return t(CHECK_LABELS[id]);
}

/** What a checklist item found, in words. */
export function checklistDetail(t: EditingText, i18n: Localizer, detail: ChecklistDetail): string {
  const place = (heading: string | null) => (heading ? t('checkPlaceHeading', { heading }) : t('checkPlaceIntroduction'));
  switch (detail.kind) {
    case 'written-by':
      return t('checkAuthorOk', { authors: inlineList(t, detail.authors) });
    case 'no-author':
      return t('checkAuthorMissing');
    case 'no-research':
      return t('checkResearchNone');
    case 'research-missing':
      return t('checkResearchMissing', { places: inlineList(t, detail.places.map((p) => t('checkResearchPlace', { place: place(p.heading), key: p.citationKey }))) });
    case 'research-ok':
      return t('checkResearchOk', { count: detail.count });
    case 'no-news':
      return t('checkNewsNone');
    case 'news-missing':
      return t('checkNewsMissing', { places: inlineList(t, detail.headings.map(place)) });
    case 'news-ok':
      return t('checkNewsOk', { count: detail.count });
    case 'reviewed':
      if (detail.by && detail.on) return t('checkReviewedByOn', { reviewer: detail.by, date: i18n.date(detail.on) });
      if (detail.by) return t('checkReviewedBy', { reviewer: detail.by });
      if (detail.on) return t('checkReviewedOn', { date: i18n.date(detail.on) });
      return t('checkReviewed');
    case 'published-unreviewed':
      return t('checkReviewNever');
    case 'unchanged-since':
      return t('checkReviewUnchanged', { date: i18n.date(detail.on) });
    case 'waiting-review':
      return t('checkReviewWaiting');
    case 'not-reviewed':
      return t('checkReviewNotYet');
    case 'declarations-ok':
      return t('checkDeclarationsOk', { count: detail.count });
    case 'declarations-missing':
      return [
        detail.missing.length ? t('checkDeclarationsMissing', { count: detail.missing.length, names: inlineList(t, detail.missing) }) : '',
        detail.outdated.length ? t('checkDeclarationsOutdated', { count: detail.outdated.length, names: inlineList(t, detail.outdated) }) : '',
        t('checkDeclarationsHow'),
      ].filter(Boolean).join(' ');
  }
}

/**
 * The lang attribute for page text (written in the source language; translations
 * are not edited here yet) inside an interface in another language; none when
 * they are the same, since the page already says it.
 */
export function contentLang(i18n: Localizer): Lang | undefined {
  return i18n.lang === SOURCE_LANG ? undefined : SOURCE_LANG;
}

/** The lang attribute for interface words inside page text (the diff's screen-reader labels). */
export function interfaceLangIn(i18n: Localizer): Lang | undefined {
  return i18n.lang === SOURCE_LANG ? undefined : i18n.lang;
}
