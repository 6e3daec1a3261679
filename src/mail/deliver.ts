/**
 * The mail.deliver job: hands due outbox rows to SMTP, one at a time, at most
 * `perMinute` per minute across all servers. A temporary problem (server
 * down, slow, 4xx) is retried with exponential backoff; a permanent refusal
 * (5xx) is recorded and never retried by itself: a refused recipient as
 * "bounced", anything else as "failed". Both show at /admin/outbox.
 *
 * Exactly once as far as atoz can tell: a row is claimed atomically before it
 * is sent and marked sent right after. If a server dies between the SMTP
 * server's "250 OK" and that mark, the row is sent again once its lease ends,
 * with the same Message-ID, so the receiving side can recognise the repeat.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { MailOutbox, OutboxRow } from './outbox.js';
import type { MailSender } from './transport.js';

export interface RetryPolicy {
  /** First wait after a temporary failure; doubles each time up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** Temporary failures before giving up (status "failed"). */
  maxAttempts: number;
}

/** About two days of retries (1 min, 2, 4 … capped at 6 h), as mail servers themselves retry. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 6 * 3_600_000, maxAttempts: 12 };

/** How long a claimed row is this worker's before another may take it (longer than the slowest SMTP conversation). */
const LEASE_MS = 5 * 60_000;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Stopped because the per-minute budget was used up. */
  rateLimited: boolean;
}

interface SmtpError {
  responseCode?: number;
  code?: string;
  message?: string;
  response?: string;
}

/** 5xx replies are permanent (except 503, a session-state problem); an authentication failure is the operator's to fix, so it is retried. */
export function isPermanent(error: SmtpError): boolean {
  const code = error.responseCode;
  if (error.code === 'EAUTH' || error.code === 'ENOAUTH') return false;
  return typeof code === 'number' && code >= 500 && code < 600 && code !== 503;
}

function describe(error: unknown): string {
  const e = error as SmtpError;
  const parts = [e.responseCode ? String(e.responseCode) : '', e.code ?? '', e.response ?? e.message ?? String(error)].filter(Boolean);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export interface DelivererOptions {
  outbox: MailOutbox;
  sender: MailSender;
  perMinute: number;
  retry?: RetryPolicy;
  clock?: () => Date;
  workerId?: string;
  log?: (line: string) => void;
}

export function createDeliverer(options: DelivererOptions) {
  const { outbox, sender } = options;
  const retry = options.retry ?? DEFAULT_RETRY;
  const clock = options.clock ?? (() => new Date());
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = options.log ?? ((line: string) => console.error(line));

  async function sendOne(row: OutboxRow, report: DeliveryReport): Promise<void> {
    try {
      const response = await sender.send(row);
      await outbox.finish(row.id, workerId, { status: 'sent', response });
      report.sent++;
    } catch (error) {
      const attempts = Number(row.attempts) + 1;
      const detail = describe(error);
      const e = error as SmtpError & { rejected?: unknown[] };
      if (isPermanent(e)) {
        // The envelope's recipient was refused: that address does not take our mail.
        const status = e.code === 'EENVELOPE' ? 'bounced' : 'failed';
        await outbox.finish(row.id, workerId, { status, error: detail, attempts });
        report.failed++;
        log(`Mail ${row.message_id} to ${row.to_address} ${status} for good: ${detail}`);
      } else if (attempts >= retry.maxAttempts) {
        await outbox.finish(row.id, workerId, { status: 'failed', error: `gave up after ${attempts} attempts: ${detail}`, attempts });
        report.failed++;
        log(`Mail ${row.message_id} to ${row.to_address} failed after ${attempts} attempts: ${detail}`);
      } else {
        const wait = Math.min(retry.baseMs * 2 ** (attempts - 1), retry.maxMs);
        const nextAttemptAt = new Date(clock().getTime() + wait).toISOString();
        await outbox.finish(row.id, workerId, { status: 'queued', error: detail, attempts, nextAttemptAt });
        report.retrying++;
      }
    }
  }

  return {
    workerId,
    /** Sends what is due now, within the rate; returns what happened. */
    async deliverDue(signal?: AbortSignal): Promise<DeliveryReport> {
      const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, rateLimited: false };
      // Due by the start of this run: a row that failed during it waits for its retry time, even a short one.
      const started = clock();
      for (;;) {
        if (signal?.aborted) break;
        const now = clock();
        const { count } = await outbox.sentSince(new Date(now.getTime() - 60_000));
        if (count >= options.perMinute) {
          report.rateLimited = true;
          break;
        }
        const row = await outbox.claimNext(workerId, now, LEASE_MS, started);
        if (!row) break;
        await sendOne(row, report);
      }
      return report;
    },
    /** When to run again: the next retry, or a minute on when the rate stopped this run. */
    async nextRunAt(report: DeliveryReport): Promise<Date | null> {
      const now = clock();
      if (report.rateLimited) {
        const { oldest } = await outbox.sentSince(new Date(now.getTime() - 60_000));
        return new Date((oldest ? Date.parse(oldest) : now.getTime()) + 60_000);
      }
      const due = await outbox.nextDue();
      return due ? new Date(Math.max(Date.parse(due), now.getTime())) : null;
    },
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
