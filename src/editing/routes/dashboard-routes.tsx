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
      loadDashboard(db, queries, user, today),
      Promise.all(contributions.dashboardPanels().map((panel) => panel.render({ user, today, i18n: frame.site.i18n }))),
    ]);
    return pages.fresh(c, <DashboardPage {...frame} data={data} panels={panels.flat()} canCreate={can(user, 'page.edit')} canRestore={can(user, 'page.delete')} notice={await kit.notice(c)} />);
  });

  return app;
}
