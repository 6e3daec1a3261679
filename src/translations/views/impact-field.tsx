import type { Localizer } from '../../i18n/localizer.js';
import type { TranslationImpact } from '../impact.js';
import { translationsText } from '../messages/index.js';

/** The English editor's choice of what this change means for translations (radio buttons; "normal" by default). */
export function TranslationImpactField({ value, i18n }: { value: TranslationImpact; i18n: Localizer }) {
  const t = i18n.text(translationsText);
  const option = (impact: TranslationImpact, label: 'impactNormal' | 'impactMinor' | 'impactSafety', hint: 'impactNormalHint' | 'impactMinorHint' | 'impactSafetyHint') => (
    <div class="choice">
      <input type="radio" name="translationImpact" id={`f-impact-${impact}`} value={impact} checked={value === impact} aria-describedby={`f-impact-${impact}-hint`} />
      <label for={`f-impact-${impact}`}>{t(label)}</label>
      <p class="hint" id={`f-impact-${impact}-hint`}>
        {t(hint)}
      </p>
    </div>
  );
  return (
    <fieldset class="translation-impact">
      <legend>{t('impactLegend')}</legend>
      {option('normal', 'impactNormal', 'impactNormalHint')}
      {option('minor', 'impactMinor', 'impactMinorHint')}
      {option('safety', 'impactSafety', 'impactSafetyHint')}
    </fieldset>
  );
}
