import { z } from 'zod';
import type { Tx } from '../db/database.js';

/**
 * What an English revision means for the translations once published:
 * "normal" marks the changed sections outdated, "minor" keeps them valid
 * (spelling, layout), "safety" also shows readers the current English of
 * those sections until they are translated again.
 */
export const TranslationImpact = z.enum(['normal', 'minor', 'safety']);
export type TranslationImpact = z.infer<typeof TranslationImpact>;

/** Remembers a revision's impact, in the transaction that saves it (read when it is published). */
export async function recordTranslationImpact(tx: Tx, revisionId: number, impact: TranslationImpact): Promise<void> {
  if (impact === 'normal') return;
  await tx.insertInto('source_change_impacts').values({ revision_id: revisionId, impact }).execute();
}
