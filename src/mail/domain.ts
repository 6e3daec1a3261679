/**
 * Mail: the outbox every domain writes to (kernel.mail), its delivery job,
 * and the admins' view of it (/admin/outbox).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import type { Domain, DomainKernel } from '../domain.js';
import { defineJob } from '../jobs/registry.js';
import { outboxRoutes } from './admin-routes.js';
import { mailAccess } from './authz.js';
import { type Deliverer, type RetryPolicy, createDeliverer } from './deliver.js';
import { DELIVER_JOB } from './outbox.js';
import { type MailSender, type SmtpTimeouts, createSmtpSender } from './transport.js';

export interface MailOptions {
  /** Where start-up and delivery problems are reported (default stderr). */
  log?: (line: string) => void;
  retry?: RetryPolicy;
  timeouts?: SmtpTimeouts;
}

export interface MailDomain extends Domain {
  /** Present when SMTP is configured: sends what is due (the job calls it; tests and `jobs run` may too). */
  deliverer: Deliverer | null;
}

export function createMailDomain(kernel: DomainKernel, options: MailOptions = {}): MailDomain {
  const log = options.log ?? ((line: string) => console.error(line));
  const { config } = kernel;
  let sender: MailSender | null = null;
  let deliverer: Deliverer | null = null;
  if (config.smtpUrl) {
    sender = createSmtpSender(config, mailFromOf(kernel), options.timeouts);
    deliverer = createDeliverer({ outbox: kernel.mail, sender, perMinute: config.mailPerMinute, retry: options.retry, clock: kernel.clock, log });
  }
  const routes = new Hono<AppEnv>();
  routes.route('/', outboxRoutes(kernel));

  const deliverJob = deliverer
    ? defineJob({
        name: DELIVER_JOB,
        payload: z.object({}),
        // A safety net: queuing wakes the job at once; this catches retries falling due.
        everySeconds: 60,
        leaseMs: 10 * 60_000,
        async run(_payload, { signal }) {
          const report = await deliverer.deliverDue(signal);
          const next = await deliverer.nextRunAt(report);
          // Sooner than the next minute's run: a retry or the rate's window falls due first.
          if (next && next.getTime() < kernel.clock().getTime() + 60_000) await kernel.jobs.enqueue(DELIVER_JOB, {}, { key: DELIVER_JOB, runAt: next });
          return report;
        },
      })
    : undefined;

  return {
    name: 'mail',
    deliverer,
    routes,
    access: mailAccess,
    jobs: deliverJob ? [deliverJob] : [],
    adminLinks: [
      {
        href: '/admin/outbox',
        label: 'Outbox',
        description: config.smtpUrl ? 'Every e-mail the site sends: waiting, sent, failed, refused addresses.' : 'Mail is not being delivered (no SMTP server set): read the e-mails waiting here.',
        visibleTo: (u) => can(u, 'mail.manage'),
      },
    ],
    async start() {
      if (!config.smtpUrl) {
        log('atoz: mail is not being delivered: ATOZ_SMTP_URL is not set. Nothing is lost: e-mails wait in the outbox, where admins can read them (/admin/outbox).');
      } else if (!config.mailFrom) {
        log(`atoz: warning: ATOZ_MAIL_FROM is not set; e-mail is sent from ${mailFromOf(kernel)}.`);
      }
    },
    async stop() {
      sender?.close();
    },
  };
}

/** The From of every e-mail: ATOZ_MAIL_FROM, else no-reply at the public address's host. */
export function mailFromOf(kernel: Pick<DomainKernel, 'config'>): string {
  return kernel.config.mailFrom ?? `no-reply@${mailHostOf(kernel.config.publicUrl)}`;
}

export function mailHostOf(publicUrl: string | undefined): string {
  try {
    return publicUrl ? new URL(publicUrl).hostname : 'localhost';
  } catch {
    return 'localhost';
  }
}
