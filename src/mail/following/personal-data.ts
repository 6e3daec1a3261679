/**
 * E-mail updates in a member's data download, ended when they delete their
 * account. Following needs no account, so the address is what ties them to it.
 * Deleting the account also forgets every e-mail to that address, sent or
 * still waiting: nothing queued before the deletion goes out after it.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { DataSubject, PersonalData } from '../../domain.js';
import type { MailOutbox } from '../outbox.js';
import type { FollowStore } from './store.js';

function subscribersOf(db: Db | Tx, subject: DataSubject) {
  return db.selectFrom('mail_subscribers').where(sql<string>`lower(address)`, '=', subject.email.toLowerCase()).orderBy('id');
}

export function followingPersonalData(db: Db, follow: FollowStore, outbox: Pick<MailOutbox, 'deleteForAddress'>): PersonalData {
  return {
    section: 'emailUpdates',
    async export(subject) {
      const subscribers = await subscribersOf(db, subject).selectAll().execute();
      return Promise.all(
        subscribers.map(async (s) => {
          const subscriptions = await db
            .selectFrom('mail_subscriptions')
            .leftJoin('pages', 'pages.id', 'mail_subscriptions.page_id')
            .select(['mail_subscriptions.topic_key', 'pages.slug', 'mail_subscriptions.requested_at', 'mail_subscriptions.confirmed_at', 'mail_subscriptions.consent_text'])
            .where('mail_subscriptions.subscriber_id', '=', s.id)
            .orderBy('mail_subscriptions.id')
            .execute();
          return {
            address: s.address,
            language: s.lang,
            frequency: s.frequency,
            since: s.created_at,
            lastDigestAt: s.last_digest_at,
            follows: subscriptions.map((f) => ({
              topic: f.topic_key === 'site' ? 'site' : f.slug,
              requestedAt: f.requested_at,
              confirmedAt: f.confirmed_at,
              consentText: f.consent_text,
            })),
          };
        }),
      );
    },
    async erase(tx, subject) {
      for (const { id } of await subscribersOf(tx, subject).select('id').execute()) await follow.unsubscribeAll(tx, id);
      await outbox.deleteForAddress(tx, subject.email);
      return false;
    },
  };
}
