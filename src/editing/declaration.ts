import { z } from 'zod';
import type { CurrentUser } from '../accounts/context.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { Db, Tx } from '../db/database.js';
import { ensureAuthorFor } from './service/review.js';
import type { EditingText } from './views/text.js';

/**
 * A person's own declaration for bylines (docs/content-format.md, Authors):
 * qualifications, affiliation, conflicts of interest and funding. Each person
 * makes theirs at /declaration; saving it dates it today, which is what the
 * publish checklist checks (src/editing/checklist.ts).
 */
export const DeclarationForm = z.object({
  qualifications: z.string().max(10_000).default(''),
  affiliation: z.string().max(10_000).default(''),
  interests: z.string().max(50_000).default(''),
  noConflicts: z.string().max(10).default(''),
  funding: z.string().max(50_000).default(''),
});
export type DeclarationForm = z.infer<typeof DeclarationForm>;

export const DECLARATION_FIELD_IDS = {
  qualifications: 'd-qualifications',
  affiliation: 'd-affiliation',
  interests: 'd-interests',
  noConflicts: 'd-no-conflicts',
  funding: 'd-funding',
} as const;

const LIMITS = { qualifications: 300, affiliation: 300, interests: 2000, funding: 1000 } as const;

export interface Declaration {
  qualifications: string;
  affiliation: string;
  /** '' when the person declared no conflicts. */
  interests: string;
  funding: string;
}

/** Reads the form: every problem at once, next to its field; the form keeps what was typed. */
export function declarationFromForm(form: DeclarationForm, t: EditingText): { declaration: Declaration | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = {
    qualifications: form.qualifications.trim(),
    affiliation: form.affiliation.trim(),
    interests: form.interests.trim(),
    funding: form.funding.trim(),
  };
  for (const key of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
    if (value[key].length > LIMITS[key]) errors.push({ field: DECLARATION_FIELD_IDS[key], message: t('declarationTooLong', { max: LIMITS[key] }) });
  }
  const none = form.noConflicts === 'yes';
  if (none && value.interests) errors.push({ field: DECLARATION_FIELD_IDS.interests, message: t('declarationBoth') });
  if (!none && !value.interests) errors.push({ field: DECLARATION_FIELD_IDS.interests, message: t('declarationNeither') });
  return { declaration: errors.length ? null : value, errors };
}

/** The person's current declaration (from their author record), as the form shows it, and when it was made. */
export async function loadDeclaration(db: Db, user: CurrentUser): Promise<{ form: DeclarationForm; declaredOn: string | null }> {
  const key = (await db.selectFrom('users').select('author_key').where('id', '=', user.id).executeTakeFirst())?.author_key ?? user.authorKey;
  const row = key ? await db.selectFrom('authors').select(['disclosure', 'qualifications', 'affiliation', 'funding', 'declared_on']).where('key', '=', key).executeTakeFirst() : undefined;
  if (!row) return { form: DeclarationForm.parse({}), declaredOn: null };
  return {
    form: {
      qualifications: row.qualifications,
      affiliation: row.affiliation,
      interests: row.disclosure,
      noConflicts: row.declared_on && !row.disclosure ? 'yes' : '',
      funding: row.funding,
    },
    declaredOn: row.declared_on,
  };
}

/** Records the declaration on the person's author record (made on first need), dated today; returns the author key. */
export async function saveDeclaration(tx: Tx, user: CurrentUser, declaration: Declaration, today: string): Promise<string> {
  const key = await ensureAuthorFor(tx, user, '');
  await tx
    .updateTable('authors')
    .set({ qualifications: declaration.qualifications, affiliation: declaration.affiliation, disclosure: declaration.interests, funding: declaration.funding, declared_on: today })
    .where('key', '=', key)
    .execute();
  return key;
}
