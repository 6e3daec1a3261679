import type { Kysely } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Accounts: forms parked when a sign-in ran out mid-edit (src/accounts/parked-forms.ts),
 * so the text comes back after signing in again.
 * Editing: a reviewer's comment when sending a revision back to its author.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parked_forms')
    // sha256 of the random token in the browser's short-lived cookie: only that browser finds the form.
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    // The site path the form was sent to (without language prefix), e.g. /edit/asthma.
    .addColumn('path', 'text', (c) => c.notNull())
    // Who was signed in, when still known (a session that just lapsed); null when the browser had no session left.
    .addColumn('user_id', 'integer')
    // JSON object of the form's string fields (the CSRF token left out).
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parked_forms_pk', ['owner_hash', 'path'])
    .execute();
  await db.schema.createIndex('parked_forms_expires').on('parked_forms').column('expires_at').execute();

  await withId(db, db.schema.createTable('revision_comments'))
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('page_revisions.id').onDelete('cascade'))
    .addColumn('page_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // 'sent_back' (the revision went back to draft with this comment).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revision_comments_page').on('revision_comments').columns(['page_key', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('revision_comments').execute();
  await db.schema.dropTable('parked_forms').execute();
}
