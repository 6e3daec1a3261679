/**
 * Builds and queues digests: for every confirmed subscriber whose period has
 * come (immediately: each run; daily; weekly), one e-mail merging what
 * changed on everything they follow since their last digest. Nothing is
 * queued when nothing changed; their window moves on either way. An address
 * whose mail server refused an e-mail for good (status "bounced") is left out. Each
 * e-mail has a dedupe key (subscriber + window end), so a run repeated after
 * a crash queues nothing twice.
 */
import type { Db } from '../../db/database.js';
import type { MailOutbox } from '../outbox.js';
import { type Change, type ChangeSource, ancestorsOf, changesByTopic } from './changes.js';
import type { Frequency, SubscriberRow } from './store.js';

const PERIOD_MS: Record<Frequency, number> = { immediately: 0, daily: 24 * 3_600_000, weekly: 7 * 24 * 3_600_000 };

/** A due subscriber's digest, composed by the caller (language, links). */
export type ComposeDigest = (subscriber: SubscriberRow, changes: Change[]) => { subject: string; text: string; html: string; headers: Record<string, string> };

export interface DigestReport {
  subscribers: number;
  queued: number;
  changes: number;
  ms: number;
}

const BATCH = 500;

export async function runDigests(options: { db: Db; outbox: MailOutbox; sources: readonly ChangeSource[]; compose: ComposeDigest; now: Date }): Promise<DigestReport> {
  const started = performance.now();
  const { db, now } = options;
  const to = now.toISOString();
  const report: DigestReport = { subscribers: 0, queued: 0, changes: 0, ms: 0 };
  const due = (await db
    .selectFrom('mail_subscribers')
    .selectAll()
    .where((eb) =>
      eb.or(
        (Object.keys(PERIOD_MS) as Frequency[]).map((f) => eb.and([eb('frequency', '=', f), eb('digest_through', f === 'immediately' ? '<' : '<=', new Date(now.getTime() - PERIOD_MS[f]).toISOString())])),
      ),
    )
    .where((eb) => eb.exists(eb.selectFrom('mail_subscriptions').select('id').whereRef('mail_subscriptions.subscriber_id', '=', 'mail_subscribers.id').where('confirmed_at', 'is not', null)))
    // An address its mail server refused for good gets no more digests, until an admin sends the refused e-mail again.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mail_outbox').select('id').whereRef('mail_outbox.to_address', '=', 'mail_subscribers.address').where('mail_outbox.status', '=', 'bounced'))))
    .orderBy('digest_through')
    .orderBy('id')
    .execute()) as SubscriberRow[];
  if (!due.length) return { ...report, ms: Math.round(performance.now() - started) };

  const ancestors = ancestorsOf(await db.selectFrom('pages').select(['id', 'parent_id']).execute());
  // Subscribers mostly share a window (all daily ones since yesterday's run): changes are read once per window.
  const windows = new Map<string, SubscriberRow[]>();
  for (const s of due) {
    let list = windows.get(s.digest_through);
    if (!list) windows.set(s.digest_through, (list = []));
    list.push(s);
  }
  // Read once from the oldest window's start; each window then takes the changes after its own start.
  const earliest = [...windows.keys()].sort()[0]!;
  const all = (await Promise.all(options.sources.map((s) => s.changesBetween(db, earliest, to)))).flat().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  report.changes = all.length;
  for (const [from, subscribers] of windows) {
    const changes = from === earliest ? all : all.filter((c) => c.at > from);
    const byTopic = changesByTopic(changes, ancestors);
    for (let i = 0; i < subscribers.length; i += BATCH) {
      const batch = subscribers.slice(i, i + BATCH);
      const ids = batch.map((s) => s.id);
      const follows = await db.selectFrom('mail_subscriptions').select(['subscriber_id', 'topic_key']).where('subscriber_id', 'in', ids).where('confirmed_at', 'is not', null).execute();
      const topicsOf = new Map<number, string[]>();
      for (const f of follows) {
        let list = topicsOf.get(f.subscriber_id);
        if (!list) topicsOf.set(f.subscriber_id, (list = []));
        list.push(f.topic_key);
      }
      await db.transaction().execute(async (tx) => {
        for (const subscriber of batch) {
          report.subscribers++;
          const seen = new Set<string>();
          const mine: Change[] = [];
          for (const topic of topicsOf.get(subscriber.id) ?? []) {
            for (const change of byTopic.get(topic) ?? []) {
              if (seen.has(change.id)) continue;
              seen.add(change.id);
              mine.push(change);
            }
          }
          if (!mine.length) continue;
          mine.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
          const email = options.compose(subscriber, mine);
          const queued = await options.outbox.enqueue(tx, { to: subscriber.address, kind: 'digest', lang: subscriber.lang as never, dedupeKey: `digest:${subscriber.id}:${to}`, ...email }, { wake: false });
          if (queued) report.queued++;
        }
        if (report.queued) await options.outbox.wake(tx);
        await tx.updateTable('mail_subscribers').set({ digest_through: to }).where('id', 'in', ids).execute();
        const sentTo = batch.filter((s) => (topicsOf.get(s.id) ?? []).some((t) => (byTopic.get(t) ?? []).length)).map((s) => s.id);
        if (sentTo.length) await tx.updateTable('mail_subscribers').set({ last_digest_at: to }).where('id', 'in', sentTo).execute();
      });
    }
  }
  return { ...report, ms: Math.round(performance.now() - started) };
}
