import type { RevisionState } from '../../db/schema.js';
import type { Localizer } from '../../i18n/localizer.js';
import type { ChecklistItem } from '../checklist.js';
import { type DigestReadability, type Readability, TARGET_GRADE, gradeVerdict } from '../readability.js';
import type { DiffPart } from '../word-diff.js';
import { type EditingKey, type EditingText, checklistDetail, checklistLabel, contentLang, editingTextOf, interfaceLangIn, gradeNumber, stateName } from './text.js';

/**
 * A word-level diff of page text: deletions struck through, insertions underlined, each announced in words to
 * screen readers. `lang`: the text's language (a translation's); default the source language.
 */
export function DiffView({ parts, label, i18n, lang }: { parts: DiffPart[]; label: string; i18n: Localizer; lang?: string }) {
  const t = editingTextOf(i18n);
  const changed = parts.some((p) => p.type !== 'same');
  const own = interfaceLangIn(i18n);
  return (
    <div class="diff" role="region" aria-label={label} tabindex={0} dir="auto" lang={lang ?? contentLang(i18n)}>
      {changed
        ? parts.map((p) =>
            p.type === 'same' ? (
              p.text
            ) : p.type === 'ins' ? (
              <ins>
                <span class="visually-hidden" lang={own}>{t('diffInsertedStart')}</span>
                {p.text}
                <span class="visually-hidden" lang={own}>{t('diffEnd')}</span>
              </ins>
            ) : (
              <del>
                <span class="visually-hidden" lang={own}>{t('diffDeletedStart')}</span>
                {p.text}
                <span class="visually-hidden" lang={own}>{t('diffEnd')}</span>
              </del>
            ),
          )
        : <span lang={own}>{t('diffNone')}</span>}
    </div>
  );
}

/** How many changes a diff holds, in words ("3 insertions and 1 deletion"). */
export function diffSummary(t: EditingText, parts: DiffPart[]): string {
  const ins = parts.filter((p) => p.type === 'ins').length;
  const del = parts.filter((p) => p.type === 'del').length;
  if (!ins && !del) return t('diffNone');
  return t('diffSummary', { ins, del });
}

const VERDICT_KEYS = {
  'no text': 'verdictNoText',
  easy: 'verdictEasy',
  'on target': 'verdictOnTarget',
  hard: 'verdictHard',
} as const satisfies Record<ReturnType<typeof gradeVerdict>, EditingKey>;

/** Both grade formulas for the page's plain-language text, against the 6–8 target, in words. */
/** Words this page uses that the glossary does not explain, each a link to write its entry. */
export function GlossaryGapsPanel({ gaps, i18n }: { gaps: ReadonlyArray<{ word: string; uses: number }>; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  return (
    <section class="glossary-gaps panel" aria-labelledby="glossary-gaps-title">
      <h2 id="glossary-gaps-title">{t('glossaryGapsTitle')}</h2>
      {gaps.length ? (
        <>
          <p class="hint">{t('glossaryGapsIntro')}</p>
          <ul>
            {gaps.map((g) => (
              <li>
                {t.rich('glossaryGapsItem', {
                  count: g.uses,
                  word: g.word,
                  write: (chunks) => (
                    <a href={i18n.path(`/edit/glossary/new?term=${encodeURIComponent(g.word)}`)} lang="en">
                      {chunks}
                    </a>
                  ),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="hint">{t('glossaryGapsNone')}</p>
      )}
    </section>
  );
}

export function ReadabilityPanel({ readability, digests = [], i18n }: { readability: Readability; digests?: readonly DigestReadability[]; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  const target = { min: TARGET_GRADE.min, max: TARGET_GRADE.max };
  const row = (name: string, grade: number | null) => {
    const verdict = gradeVerdict(grade);
    const words = t(VERDICT_KEYS[verdict], target);
    return (
      <div class={`readability-row verdict-${verdict.replace(' ', '-')}`}>
        <dt>{name}</dt>
        <dd>{grade === null ? t('readabilityRowNone', { verdict: words }) : t.rich('readabilityRow', { grade: gradeNumber(i18n, grade), verdict: words, b: (chunks) => <strong>{chunks}</strong> })}</dd>
      </div>
    );
  };
  return (
    <section class="readability panel" aria-labelledby="readability-title">
      <h2 id="readability-title">{t('readabilityTitle')}</h2>
      <dl>
        {row(t('formulaFleschKincaid'), readability.fleschKincaid)}
        {row(t('formulaSmog'), readability.smog)}
      </dl>
      <p class="hint">{t('readabilityHint', { words: readability.words, sentences: readability.sentences, ...target })}</p>
      {digests.length ? (
        <>
          <h3>{t('digestReadabilityTitle')}</h3>
          <table class="data-table digest-readability">
            <caption class="visually-hidden">{t('digestReadabilityCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('digestColDigest')}</th>
                <th scope="col">{t('digestColGrade')}</th>
              </tr>
            </thead>
            <tbody>
              {digests.map((d) => {
                const grade = d.readability.fleschKincaid;
                const verdict = gradeVerdict(grade);
                const words = t(VERDICT_KEYS[verdict], target);
                return (
                  <tr class={`verdict-${verdict.replace(' ', '-')}`}>
                    <th scope="row">{t(d.kind === 'research' ? 'digestLabelResearch' : 'digestLabelNews', { number: d.number, opening: d.opening })}</th>
                    <td data-label={t('digestColGrade')}>
                      {grade === null ? t('readabilityRowNone', { verdict: words }) : t.rich('readabilityRow', { grade: gradeNumber(i18n, grade), verdict: words, b: (chunks) => <strong>{chunks}</strong> })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="hint">{t('digestReadabilityHint')}</p>
        </>
      ) : null}
    </section>
  );
}

/** What publishing needs, each item marked in words as well as with a symbol. */
export function ChecklistPanel({ items, i18n }: { items: ChecklistItem[]; i18n: Localizer }) {
  const t = editingTextOf(i18n);
  const missing = items.filter((i) => !i.ok).length;
  return (
    <section class="checklist panel" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklistTitle')}</h2>
      <p>{missing ? t('checklistMissing', { missing, total: items.length }) : t('checklistAllDone')}</p>
      <ul class="checklist-items">
        {items.map((i) => (
          <li class={i.ok ? 'check-ok' : 'check-missing'}>
            <span class="check-mark" aria-hidden="true">
              {i.ok ? '✓' : '✗'}
            </span>
            <strong>{t('checklistItem', { label: checklistLabel(t, i.id), status: i.ok ? 'done' : 'missing' })}</strong> {checklistDetail(t, i18n, i.detail)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A revision's state as a labelled tag (text, never colour alone). */
export function StateTag({ state, i18n }: { state: RevisionState; i18n: Localizer }) {
  return <span class={`state-tag state-${state}`}>{stateName(editingTextOf(i18n), state)}</span>;
}
