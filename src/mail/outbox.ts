/**
 * The outbox: the one way the product sends e-mail. A domain calls
 * `kernel.mail.enqueue(tx, message)` inside the transaction of the change
 * that causes the e-mail, so the change and its e-mail commit (or roll back)
 * together; the mail.deliver job hands queued rows to SMTP later
 * (src/mail/deliver.ts). Without SMTP settings the rows simply wait, and
 * admins read them at /admin/outbox.
 */
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { MailOutboxTable } from '../db/schema.js';
import type { Lang } from '../i18n/languages.js';
import type { JobQueue } from '../jobs/queue.js';
import { domainOf, normaliseAddress } from './address.js';

export type OutboxRow = Selectable<MailOutboxTable>;
export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'bounced';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sent', 'failed', 'bounced'];

/** The name of the delivery job (registered only when SMTP is configured). */
export const DELIVER_JOB = 'mail.deliver';

/** One e-mail, as a domain hands it over. Plain text is required: it is what every reader can read. */
export interface MailMessage {
  /** An address as normaliseAddress() gives it. */
  to: string;
  subject: string;
  text: string;
  /** A simple HTML alternative of the same text. */
  html?: string;
  /** "invitation", "password-reset", "confirm", "welcome", "digest": for the admins' outbox. */
  kind: string;
  lang?: Lang;
  /** Extra headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id. */
  headers?: Record<string, string>;
  /** Queuing a message with the same key again adds nothing (one digest per period). */
  dedupeKey?: string;
}

/** A message that would be wrong to send: a programming error, raised before anything is written. */
export class MailMessageError extends Error {
  override name = 'MailMessageError';
}

const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,60}$/;
/** Headers the outbox sets itself; a domain may not replace them. */
const OWN_HEADERS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'sender', 'reply-to', 'return-path', 'content-type', 'mime-version', 'content-transfer-encoding']);

function checked(message: MailMessage): MailMessage {
  const to = normaliseAddress(message.to);
  if ('problem' in to || to.address !== message.to) throw new MailMessageError(`Not a deliverable address (${'problem' in to ? to.problem : 'not normalised'}): ${JSON.stringify(message.to.slice(0, 80))}`);
  if (/[\r\n]/.test(message.subject) || !message.subject.trim() || message.subject.length > 300) throw new MailMessageError('A subject is one line of at most 300 characters');
  if (!message.text.trim()) throw new MailMessageError('An e-mail needs a plain-text body');
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name) || OWN_HEADERS.has(name.toLowerCase())) throw new MailMessageError(`Header ${JSON.stringify(name)} cannot be set by a domain`);
    if (/[\r\n]/.test(value) || value.length > 2000) throw new MailMessageError(`Header ${name} must be one line`);
  }
  return message;
}

export interface OutboxOptions {
  db: Db;
  jobs: JobQueue;
  /** True when SMTP is configured and mail.deliver is registered: queuing also wakes the job. */
  delivering: boolean;
  /** Domain of Message-IDs (the From address's). */
  messageIdDomain: string;
  clock?: () => Date;
}

export type MailOutbox = ReturnType<typeof createOutbox>;

export function createOutbox(options: OutboxOptions) {
  const { db } = options;
  const clock = options.clock ?? (() => new Date());

  return {
    /** Whether queued mail is being delivered (SMTP configured). */
    delivering: options.delivering,

    /**
     * Queues an e-mail in the caller's transaction; it is sent only if that
     * transaction commits. Returns the new row's id and Message-ID, or null
     * when a message with the same dedupeKey is already there.
     */
    async enqueue(tx: Tx | Db, message: MailMessage, options_: { wake?: boolean } = {}): Promise<{ id: number; messageId: string } | null> {
      const m = checked(message);
      const now = clock().toISOString();
      const messageId = `<${randomUUID()}@${options.messageIdDomain}>`;
      const row = await tx
        .insertInto('mail_outbox')
        .values({
          message_id: messageId,
          dedupe_key: m.dedupeKey ?? null,
          kind: m.kind,
          to_address: m.to,
          subject: m.subject.trim(),
          text_body: m.text,
          html_body: m.html ?? null,
          headers: JSON.stringify(m.headers ?? {}),
          lang: m.lang ?? 'en',
          status: 'queued',
          attempts: 0,
          next_attempt_at: now,
          locked_by: null,
          locked_until: null,
          last_error: null,
          smtp_response: null,
          created_at: now,
          sent_at: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning(['id', 'message_id'])
        .executeTakeFirst();
      if (!row) return null;
      // Wakes the delivery job in the same transaction: it exists exactly when the e-mail does.
      if (options.delivering && options_.wake !== false) await options.jobs.enqueue(DELIVER_JOB, {}, { key: DELIVER_JOB, tx: tx as Tx });
      return { id: row.id, messageId: row.message_id };
    },

    /** Wakes the delivery job once, after queuing many messages with `wake: false`. */
    async wake(tx: Tx | Db): Promise<void> {
      if (options.delivering) await options.jobs.enqueue(DELIVER_JOB, {}, { key: DELIVER_JOB, tx: tx as Tx });
    },

    /**
     * Takes the next due row for this worker, atomically (FOR UPDATE SKIP
     * LOCKED on PostgreSQL; one UPDATE … RETURNING under SQLite's write lock):
     * two servers never hold the same row. The lease lets another take it if
     * this worker dies mid-send.
     */
    claimNext(workerId: string, now: Date, leaseMs: number, dueBy: Date = now): Promise<OutboxRow | undefined> {
      const at = now.toISOString();
      const due = dueBy.toISOString();
      const free = (w: any) => w.or([w('locked_until', 'is', null), w('locked_until', '<', at)]);
      return db
        .updateTable('mail_outbox')
        .set({ locked_by: workerId, locked_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('mail_outbox')
            .select('id')
            .where('status', '=', 'queued')
            .where('next_attempt_at', '<=', due)
            .where(free)
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(1)
            .$if(dialectOf(db) === 'postgres', (q) => q.forUpdate().skipLocked()),
        )
        .where('status', '=', 'queued')
        .where(free)
        .returningAll()
        .executeTakeFirst();
    },

    /** Records the outcome of one send, only while this worker still holds the row. */
    async finish(
      id: number,
      workerId: string,
      outcome: { status: 'sent'; response: string } | { status: 'queued'; error: string; attempts: number; nextAttemptAt: string } | { status: 'failed' | 'bounced'; error: string; attempts: number },
    ): Promise<boolean> {
      const now = clock().toISOString();
      const set =
        outcome.status === 'sent'
          ? { status: 'sent', sent_at: now, smtp_response: outcome.response.slice(0, 1000), last_error: null }
          : outcome.status === 'queued'
            ? { status: 'queued', attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error.slice(0, 2000) }
            : { status: outcome.status, attempts: outcome.attempts, last_error: outcome.error.slice(0, 2000) };
      const result = await db
        .updateTable('mail_outbox')
        .set({ ...set, locked_by: null, locked_until: null })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** E-mails handed to SMTP since an instant, by every server: the shared send rate. */
    async sentSince(since: Date): Promise<{ count: number; oldest: string | null }> {
      const row = await db
        .selectFrom('mail_outbox')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('sent_at').as('oldest')])
        .where('sent_at', '>=', since.toISOString())
        .executeTakeFirstOrThrow();
      return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
    },

    /** When the next queued row falls due (for re-arming the job), or null when none waits. */
    async nextDue(): Promise<string | null> {
      const row = await db.selectFrom('mail_outbox').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'queued').executeTakeFirstOrThrow();
      return (row.at as string | null) ?? null;
    },

    /** Rows for the admins' outbox, newest first. */
    async list(filter: { status?: OutboxStatus; page: number; perPage?: number }): Promise<{ rows: OutboxRow[]; total: number; page: number; pageCount: number }> {
      const perPage = filter.perPage ?? 50;
      let count = db.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n'));
      if (filter.status) count = count.where('status', '=', filter.status);
      const total = Number((await count.executeTakeFirstOrThrow()).n);
      const pageCount = Math.max(1, Math.ceil(total / perPage));
      const page = Math.min(Math.max(1, filter.page), pageCount);
      let rows = db.selectFrom('mail_outbox').selectAll().orderBy('id', 'desc').limit(perPage).offset((page - 1) * perPage);
      if (filter.status) rows = rows.where('status', '=', filter.status);
      return { rows: await rows.execute(), total, page, pageCount };
    },

    async counts(): Promise<Record<OutboxStatus, number>> {
      const rows = await db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const counts = { queued: 0, sent: 0, failed: 0, bounced: 0 } as Record<OutboxStatus, number>;
      for (const r of rows) if (r.status in counts) counts[r.status as OutboxStatus] = Number(r.n);
      return counts;
    },

    byId: (id: number) => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst(),

    /** An admin sends a failed or bounced e-mail again (same Message-ID); false when it is not in one of those states. */
    async retry(id: number): Promise<boolean> {
      const now = clock().toISOString();
      const changed = await db.transaction().execute(async (tx) => {
        const result = await tx
          .updateTable('mail_outbox')
          .set({ status: 'queued', attempts: 0, next_attempt_at: now, locked_by: null, locked_until: null })
          .where('id', '=', id)
          .where('status', 'in', ['failed', 'bounced'])
          .executeTakeFirst();
        const done = Number(result.numUpdatedRows) === 1;
        if (done && options.delivering) await options.jobs.enqueue(DELIVER_JOB, {}, { key: DELIVER_JOB, tx });
        return done;
      });
      return changed;
    },

    /** Everything sent or waiting for one address (a subscriber's data export). */
    forAddress: (address: string) => db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute(),

    /** Forgets every e-mail to one address, in any letter case (a subscriber or member asked to be deleted). */
    async deleteForAddress(tx: Tx | Db, address: string): Promise<number> {
      const result = await tx.deleteFrom('mail_outbox').where(sql<string>`lower(to_address)`, '=', address.toLowerCase()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export { domainOf };
