/** Checks a reader's feedback form: Zod for the shape, then the comment's length and personal data. */
import { z } from 'zod';
import { findPersonalData } from '../community/privacy.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { FeedbackProblem } from '../db/schema.js';
import type { Localizer } from '../i18n/localizer.js';
import { feedbackText } from './messages/index.js';
import { COMMENT_MAX, PROBLEMS } from './store.js';

const Helpful = z.object({ helpful: z.enum(['yes', 'no']), comment: z.string().max(COMMENT_MAX) });
const Problem = z.object({ problem: z.enum(PROBLEMS), comment: z.string().max(COMMENT_MAX) });

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** The comment as sent, with line endings made one kind and outer spaces gone (never shortened). */
export const commentOf = (fields: Record<string, string>) => (fields.comment ?? '').replace(/\r\n?/g, '\n').trim();

function commentErrors(i18n: Localizer, comment: string): FieldError[] {
  const t = i18n.text(feedbackText);
  if (comment.length > COMMENT_MAX) return [{ field: 'comment', message: t('commentTooLong', { count: i18n.number(comment.length), max: i18n.number(COMMENT_MAX) }) }];
  // Only what identifies someone directly: postal-address guesses would refuse too many remarks about a page.
  const found = findPersonalData(comment).filter((f) => f.kind === 'email' || f.kind === 'phone');
  if (found.length) return [{ field: 'comment', message: t('commentPersonal', { found: found.map((f) => f.text).join(', ') }) }];
  return [];
}

export function checkHelpful(i18n: Localizer, fields: Record<string, string>): Checked<{ helpful: boolean; comment: string }> {
  const t = i18n.text(feedbackText);
  const comment = commentOf(fields);
  const parsed = Helpful.safeParse({ helpful: fields.helpful, comment });
  const errors: FieldError[] = [];
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'helpful')) errors.push({ field: 'helpful', message: t('chooseHelpful') });
  errors.push(...commentErrors(i18n, comment));
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: { helpful: parsed.data.helpful === 'yes', comment } };
}

export function checkProblem(i18n: Localizer, fields: Record<string, string>): Checked<{ problem: FeedbackProblem; comment: string }> {
  const t = i18n.text(feedbackText);
  const comment = commentOf(fields);
  const parsed = Problem.safeParse({ problem: fields.problem, comment });
  const errors: FieldError[] = [];
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'problem')) errors.push({ field: 'problem', message: t('chooseProblem') });
  errors.push(...commentErrors(i18n, comment));
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, value: { problem: parsed.data.problem, comment } };
}
