import { type Context, Hono } from 'hono';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import { dashboardRoutes } from './dashboard-routes.js';
import { editorRoutes, unconfirmedSaveAnswer } from './editor-routes.js';
import { historyRoutes } from './history-routes.js';
import { type EditingRouteDeps, createEditingKit } from './kit.js';
import { lifecycleRoutes } from './lifecycle-routes.js';
import { reviewRoutes } from './review-routes.js';
import { bylineRoutes } from './byline-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { declarationRoutes } from './declaration-routes.js';
import { editorToolbar } from './toolbar.js';
import { workflowRoutes } from './workflow-routes.js';

export type { EditingRouteDeps };

/**
 * The editorial side, one file per screen or workflow step: /dashboard, the
 * page editor under /edit, review workflow, history, delete/undelete, and
 * /admin/settings. Each route: sign-in and permission (requirePermission) →
 * rate limit on writes → Zod on input → handler.
 */
export function editingRoutes(deps: EditingRouteDeps) {
  const kit = createEditingKit(deps);
  const app = new Hono<AppEnv>();
  // Auth first: every route below needs a signed-in person with the right role.
  app.use('/dashboard', requirePermission('dashboard.view'));
  app.use('/edit', requirePermission('page.edit'));
  app.use('/edit/*', requirePermission('page.edit'));
  app.use('/admin/settings', requirePermission('settings.edit'));
  app.use('/account/byline', requirePermission('page.edit'));
  // Everyone who can be named on a page (every signed-in role) makes their own declaration.
  app.use('/declaration', requirePermission('dashboard.view'));
  for (const routes of [dashboardRoutes, editorRoutes, workflowRoutes, reviewRoutes, historyRoutes, lifecycleRoutes, settingsRoutes, bylineRoutes, declarationRoutes]) app.route('/', routes(kit));
  return {
    app,
    service: kit.service,
    toolbar: editorToolbar(deps.db, kit.service),
    unconfirmedSaveAnswer: (c: Context<AppEnv>) => unconfirmedSaveAnswer(kit, c),
  };
}
