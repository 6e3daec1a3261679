import { Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { can } from '../../accounts/permissions.js';
import { loadDashboard } from '../dashboard.js';
import { DashboardPage } from '../views/dashboard-page.js';
import type { EditingKit } from './kit.js';

/** /dashboard: what waits for this person, what is due, and the sections other domains contribute. */
export function dashboardRoutes(kit: EditingKit) {
  const { db, queries, pages, contributions } = kit.deps;
  const app = new Hono<AppEnv>();

  app.get('/dashboard', async (c) => {
    const user = c.get('user')!;
    const today = kit.clock().toISOString().slice(0, 10);
    const frame = await kit.frame(c);
    const [data, panels] = await Promise.all([
      loadDashboard(db, queries, user, today, kit.deps.openReports),
      Promise.all(contributions.dashboardPanels().map((panel) => panel.render({ user, today, i18n: frame.site.i18n }))),
    ]);
    const visible = (links: ReturnType<typeof contributions.adminLinks>) => links.filter((link) => link.visibleTo(user)).map((link) => ({ href: link.href, label: frame.site.i18n.text(link.catalogue)(link.label), description: frame.site.i18n.text(link.catalogue)(link.description) }));
    const tools = visible(contributions.dashboardLinks());
    // Anyone with at least one administration screen gets the way to all of them.
    const administration = visible(contributions.adminLinks()).length > 0;
    return pages.fresh(c, <DashboardPage {...frame} data={data} panels={panels.flat()} tools={tools} administration={administration} canCreate={can(user, 'page.edit')} canReview={can(user, 'page.review')} canRestore={can(user, 'page.delete')} notice={await kit.notice(c)} />);
  });

  return app;
}
