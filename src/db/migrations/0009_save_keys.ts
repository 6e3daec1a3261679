import type { Kysely } from 'kysely';

/** Editing: a resent editor form (double click, retry after a timeout) is stored once; see page_revisions.save_key. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('page_revisions').addColumn('save_key', 'text').execute();
  // Unique, so two copies of one form arriving at once cannot both be stored (NULLs do not collide on either backend).
  await db.schema.createIndex('page_revisions_save_key').on('page_revisions').column('save_key').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('page_revisions_save_key').execute();
  await db.schema.alterTable('page_revisions').dropColumn('save_key').execute();
}
