/** Subscribers and what they follow: the write side of following by e-mail. */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { MailSubscribersTable, MailSubscriptionsTable } from '../../db/schema.js';

export type SubscriberRow = Selectable<MailSubscribersTable>;
export type SubscriptionRow = Selectable<MailSubscriptionsTable>;
export type Frequency = 'immediately' | 'daily' | 'weekly';
export const FREQUENCIES: readonly Frequency[] = ['immediately', 'daily', 'weekly'];
export const isFrequency = (v: unknown): v is Frequency => typeof v === 'string' && (FREQUENCIES as readonly string[]).includes(v);

/** No more than one confirmation e-mail an hour to one address, however often someone asks. */
export const CONFIRMATION_INTERVAL_MS = 3_600_000;

export interface FollowRequest {
  address: string;
  lang: string;
  frequency: Frequency;
  /** null: the whole site. */
  page: { id: number } | null;
  consentText: string;
}

export function createFollowStore(db: Db, clock: () => Date = () => new Date()) {
  return {
    /**
     * Records a request to follow (pending until confirmed) and says whether a
     * confirmation e-mail may go now. An address already following that topic
     * changes nothing.
     */
    async request(tx: Tx, input: FollowRequest): Promise<{ subscriber: SubscriberRow; sendConfirmation: boolean; alreadyFollowing: boolean }> {
      const now = clock();
      const at = now.toISOString();
      await tx
        .insertInto('mail_subscribers')
        .values({ address: input.address, lang: input.lang, frequency: input.frequency, created_at: at, confirmation_sent_at: null, digest_through: at, last_digest_at: null })
        .onConflict((oc) => oc.column('address').doNothing())
        .execute();
      const subscriber = await tx.selectFrom('mail_subscribers').selectAll().where('address', '=', input.address).executeTakeFirstOrThrow();
      const topicKey = input.page ? `page:${input.page.id}` : 'site';
      const existing = await tx.selectFrom('mail_subscriptions').selectAll().where('subscriber_id', '=', subscriber.id).where('topic_key', '=', topicKey).executeTakeFirst();
      if (existing?.confirmed_at) return { subscriber, sendConfirmation: false, alreadyFollowing: true };
      if (existing) {
        await tx.updateTable('mail_subscriptions').set({ requested_at: at, consent_text: input.consentText }).where('id', '=', existing.id).execute();
      } else {
        await tx
          .insertInto('mail_subscriptions')
          .values({ subscriber_id: subscriber.id, topic_key: topicKey, page_id: input.page?.id ?? null, requested_at: at, consent_text: input.consentText, confirmed_at: null })
          .execute();
      }
      const recent = subscriber.confirmation_sent_at !== null && now.getTime() - Date.parse(subscriber.confirmation_sent_at) < CONFIRMATION_INTERVAL_MS;
      if (!recent) await tx.updateTable('mail_subscribers').set({ confirmation_sent_at: at }).where('id', '=', subscriber.id).execute();
      return { subscriber, sendConfirmation: !recent, alreadyFollowing: false };
    },

    byId: (id: number) => db.selectFrom('mail_subscribers').selectAll().where('id', '=', id).executeTakeFirst(),

    /** What an address follows (or asked to), with page titles for the manage page. */
    subscriptionsOf: (subscriberId: number, executor: Db | Tx = db) =>
      executor
        .selectFrom('mail_subscriptions')
        .leftJoin('pages', 'pages.id', 'mail_subscriptions.page_id')
        .select(['mail_subscriptions.id', 'mail_subscriptions.topic_key', 'mail_subscriptions.page_id', 'mail_subscriptions.requested_at', 'mail_subscriptions.consent_text', 'mail_subscriptions.confirmed_at', 'pages.title', 'pages.slug'])
        .where('mail_subscriptions.subscriber_id', '=', subscriberId)
        .orderBy('mail_subscriptions.id')
        .execute(),

    /** Confirms every pending request of an address; returns how many. Digests start from now, not from the past. */
    async confirm(tx: Tx, subscriberId: number): Promise<number> {
      const at = clock().toISOString();
      const result = await tx.updateTable('mail_subscriptions').set({ confirmed_at: at }).where('subscriber_id', '=', subscriberId).where('confirmed_at', 'is', null).executeTakeFirst();
      const confirmed = Number(result.numUpdatedRows);
      if (confirmed) await tx.updateTable('mail_subscribers').set({ digest_through: at }).where('id', '=', subscriberId).where('last_digest_at', 'is', null).execute();
      return confirmed;
    },

    async setFrequency(subscriberId: number, frequency: Frequency): Promise<void> {
      await db.updateTable('mail_subscribers').set({ frequency }).where('id', '=', subscriberId).execute();
    },

    async removeSubscription(subscriberId: number, subscriptionId: number): Promise<void> {
      await db.deleteFrom('mail_subscriptions').where('subscriber_id', '=', subscriberId).where('id', '=', subscriptionId).execute();
    },

    /** Unsubscribes from everything: the address row goes too (nothing kept that is not needed). */
    async unsubscribeAll(tx: Tx | Db, subscriberId: number): Promise<boolean> {
      await tx.deleteFrom('mail_subscriptions').where('subscriber_id', '=', subscriberId).execute();
      const result = await tx.deleteFrom('mail_subscribers').where('id', '=', subscriberId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** For admins: subscribers whose address contains `query`. */
    search: (query: string) => {
      let q = db.selectFrom('mail_subscribers').selectAll().orderBy('id', 'desc').limit(100);
      if (query) q = q.where('address', 'like', `%${query.replace(/[%_\\]/g, '')}%`);
      return q.execute();
    },

    count: async () => Number((await db.selectFrom('mail_subscribers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  };
}

export type FollowStore = ReturnType<typeof createFollowStore>;
