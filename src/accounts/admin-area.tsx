import { Hono } from 'hono';
import type { AppEnv } from './context.js';
import type { DomainContributions } from '../domain.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { requireSignedIn } from './middleware.js';
import { ForbiddenPage } from './views/problem-pages.js';
import { AdminAreaPage } from './views/admin-area-page.js';
import { accountsText } from './messages/index.js';

/** /admin: the administration screens every domain contributes, as far as this person may open them. */
export function adminAreaRoutes(deps: { pages: PageRenderer; contributions: Pick<DomainContributions, 'adminLinks'> }) {
  const app = new Hono<AppEnv>();
  app.get('/admin', requireSignedIn(), async (c) => {
    const user = c.get('user')!;
    const links = deps.contributions.adminLinks().filter((link) => link.visibleTo(user));
    const frame = { site: await deps.pages.siteContext(c), user, csrfToken: c.get('csrfToken') };
    if (!links.length) return deps.pages.fresh(c, <ForbiddenPage {...frame} what={frame.site.i18n.text(accountsText)('adminForbiddenWhat')} />, 403);
    return deps.pages.fresh(c, <AdminAreaPage {...frame} links={links} />);
  });
  return app;
}
