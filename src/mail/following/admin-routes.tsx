import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { DomainKernel } from '../../domain.js';
import { SubscribersPage } from '../views/subscriber-pages.js';
import type { FollowStore } from './store.js';

/** /admin/subscribers: find a subscriber, download everything kept about them, or delete it all. */
export function subscriberAdminRoutes(kernel: DomainKernel, store: FollowStore) {
  const app = new Hono<AppEnv>();
  const { pages, db } = kernel;
  const target = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    return /^\d{1,12}$/.test(id) ? ((await store.byId(Number(id))) ?? null) : null;
  };
  app.use('/admin/subscribers', requirePermission('mail.manage'));
  app.use('/admin/subscribers/*', requirePermission('mail.manage'));

  app.get('/admin/subscribers', async (c) => {
    const query = (c.req.query('q') ?? '').trim().slice(0, 254);
    const [rows, total] = await Promise.all([store.search(query), store.count()]);
    const frame = { site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') };
    return pages.fresh(c, <SubscribersPage {...frame} rows={rows} total={total} query={query} deleted={c.req.query('deleted') === '1'} />);
  });

  app.get('/admin/subscribers/:id/export', async (c) => {
    const subscriber = await target(c);
    if (!subscriber) return c.notFound();
    const [subscriptions, mail] = await Promise.all([store.subscriptionsOf(subscriber.id), kernel.mail.forAddress(subscriber.address)]);
    const data = {
      address: subscriber.address,
      language: subscriber.lang,
      frequency: subscriber.frequency,
      createdAt: subscriber.created_at,
      lastDigestAt: subscriber.last_digest_at,
      follows: subscriptions.map((s) => ({ topic: s.topic_key === 'site' ? 'the whole site' : (s.slug ?? s.topic_key), requestedAt: s.requested_at, consentText: s.consent_text, confirmedAt: s.confirmed_at })),
      emails: mail.map((m) => ({ kind: m.kind, subject: m.subject, status: m.status, queuedAt: m.created_at, sentAt: m.sent_at })),
    };
    return new Response(`${JSON.stringify(data, null, 2)}\n`, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="subscriber-${subscriber.id}.json"`, 'cache-control': 'no-store' },
    });
  });

  app.post('/admin/subscribers/:id/delete', async (c) => {
    const subscriber = await target(c);
    if (!subscriber) return c.notFound();
    await db.transaction().execute(async (tx) => {
      await store.unsubscribeAll(tx, subscriber.id);
      await kernel.mail.deleteForAddress(tx, subscriber.address);
    });
    return c.redirect('/admin/subscribers?deleted=1', 303);
  });

  return app;
}
