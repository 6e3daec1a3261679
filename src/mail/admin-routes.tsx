import { type Context, Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import { requirePermission } from '../accounts/middleware.js';
import type { DomainKernel } from '../domain.js';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.js';
import { OutboxMessagePage, OutboxPage } from './views/outbox-pages.js';

/** /admin/outbox: every e-mail, waiting, sent, failed or refused; one e-mail in full; sending a failed one again. */
export function outboxRoutes(kernel: DomainKernel) {
  const app = new Hono<AppEnv>();
  const { pages, mail } = kernel;
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  const rowOf = async (c: Context<AppEnv>) => {
    const id = c.req.param('id') ?? '';
    return /^\d{1,12}$/.test(id) ? ((await mail.byId(Number(id))) ?? null) : null;
  };

  app.use('/admin/outbox', requirePermission('mail.manage'));
  app.use('/admin/outbox/*', requirePermission('mail.manage'));

  app.get('/admin/outbox', async (c) => {
    const status = OUTBOX_STATUSES.find((s) => s === c.req.query('status')) as OutboxStatus | undefined;
    const requested = Number(c.req.query('page') ?? '1');
    const page = Number.isInteger(requested) && requested >= 1 && requested <= 1_000_000 ? requested : 1;
    const [list, counts] = await Promise.all([mail.list({ status, page }), mail.counts()]);
    return pages.fresh(
      c,
      <OutboxPage
        {...await frame(c)}
        rows={list.rows}
        counts={counts}
        status={status}
        page={list.page}
        pageCount={list.pageCount}
        delivering={mail.delivering}
        perMinute={kernel.config.mailPerMinute}
        now={kernel.clock().toISOString()}
      />,
    );
  });

  app.get('/admin/outbox/:id', async (c) => {
    const row = await rowOf(c);
    if (!row) return c.notFound();
    const notice = c.req.query('notice');
    return pages.fresh(c, <OutboxMessagePage {...await frame(c)} row={row} now={kernel.clock().toISOString()} notice={notice === 'retried' || notice === 'not-retried' ? notice : undefined} />);
  });

  app.post('/admin/outbox/:id/retry', async (c) => {
    const row = await rowOf(c);
    if (!row) return c.notFound();
    const done = await mail.retry(row.id);
    return c.redirect(`/admin/outbox/${row.id}?notice=${done ? 'retried' : 'not-retried'}`, 303);
  });

  return app;
}
