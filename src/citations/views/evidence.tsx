/** How strong and how current a cited study is, for readers: study-type badge and retraction warning. */
import type { Localizer } from '../../i18n/localizer.js';
import { escapeHtml } from '../csl-html.js';
import { citationsTextIn, retractionText, studyTypeText } from '../messages/index.js';
import { type RetractionStatus, studyTypeFromPubTypes } from '../study-type.js';

/**
 * The study type with its plain explanation behind a <details> (keyboard and
 * screen-reader friendly, works without JavaScript); print shows the
 * explanation as text, since nobody can open a disclosure on paper.
 * `i18n` is the page's language (English when a caller does not pass it yet).
 */
export function StudyTypeBadge({ pubTypes, i18n }: { pubTypes: readonly string[]; i18n?: Localizer | undefined }) {
  const t = citationsTextIn(i18n);
  const type = studyTypeFromPubTypes(pubTypes);
  const { label, explanation } = studyTypeText(t, type.id);
  return (
    <div class={`study-type study-type-${type.id}`}>
      <details>
        <summary>
          <span class="visually-hidden">{t('badgeKind')} </span>
          {label}
          <span class="study-type-more"> {t('badgeMore')}</span>
        </summary>
        <p>{explanation}</p>
      </details>
      <p class="study-type-print">{t('badgePrint', { label, explanation })}</p>
    </div>
  );
}

/** The warning shown before a flagged citation, as a safe HTML fragment (it joins citeproc's HTML on reader pages). */
export function flagWarningHtml(statuses: readonly RetractionStatus[], i18n?: Localizer): string {
  const t = citationsTextIn(i18n);
  return statuses
    .map((status) => {
      const notice = retractionText(t, status);
      return `<span class="cite-flag cite-flag-${status}"><strong>${escapeHtml(t('flagWarning', { label: notice.label }))}</strong> ${escapeHtml(notice.explanation)}</span> `;
    })
    .join('');
}

/** The same warning as a component, for editor pages. */
export function FlagWarning({ status, i18n }: { status: RetractionStatus; i18n: Localizer }) {
  const t = citationsTextIn(i18n);
  const notice = retractionText(t, status);
  return (
    <span class={`cite-flag cite-flag-${status}`}>
      <strong>{t('flagWarning', { label: notice.label })}</strong> {notice.explanation}
    </span>
  );
}
