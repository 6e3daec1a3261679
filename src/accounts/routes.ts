import { Hono } from 'hono';
import { adminRoutes } from './admin-routes.js';
import type { AppEnv } from './context.js';
import type { AccountsDeps } from './deps.js';
import { sessionRoutes } from './session-routes.js';

/** /login, /logout, /account, /account/password, /invite/:token, /admin/users…, /admin/audit. */
export function accountsRoutes(deps: AccountsDeps) {
  const app = new Hono<AppEnv>();
  app.route('/', sessionRoutes(deps));
  app.route('/', adminRoutes(deps));
  return app;
}
