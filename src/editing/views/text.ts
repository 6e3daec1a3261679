import type { RevisionState } from '../../db/schema.js';
import type { KeyOf } from '../../i18n/catalogue.js';
import { LANGUAGES } from '../../i18n/languages.js';
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
