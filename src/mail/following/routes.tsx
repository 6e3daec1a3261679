/**
 * Following by e-mail, for anyone: /follow (the form), /follow/confirm/:token
 * (double opt-in), /follow/manage/:token, /follow/unsubscribe/:token (GET asks,
 * POST unsubscribes: RFC 8058 one-click, no session or CSRF token needed, the
 * signed link is the authority). Every answer to a request is the same
 * whatever the address, so nobody learns who follows what.
 */
import { type Context, Hono } from 'hono';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import type { DomainKernel } from '../../domain.js';
import { type Lang, LANGS } from '../../i18n/languages.js';
import type { SiteContext } from '../../web/site-context.js';
import { addressError } from '../address-messages.js';
import { normaliseAddress } from '../address.js';
import { mailText } from '../messages/index.js';
import { ConfirmPage, FollowCheckPage, FollowPage, type FieldProblem, type FollowTarget, LinkProblemPage, ManagePage, MessagePage, type TopicLine, UnsubscribePage, consentText } from '../views/follow-pages.js';
import { confirmationEmail, welcomeEmail } from './emails.js';
import type { FollowLinks } from './links.js';
import { type FollowStore, type Frequency, type SubscriberRow, isFrequency } from './store.js';

export function followRoutes(kernel: DomainKernel, store: FollowStore, links: FollowLinks) {
  const app = new Hono<AppEnv>();
  const { pages, db } = kernel;
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user'), csrfToken: c.get('csrfToken') });
  const private_ = (res: Response) => {
    // Signed links are in these addresses: never pass them on to another site.
    res.headers.set('referrer-policy', 'no-referrer');
    return res;
  };
  const linksFor = (site: SiteContext, subscriberId: number) => ({
    manage: `${site.baseUrl}/follow/manage/${links.make('manage', subscriberId)}`,
    unsubscribe: `${site.baseUrl}/follow/unsubscribe/${links.make('unsubscribe', subscriberId)}`,
  });

  const topicBySlug = async (slug: string) =>
    /^[a-z0-9-]{1,120}$/.test(slug) ? db.selectFrom('pages').select(['id', 'slug', 'title']).where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst() : undefined;

  async function topicLines(site: SiteContext, subscriberId: number): Promise<TopicLine[]> {
    const t = site.i18n.text(mailText);
    return (await store.subscriptionsOf(subscriberId)).map((s) => ({
      id: s.id,
      label: s.topic_key === 'site' ? t('confirmSite') : t('confirmTopic', { title: s.title ?? s.slug ?? s.topic_key }),
      confirmed: s.confirmed_at !== null,
    }));
  }

  /** The subscriber a signed link is for, or the page saying why not. */
  async function subscriberFrom(c: Context<AppEnv>, purpose: 'confirm' | 'manage' | 'unsubscribe'): Promise<SubscriberRow | Response> {
    const checked = links.check(purpose, c.req.param('token') ?? '');
    if ('problem' in checked) return private_(await pages.fresh(c, <LinkProblemPage {...await frame(c)} problem={checked.problem} />, checked.problem === 'forged' ? 404 : 410));
    const subscriber = await store.byId(checked.subscriberId);
    if (!subscriber) return private_(await pages.fresh(c, <LinkProblemPage {...await frame(c)} problem="gone" />, 410));
    return subscriber;
  }

  app.get('/follow', async (c) => {
    const slug = c.req.query('topic') ?? '';
    const f = await frame(c);
    let target: FollowTarget = null;
    if (slug) {
      const page = await topicBySlug(slug);
      const t = f.site.i18n.text(mailText);
      if (!page) return pages.fresh(c, <MessagePage {...f} title={t('followTitle')} message={t('followUnknownTopic')} links={[{ href: f.site.i18n.path('/follow'), label: t('followLinkSite') }]} />, 404);
      target = { slug: page.slug, title: page.title };
    }
    return pages.fresh(c, <FollowPage {...f} target={target} email="" frequency="weekly" consent={false} errors={[]} />);
  });

  app.post('/follow', async (c) => {
    const f = await frame(c);
    const t = f.site.i18n.text(mailText);
    const fields = await formFields(c);
    const limited = await kernel.rateLimits.mailRequests.take(`follow:${clientIp(c, kernel.config.trustProxy)}`);
    if (!limited.allowed) {
      const minutes = Math.ceil(limited.retryAfterSeconds / 60);
      return pages.fresh(c, <MessagePage {...f} title={t('tooMany', { minutes })} message={t('tooMany', { minutes })} />, 429, { 'retry-after': String(limited.retryAfterSeconds) });
    }
    const slug = fields.topic ?? '';
    const page = slug ? await topicBySlug(slug) : null;
    if (slug && !page) return pages.fresh(c, <MessagePage {...f} title={t('followTitle')} message={t('followUnknownTopic')} links={[{ href: f.site.i18n.path('/follow'), label: t('followLinkSite') }]} />, 404);
    const target: FollowTarget = page ? { slug: page.slug, title: page.title } : null;
    const typed = fields.email ?? '';
    const frequency: Frequency = isFrequency(fields.frequency) ? fields.frequency : 'weekly';
    const consent = fields.consent === 'yes';
    const errors: FieldProblem[] = [];
    const address = normaliseAddress(typed);
    if ('problem' in address) errors.push({ field: 'email', message: addressError(t, address.problem) });
    if (!consent) errors.push({ field: 'consent', message: t('errorConsent') });
    if (errors.length || 'problem' in address) {
      // What was typed comes back as it was, but on one line.
      return pages.fresh(c, <FollowPage {...f} target={target} email={typed.replace(/[\r\n]+/g, ' ').slice(0, 320)} frequency={frequency} consent={consent} errors={errors} />, 400);
    }
    const lang: Lang = (LANGS as readonly string[]).includes(f.site.lang) ? f.site.lang : 'en';
    // Counted outside the subscriber row, so unsubscribing and asking again does not reset it (no e-mail bombing).
    const perAddress = await kernel.rateLimits.mailsPerAddress.take(`follow:${address.address}`);
    await db.transaction().execute(async (tx) => {
      const made = await store.request(tx, { address: address.address, lang, frequency, page: page ? { id: page.id } : null, consentText: consentText(f.site) });
      if (!made.sendConfirmation || !perAddress.allowed) return;
      const pending = (await store.subscriptionsOf(made.subscriber.id, tx)).filter((s) => !s.confirmed_at);
      const topics = pending.map((s) => (s.topic_key === 'site' ? t('confirmSite') : t('confirmTopic', { title: s.title ?? '' })));
      const email = confirmationEmail(f.site, {
        email: address.address,
        topics,
        confirmUrl: `${f.site.baseUrl}${f.site.i18n.path(`/follow/confirm/${links.make('confirm', made.subscriber.id)}`)}`,
        links: linksFor(f.site, made.subscriber.id),
      });
      await kernel.mail.enqueue(tx, { to: address.address, kind: 'confirm', lang, ...email });
    });
    return pages.fresh(c, <FollowCheckPage {...f} email={address.address} />);
  });

  app.get('/follow/confirm/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'confirm');
    if (subscriber instanceof Response) return subscriber;
    const f = await frame(c);
    return private_(await pages.fresh(c, <ConfirmPage {...f} token={c.req.param('token')} email={subscriber.address} topics={await topicLines(f.site, subscriber.id)} />));
  });

  app.post('/follow/confirm/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'confirm');
    if (subscriber instanceof Response) return subscriber;
    const f = await frame(c);
    const t = f.site.i18n.text(mailText);
    const site = await pages.siteContext(subscriber.lang as Lang);
    const inTheirLanguage = site.i18n.text(mailText);
    await db.transaction().execute(async (tx) => {
      if (!(await store.confirm(tx, subscriber.id))) return;
      const lines = (await store.subscriptionsOf(subscriber.id, tx)).map((s) => (s.topic_key === 'site' ? inTheirLanguage('confirmSite') : inTheirLanguage('confirmTopic', { title: s.title ?? '' })));
      const email = welcomeEmail(site, { email: subscriber.address, frequency: subscriber.frequency as Frequency, topics: lines, links: linksFor(site, subscriber.id) });
      await kernel.mail.enqueue(tx, { to: subscriber.address, kind: 'welcome', lang: site.lang, ...email });
    });
    return private_(await pages.fresh(c, <MessagePage {...f} title={t('confirmedTitle')} message={t('confirmed')} />));
  });

  app.get('/follow/unsubscribe/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'unsubscribe');
    if (subscriber instanceof Response) return subscriber;
    return private_(await pages.fresh(c, <UnsubscribePage {...await frame(c)} token={c.req.param('token')} email={subscriber.address} />));
  });

  // RFC 8058: a mail client POSTs "List-Unsubscribe=One-Click" here with no cookie and no CSRF token.
  app.post('/follow/unsubscribe/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'unsubscribe');
    if (subscriber instanceof Response) return subscriber;
    await db.transaction().execute(async (tx) => {
      await store.unsubscribeAll(tx, subscriber.id);
      // What was waiting to be sent to them is not sent.
      await tx.deleteFrom('mail_outbox').where('to_address', '=', subscriber.address).where('status', '=', 'queued').where('kind', 'in', ['confirm', 'welcome', 'digest']).execute();
    });
    const f = await frame(c);
    const t = f.site.i18n.text(mailText);
    return private_(await pages.fresh(c, <MessagePage {...f} title={t('unsubscribedTitle')} message={t('unsubscribed')} />));
  });

  app.get('/follow/manage/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'manage');
    if (subscriber instanceof Response) return subscriber;
    const f = await frame(c);
    return private_(
      await pages.fresh(
        c,
        <ManagePage
          {...f}
          token={c.req.param('token')}
          unsubscribeToken={links.make('unsubscribe', subscriber.id)}
          email={subscriber.address}
          frequency={isFrequency(subscriber.frequency) ? subscriber.frequency : 'weekly'}
          topics={await topicLines(f.site, subscriber.id)}
          saved={c.req.query('saved') === '1'}
        />,
      ),
    );
  });

  app.post('/follow/manage/:token', async (c) => {
    const subscriber = await subscriberFrom(c, 'manage');
    if (subscriber instanceof Response) return subscriber;
    const fields = await formFields(c);
    if (fields.action === 'frequency' && isFrequency(fields.frequency)) await store.setFrequency(subscriber.id, fields.frequency);
    else if (fields.action === 'remove' && /^\d{1,12}$/.test(fields.subscription ?? '')) await store.removeSubscription(subscriber.id, Number(fields.subscription));
    const res = c.redirect(`${(await frame(c)).site.i18n.path(`/follow/manage/${c.req.param('token')}`)}?saved=1`, 303);
    return private_(res);
  });

  return app;
}
