import type { Kysely } from 'kysely';

/**
 * What lets readers judge a page: the clinical codes of the condition it is
 * about (src/directory/clinical-codes.ts), and the disclosure of each author
 * and reviewer (qualifications, affiliation, funding, and when the
 * conflict-of-interest statement was declared; the statement itself is the
 * authors.disclosure column).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('page_codes')
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('who_entity', 'text')
    .addPrimaryKeyConstraint('page_codes_pk', ['page_id', 'position'])
    .execute();
  await db.schema.createIndex('page_codes_code').on('page_codes').columns(['system', 'code']).execute();

  for (const column of ['qualifications', 'affiliation', 'funding']) {
    await db.schema.alterTable('authors').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  // Null: no declaration recorded yet (the statement, even if written, was never dated).
  await db.schema.alterTable('authors').addColumn('declared_on', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['declared_on', 'funding', 'affiliation', 'qualifications']) await db.schema.alterTable('authors').dropColumn(column).execute();
  await db.schema.dropTable('page_codes').execute();
}
