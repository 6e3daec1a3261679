/**
 * Mail: the outbox every domain writes to (kernel.mail), its delivery job,
 * and the admins' view of it (/admin/outbox).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { mailText } from './messages/index.js';
import { defineJob } from '../jobs/registry.js';
import { outboxRoutes } from './admin-routes.js';
import { mailAccess } from './authz.js';
import { type Deliverer, type RetryPolicy, createDeliverer } from './deliver.js';
import { DELIVER_JOB } from './outbox.js';
import { type MailSender, type SmtpTimeouts, createSmtpSender } from './transport.js';
import { LANGS, type Lang } from '../i18n/languages.js';
import type { SiteContext } from '../web/site-context.js';
import { subscriberAdminRoutes } from './following/admin-routes.js';
import { type ChangeSource, directoryChanges } from './following/changes.js';
import { type DigestReport, runDigests } from './following/digest.js';
import { digestEmail } from './following/emails.js';
import { createFollowLinks } from './following/links.js';
import { followRoutes } from './following/routes.js';
import { followingPersonalData } from './following/personal-data.js';
import { createFollowStore } from './following/store.js';

export interface MailOptions {
  /** Where start-up and delivery problems are reported (default stderr). */
  log?: (line: string) => void;
  retry?: RetryPolicy;
  timeouts?: SmtpTimeouts;
}

export interface MailDomain extends Domain {
  /** Present when SMTP is configured: sends what is due (the job calls it; tests and `jobs run` may too). */
  deliverer: Deliverer | null;
  /** Builds and queues every digest that is due (the mail.digests job calls it). */
  runDigests(now?: Date): Promise<DigestReport>;
}

export async function createMailDomain(kernel: DomainKernel, options: MailOptions = {}): Promise<MailDomain> {
  const log = options.log ?? ((line: string) => console.error(line));
  const { config } = kernel;
  let sender: MailSender | null = null;
  let deliverer: Deliverer | null = null;
  if (config.smtpUrl) {
    sender = createSmtpSender(config, mailFromOf(kernel), options.timeouts);
    deliverer = createDeliverer({ outbox: kernel.mail, sender, perMinute: config.mailPerMinute, retry: options.retry, clock: kernel.clock, log });
  }
  const follow = createFollowStore(kernel.db, kernel.clock);
  const links = await createFollowLinks(kernel.db, kernel.clock);
  const routes = new Hono<AppEnv>();
  routes.route('/', outboxRoutes(kernel));
  routes.route('/', followRoutes(kernel, follow, links));
  routes.route('/', subscriberAdminRoutes(kernel, follow));

  /** The directory's changes, then whatever other domains declared (news…). */
  const sources = (): ChangeSource[] => [directoryChanges, ...kernel.contributions.changeSources()];
  const digests = async (now: Date = kernel.clock()) => {
    const sites = new Map<Lang, SiteContext>();
    for (const lang of LANGS) sites.set(lang, await kernel.pages.siteContext(lang));
    return runDigests({
      db: kernel.db,
      outbox: kernel.mail,
      sources: sources(),
      now,
      compose: (subscriber, changes) => {
        const site = sites.get(subscriber.lang as Lang) ?? sites.get('en')!;
        return digestEmail(site, {
          email: subscriber.address,
          changes,
          links: {
            manage: `${site.baseUrl}/follow/manage/${links.make('manage', subscriber.id)}`,
            unsubscribe: `${site.baseUrl}/follow/unsubscribe/${links.make('unsubscribe', subscriber.id)}`,
          },
        });
      },
    });
  };
  const digestJob = defineJob({
    name: 'mail.digests',
    payload: z.object({}),
    // "Immediately" means within five minutes; daily and weekly subscribers are due once their period has passed.
    everySeconds: 300,
    leaseMs: 10 * 60_000,
    run: async () => digests(),
  });

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
    runDigests: digests,
    routes,
    personalData: followingPersonalData(kernel.db, follow, kernel.mail),
    access: mailAccess,
    jobs: deliverJob ? [deliverJob, digestJob] : [digestJob],
    adminLinks: [
      adminLink(mailText, {
        href: '/admin/outbox',
        label: 'adminOutboxLink',
        description: config.smtpUrl ? 'adminOutboxLinkDescription' : 'adminOutboxLinkNotDelivering',
        visibleTo: (u) => can(u, 'mail.manage'),
      }),
      adminLink(mailText, {
        href: '/admin/subscribers',
        label: 'adminSubscribersLink',
        description: 'adminSubscribersLinkDescription',
        visibleTo: (u) => can(u, 'mail.manage'),
      }),
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
