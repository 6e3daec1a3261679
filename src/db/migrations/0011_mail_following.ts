import type { Kysely } from 'kysely';
import { withId } from '../dialect.js';

/**
 * Following by e-mail, no account needed (src/mail/following/): one row per
 * address, one per topic it follows (or the whole site), each confirmed by
 * the link in a confirmation e-mail before anything else is sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('mail_subscribers'))
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // At most one confirmation e-mail an hour per address, whoever asks.
    .addColumn('confirmation_sent_at', 'text')
    // Changes up to this instant have been considered for this address's digest.
    .addColumn('digest_through', 'text', (c) => c.notNull())
    .addColumn('last_digest_at', 'text')
    .execute();
  await db.schema.createIndex('mail_subscribers_digest').on('mail_subscribers').columns(['frequency', 'digest_through']).execute();
  await withId(db, db.schema.createTable('mail_subscriptions'))
    .addColumn('subscriber_id', 'integer', (c) => c.notNull().references('mail_subscribers.id').onDelete('cascade'))
    // "site" for the whole site's news, "page:<id>" for a topic and its sub-pages.
    .addColumn('topic_key', 'text', (c) => c.notNull())
    .addColumn('page_id', 'integer', (c) => c.references('pages.id').onDelete('cascade'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    // The consent text exactly as shown next to the form, and when the link was used.
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('mail_subscriptions_once', ['subscriber_id', 'topic_key'])
    .execute();
  await db.schema.createIndex('mail_subscriptions_topic').on('mail_subscriptions').columns(['topic_key', 'subscriber_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_subscriptions').execute();
  await db.schema.dropTable('mail_subscribers').execute();
}
