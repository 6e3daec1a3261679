import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/** Request counters every server shares (src/web/rate-limits.ts): one row per limit and client, for the current window. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_started_at').execute();
  // Counters need no crash safety: an unlogged table writes no WAL, so counting a request
  // does not wait for the disk (after a crash PostgreSQL empties it, which only forgives).
  if (dialectOf(db) === 'postgres') await sql`alter table rate_limits set unlogged`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
