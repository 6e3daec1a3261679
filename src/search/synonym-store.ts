import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { type Lang, SOURCE_LANG } from '../i18n/languages.js';
import { terms } from './normalize.js';
import { bumpSearchGeneration } from './vocabulary.js';

/** One group of the synonym table as editors see it. */
export interface SynonymGroup {
  id: number;
  terms: string[];
  /** The language its terms are in ('en' for the seed list). */
  lang: string;
}

/** Why a new synonym group cannot be saved. */
export class SynonymGroupError extends Error {
  override name = 'SynonymGroupError';
}

/**
 * The write side of the synonym table, for editors (the seed list comes with
 * migration 0002). Every change bumps the search generation, so every
 * server's cached table is replaced on its next search.
 */
export function createSynonymStore(db: Db) {
  return {
    async list(): Promise<SynonymGroup[]> {
      const rows = await db.selectFrom('search_synonyms').select(['group_id', 'term', 'lang']).orderBy('group_id').orderBy('id').execute();
      const groups = new Map<number, { terms: string[]; lang: string }>();
      for (const r of rows) {
        const group = groups.get(Number(r.group_id)) ?? { terms: [], lang: r.lang };
        group.terms.push(r.term);
        groups.set(Number(r.group_id), group);
      }
      return [...groups].map(([id, group]) => ({ id, ...group }));
    },

    /**
     * Adds terms that mean the same ("PAH", "pulmonary arterial hypertension";
     * in Spanish "HAP", "hipertensión arterial pulmonar"); returns the new group's id.
     * A group is in one language: searches in it (and, for English, in every language) use it.
     */
    async add(input: string[], lang: Lang = SOURCE_LANG): Promise<number> {
      const cleaned = [...new Set(input.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
      if (cleaned.length < 2) throw new SynonymGroupError('A synonym group needs at least two different terms.');
      const unusable = cleaned.filter((t) => !terms(t, lang).length || t.length > 100);
      if (unusable.length) throw new SynonymGroupError(`These terms have no searchable words or are too long: ${unusable.join(', ')}`);
      return db.transaction().execute(async (tx) => {
        const top = await tx.selectFrom('search_synonyms').select(sql<number>`coalesce(max(group_id), 0)`.as('top')).executeTakeFirstOrThrow();
        const id = Number(top.top) + 1;
        await tx.insertInto('search_synonyms').values(cleaned.map((term) => ({ group_id: id, term, lang }))).execute();
        await bumpSearchGeneration(tx);
        return id;
      });
    },

    async remove(groupId: number): Promise<void> {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('search_synonyms').where('group_id', '=', groupId).execute();
        await bumpSearchGeneration(tx);
      });
    },
  };
}
