import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { terms } from './normalize.js';
import { bumpSearchGeneration } from './vocabulary.js';

/** One group of the synonym table as editors see it. */
export interface SynonymGroup {
  id: number;
  terms: string[];
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
      const rows = await db.selectFrom('search_synonyms').select(['group_id', 'term']).orderBy('group_id').orderBy('id').execute();
      const groups = new Map<number, string[]>();
      for (const r of rows) groups.set(Number(r.group_id), [...(groups.get(Number(r.group_id)) ?? []), r.term]);
      return [...groups].map(([id, list]) => ({ id, terms: list }));
    },

    /** Adds terms that mean the same ("PAH", "pulmonary arterial hypertension"); returns the new group's id. */
    async add(input: string[]): Promise<number> {
      const cleaned = [...new Set(input.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
      if (cleaned.length < 2) throw new SynonymGroupError('A synonym group needs at least two different terms.');
      const unusable = cleaned.filter((t) => !terms(t).length || t.length > 100);
      if (unusable.length) throw new SynonymGroupError(`These terms have no searchable words or are too long: ${unusable.join(', ')}`);
      return db.transaction().execute(async (tx) => {
        const top = await tx.selectFrom('search_synonyms').select(sql<number>`coalesce(max(group_id), 0)`.as('top')).executeTakeFirstOrThrow();
        const id = Number(top.top) + 1;
        await tx.insertInto('search_synonyms').values(cleaned.map((term) => ({ group_id: id, term }))).execute();
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
