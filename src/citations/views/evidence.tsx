/** How strong and how current a cited study is, for readers: study-type badge and retraction warning. */
import { escapeHtml } from '../csl-html.js';
import { type RetractionStatus, retractionNotice, studyTypeFromPubTypes } from '../study-type.js';

/**
 * The study type with its plain explanation behind a <details> (keyboard and
 * screen-reader friendly, works without JavaScript); print shows the
 * explanation as text, since nobody can open a disclosure on paper.
 */
export function StudyTypeBadge({ pubTypes }: { pubTypes: readonly string[] }) {
  const type = studyTypeFromPubTypes(pubTypes);
  return (
    <div class={`study-type study-type-${type.id}`}>
      <details>
        <summary>
          <span class="visually-hidden">Kind of study: </span>
          {type.label}
          <span class="study-type-more"> (what this means)</span>
        </summary>
        <p>{type.explanation}</p>
      </details>
      <p class="study-type-print">
        {type.label}: {type.explanation}
      </p>
    </div>
  );
}

/** The warning shown before a flagged citation, as a safe HTML fragment (it joins citeproc's HTML on reader pages). */
export function flagWarningHtml(statuses: readonly RetractionStatus[]): string {
  return statuses
    .map((status) => {
      const notice = retractionNotice(status);
      return `<span class="cite-flag cite-flag-${status}"><strong>Warning: ${escapeHtml(notice.label)}.</strong> ${escapeHtml(notice.explanation)}</span> `;
    })
    .join('');
}

/** The same warning as a component, for editor pages. */
export function FlagWarning({ status }: { status: RetractionStatus }) {
  const notice = retractionNotice(status);
  return (
    <span class={`cite-flag cite-flag-${status}`}>
      <strong>Warning: {notice.label}.</strong> {notice.explanation}
    </span>
  );
}
