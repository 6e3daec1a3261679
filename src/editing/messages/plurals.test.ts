import { type MessageFormatElement, TYPE, parse } from '@formatjs/icu-messageformat-parser';
import { describe, expect, test } from 'vitest';
import { TRANSLATED_LANGS } from '../../i18n/languages.js';
import { editingText } from './index.js';

/** The plural categories each plural in a message offers, by argument name. */
function pluralForms(message: string): Array<{ argument: string; forms: string[] }> {
  const found: Array<{ argument: string; forms: string[] }> = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.plural) found.push({ argument: el.value, forms: Object.keys(el.options) });
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return found;
}

describe('plurals in the editing catalogue', () => {
  test.each(TRANSLATED_LANGS)('%s: every count the English source counts is counted with all of the language’s plural forms', (lang) => {
    // The forms a language's numbers actually take (Arabic: zero, one, two, few, many, other). Spanish and
    // French "many" is for round millions ("1 millón de …"), where the "other" form reads right for these counts.
    const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.filter((c) => c !== 'many' || lang === 'ar');
    const missing = Object.entries(editingText.source).flatMap(([key, english]) => {
      const translated = editingText.translations[lang]?.[key as keyof typeof editingText.source];
      if (!translated) return [`${key}: not translated`];
      return pluralForms(english).flatMap(({ argument }) => {
        const theirs = pluralForms(translated).find((p) => p.argument === argument);
        if (!theirs) return [`${key}: {${argument}} is not counted`];
        const lacking = needed.filter((form) => !theirs.forms.includes(form));
        return lacking.length ? [`${key}: {${argument}} lacks ${lacking.join(', ')}`] : [];
      });
    });
    expect(missing).toEqual([]);
  });

  test('the check can fail: an Arabic count with only one and other is seen', () => {
    expect(pluralForms('{n, plural, one {# نسخة} other {# نسخة}}')[0]!.forms).not.toContain('two');
  });
});
