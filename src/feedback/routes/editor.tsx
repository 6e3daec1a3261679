/** The editors' side: every page with open feedback, one page's feedback, marking an item handled. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import { can } from '../../accounts/permissions.js';
import { type FeedbackDeps, frameOf, pageBySlug } from '../deps.js';
import { feedbackText } from '../messages/index.js';
import { FeedbackOverviewPage, PageFeedbackPage } from '../views/editor-pages.js';
import { UnknownPagePage } from '../views/reader-pages.js';

const Id = z.string().regex(/^[1-9]\d{0,12}$/).transform(Number);
const NOTICES = { handled: 'noticeHandled', 'already-handled': 'noticeAlreadyHandled' } as const;

export function editorFeedbackRoutes(deps: FeedbackDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;
  const unknown = async (c: Context<AppEnv>) => pages.fresh(c, <UnknownPagePage {...await frameOf(deps, c)} />, 404);

  app.get('/edit/feedback', requirePermission('dashboard.view'), async (c) =>
    pages.fresh(c, <FeedbackOverviewPage {...await frameOf(deps, c)} pages={await store.pagesWithOpen()} />),
  );

  app.get('/edit/feedback/:slug', requirePermission('dashboard.view'), async (c) => {
    const page = await pageBySlug(deps.db, c.req.param('slug'));
    if (!page) return unknown(c);
    const frame = await frameOf(deps, c);
    const key = c.req.query('notice');
    const notice = key === 'handled' || key === 'already-handled' ? frame.site.i18n.text(feedbackText)(NOTICES[key]) : undefined;
    return pages.fresh(c, <PageFeedbackPage {...frame} page={page} items={await store.forPage(page.id)} notice={notice} canHandle={can(c.get('user'), 'page.edit')} />);
  });

  app.post('/edit/feedback/items/:id/handled', requirePermission('page.edit'), async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) return unknown(c);
    const row = await deps.db
      .selectFrom('reader_feedback as f')
      .innerJoin('pages as p', 'p.id', 'f.page_id')
      .select(['p.slug'])
      .where('f.id', '=', id.data)
      .executeTakeFirst();
    if (!row) return unknown(c);
    const changed = await store.markHandled(id.data, c.get('user')!.id);
    const site = await pages.siteContext(c);
    return c.redirect(site.i18n.path(`/edit/feedback/${row.slug}?notice=${changed ? 'handled' : 'already-handled'}#feedback-${id.data}`), 303);
  });

  return app;
}
