/**
 * Accounts: who is signed in (sessions, CSRF on every POST), sign-in links,
 * user administration, the audit log and the /admin area every domain adds to.
 */
import { Hono } from 'hono';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { adminAreaRoutes } from './admin-area.js';
import { accountsAccess } from './authz.js';
import type { AppEnv } from './context.js';
import { type AccountsDeps, type AccountsOptions, createAccounts } from './deps.js';
import { accountsMiddleware, csrfProtection } from './middleware.js';
import { accountsText } from './messages/index.js';
import { can } from './permissions.js';
import { accountsRoutes } from './routes.js';
import { createPasswordResets } from './password-reset.js';
import { passwordResetRoutes } from './password-reset-routes.js';

export interface AccountsDomain extends Domain {
  accounts: AccountsDeps;
}

export async function createAccountsDomain(kernel: DomainKernel, options: Omit<AccountsOptions, 'db' | 'pages' | 'trustProxy' | 'mail'> = {}): Promise<AccountsDomain> {
  const accounts = await createAccounts({ db: kernel.db, pages: kernel.pages, trustProxy: kernel.config.trustProxy, mail: kernel.mail, ...options });
  const routes = new Hono<AppEnv>();
  routes.route('/', accountsRoutes(accounts));
  routes.route('/', passwordResetRoutes(accounts, await createPasswordResets(kernel.db, accounts.clock), kernel.rateLimits));
  routes.route('/', adminAreaRoutes({ pages: kernel.pages, contributions: kernel.contributions }));
  return {
    name: 'accounts',
    accounts,
    // Who is signed in, then CSRF on every POST: before any domain's routes.
    middleware: [accountsMiddleware(accounts), csrfProtection(() => kernel.contributions.access())],
    routes,
    access: accountsAccess,
    adminLinks: [
      adminLink(accountsText, { href: '/admin/users', label: 'adminLinkUsers', description: 'adminLinkUsersDescription', visibleTo: (u) => can(u, 'users.manage') }),
      adminLink(accountsText, { href: '/admin/audit', label: 'adminLinkAudit', description: 'adminLinkAuditDescription', visibleTo: (u) => can(u, 'audit.view') }),
    ],
  };
}
