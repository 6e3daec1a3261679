import type { Kysely } from 'kysely';
import { withId } from '../dialect.js';

/**
 * The outbox (src/mail/outbox.ts): every e-mail the product sends is a row
 * here first, written in the same transaction as the change that causes it,
 * and handed to SMTP later by the mail.deliver job.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('mail_outbox'))
    // Stable across retries and servers, so a receiver can tell a repeat from a new e-mail.
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    // Optional: the same e-mail queued twice (a digest for one period) is one row.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at', 'id']).execute();
  await db.schema.createIndex('mail_outbox_sent').on('mail_outbox').column('sent_at').execute();
  await db.schema.createIndex('mail_outbox_to').on('mail_outbox').column('to_address').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
}
