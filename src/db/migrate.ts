import { type Kysely, Migrator } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/**
 * Brings the schema up to date; throws with the failing migration's name.
 * `inOpenTransaction`: the caller has already begun a transaction on this
 * (single-connection) db and commits or rolls back itself (copy-database).
 */
export async function migrateToLatest(db: Db | Kysely<any>, options: { inOpenTransaction?: boolean } = {}): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    disableTransactions: options.inOpenTransaction === true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
}
