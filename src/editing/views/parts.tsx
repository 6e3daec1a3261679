import type { RevisionState } from '../../db/schema.js';
import type { ChecklistItem } from '../checklist.js';
import { type Readability, TARGET_GRADE, gradeVerdict } from '../readability.js';
import type { DiffPart } from '../word-diff.js';

/** A word-level diff: deletions struck through, insertions underlined, each announced in words to screen readers. */
export function DiffView({ parts, label }: { parts: DiffPart[]; label: string }) {
  const changed = parts.some((p) => p.type !== 'same');
  return (
    <div class="diff" role="region" aria-label={label} tabindex={0}>
      {changed
        ? parts.map((p) =>
            p.type === 'same' ? (
              p.text
            ) : p.type === 'ins' ? (
              <ins>
                <span class="visually-hidden">[inserted: </span>
                {p.text}
                <span class="visually-hidden">]</span>
              </ins>
            ) : (
              <del>
                <span class="visually-hidden">[deleted: </span>
                {p.text}
                <span class="visually-hidden">]</span>
              </del>
            ),
          )
        : 'No differences.'}
    </div>
  );
}

/** How many changes a diff holds, in words ("3 insertions and 1 deletion"). */
export function diffSummary(parts: DiffPart[]): string {
  const ins = parts.filter((p) => p.type === 'ins').length;
  const del = parts.filter((p) => p.type === 'del').length;
  if (!ins && !del) return 'No differences.';
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(ins, 'insertion')} and ${n(del, 'deletion')}.`;
}

const VERDICT_TEXT = {
  'no text': 'no text to measure yet',
  easy: `below the target of grade ${TARGET_GRADE.min}–${TARGET_GRADE.max}: easy to read`,
  'on target': `within the target of grade ${TARGET_GRADE.min}–${TARGET_GRADE.max}`,
  hard: `above the target of grade ${TARGET_GRADE.min}–${TARGET_GRADE.max}: try shorter sentences and shorter words`,
} as const;

/** Both grade formulas for the page's plain-language text, against the 6–8 target, in words. */
export function ReadabilityPanel({ readability }: { readability: Readability }) {
  const row = (name: string, grade: number | null) => {
    const verdict = gradeVerdict(grade);
    return (
      <div class={`readability-row verdict-${verdict.replace(' ', '-')}`}>
        <dt>{name}</dt>
        <dd>
          {grade === null ? '–' : <strong>grade {grade.toFixed(1)}</strong>}, {VERDICT_TEXT[verdict]}
        </dd>
      </div>
    );
  };
  return (
    <section class="readability panel" aria-labelledby="readability-title">
      <h2 id="readability-title">Readability</h2>
      <dl>
        {row('Flesch–Kincaid', readability.fleschKincaid)}
        {row('SMOG', readability.smog)}
      </dl>
      <p class="hint">
        Measured on the summary and the text of every entry ({readability.words} words in {readability.sentences} sentences), without citations or link
        syntax. Aim for grade {TARGET_GRADE.min} to {TARGET_GRADE.max}. The two formulas often disagree by about 3 grades on health text, because SMOG
        counts long words while Flesch–Kincaid mostly counts syllables per word: treat them as a guide, not a verdict.
      </p>
    </section>
  );
}

/** What publishing needs, each item marked in words as well as with a symbol. */
export function ChecklistPanel({ items }: { items: ChecklistItem[] }) {
  const missing = items.filter((i) => !i.ok).length;
  return (
    <section class="checklist panel" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Before publishing</h2>
      <p>{missing ? `${missing} of ${items.length} things still missing.` : 'Everything a trustworthy health page needs is here.'}</p>
      <ul class="checklist-items">
        {items.map((i) => (
          <li class={i.ok ? 'check-ok' : 'check-missing'}>
            <span class="check-mark" aria-hidden="true">
              {i.ok ? '✓' : '✗'}
            </span>
            <strong>
              {i.label}: {i.ok ? 'done' : 'missing'}.
            </strong>{' '}
            {i.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}

const STATE_TEXT: Record<RevisionState, string> = {
  draft: 'Draft',
  in_review: 'Waiting for medical review',
  approved: 'Approved, not yet published',
  published: 'Published',
  superseded: 'Replaced by a later revision',
};

export function stateText(state: RevisionState): string {
  return STATE_TEXT[state];
}

/** A revision's state as a labelled tag (text, never colour alone). */
export function StateTag({ state }: { state: RevisionState }) {
  return <span class={`state-tag state-${state}`}>{STATE_TEXT[state]}</span>;
}
