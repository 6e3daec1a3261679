/** Checks an editor's glossary form with Zod; problems come back by field, in the form's language. */
import { z } from 'zod';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { Localizer } from '../i18n/localizer.js';
import { glossaryText } from './messages/index.js';
import { glossarySlug } from './store.js';

export const TERM_MAX = 100;
export const DEFINITION_MAX = 600;
export const SYNONYMS_MAX = 10;

const Term = z.object({
  term: z.string().min(1).max(TERM_MAX),
  synonyms: z.array(z.string().min(1).max(TERM_MAX)).max(SYNONYMS_MAX),
  definition: z.string().min(1).max(DEFINITION_MAX),
});
export type TermInput = z.infer<typeof Term>;

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** `translation`: a translated term keeps the English term's address, so it needs no letters of its own for one. */
export function checkTerm(i18n: Localizer, fields: Record<string, string>, translation = false): { ok: true; value: TermInput } | { ok: false; errors: FieldError[] } {
  const t = i18n.text(glossaryText);
  const input = {
    term: clean(fields.term),
    synonyms: [...new Set((fields.synonyms ?? '').split(/[,\n]/).map(clean).filter(Boolean))],
    definition: (fields.definition ?? '').replace(/\r\n?/g, '\n').trim(),
  };
  const parsed = Term.safeParse(input);
  const errors: FieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (errors.some((e) => e.field === field)) continue;
      if (field === 'term') errors.push({ field, message: input.term ? t('termTooLong', { max: TERM_MAX }) : t('termMissing') });
      else if (field === 'definition') errors.push({ field, message: input.definition ? t('definitionTooLong', { count: i18n.number(input.definition.length), max: i18n.number(DEFINITION_MAX) }) : t('definitionMissing') });
      else errors.push({ field: 'synonyms', message: input.synonyms.length > SYNONYMS_MAX ? t('synonymsTooMany', { max: SYNONYMS_MAX }) : t('synonymTooLong', { max: TERM_MAX }) });
    }
  }
  if (!translation && input.term && !errors.some((e) => e.field === 'term') && !glossarySlug(input.term)) errors.push({ field: 'term', message: t('termNoLetters') });
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, value: parsed.data };
}
