import type { Kysely } from 'kysely';

/**
 * Directory: the title a page is listed under in the A–Z, the tree, search
 * and suggestions ("Silica" for "Causes: Silica"). NULL: the default that
 * src/directory/sort-title.ts derives from the title.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pages').addColumn('sort_title', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('pages').dropColumn('sort_title').execute();
}
