import type { Localizer } from '../i18n/localizer.js';
/**
 * Editing: the dashboard, the page editor, full-snapshot revisions, the
 * review workflow, history and site settings.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../accounts/context.js';
import { can } from '../accounts/permissions.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { accountsText } from '../accounts/messages/index.js';
import { editingAccess } from './authz.js';
import { editingText } from './messages/index.js';
import { editingRoutes } from './routes/index.js';
import type { EditingRouteDeps } from './routes/kit.js';
import type { EditingService } from './service/index.js';

export interface EditingDomain extends Domain {
  service: EditingService;
  /** The "Edit this page" bar for a signed-in editor on a reader page. */
  toolbar(slug: string, i18n?: Localizer): Promise<Child>;
  /**
   * For the app's error handler when the database does not answer: an
   * editor's save gets the 503 page with their text (null for other requests).
   */
  unconfirmedSaveAnswer(c: Context<AppEnv>): Promise<Response | null>;
}

export function createEditingDomain(
  kernel: DomainKernel,
  needs: Pick<EditingRouteDeps, 'citations' | 'openReports' | 'glossaryGaps'>,
): EditingDomain {
  const editing = editingRoutes({
    db: kernel.db,
    store: kernel.store,
    queries: kernel.queries,
    pages: kernel.pages,
    markdown: kernel.markdown,
    citations: needs.citations,
    openReports: needs.openReports,
    glossaryGaps: needs.glossaryGaps,
    assets: kernel.assets,
    trustProxy: kernel.config.trustProxy,
    rateLimits: kernel.rateLimits,
    contentChanged: kernel.contentChanged,
    contributions: kernel.contributions,
    clock: kernel.clock,
  });
  return {
    name: 'editing',
    service: editing.service,
    toolbar: editing.toolbar,
    unconfirmedSaveAnswer: editing.unconfirmedSaveAnswer,
    routes: editing.app,
    access: editingAccess,
    dashboardLinks: [adminLink(editingText, { href: '/account/byline', label: 'bylineTitle', description: 'bylineToolDescription', visibleTo: (u) => can(u, 'page.edit') })],
    adminLinks: [
      // Its words are in the accounts catalogue with the other admin-area entries until editing has a catalogue of its own.
      adminLink(accountsText, { href: '/admin/settings', label: 'adminLinkSettings', description: 'adminLinkSettingsDescription', visibleTo: (u) => can(u, 'settings.edit') }),
    ],
  };
}
