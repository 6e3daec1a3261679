import type { Kysely } from 'kysely';

/**
 * The glossary in every language (src/glossary/): a revision is in one
 * language, and a translated one remembers the English revision it was
 * translated from, so it knows when the English has changed since.
 * glossary_terms.published_revision_id stays the English one; a language's
 * published revision is its approved one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('glossary_revisions').addColumn('lang', 'text', (c) => c.notNull().defaultTo('en')).execute();
  await db.schema.alterTable('glossary_revisions').addColumn('source_revision_id', 'integer', (c) => c.references('glossary_revisions.id').onDelete('set null')).execute();
  await db.schema.createIndex('glossary_revisions_lang').on('glossary_revisions').columns(['lang', 'state', 'term_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('glossary_revisions_lang').execute();
  await db.schema.alterTable('glossary_revisions').dropColumn('source_revision_id').execute();
  await db.schema.alterTable('glossary_revisions').dropColumn('lang').execute();
}
