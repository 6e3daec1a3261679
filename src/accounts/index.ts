/** The accounts domain as other domains use it. */
export type { AppEnv, CurrentUser, Role } from './context.js';
export { ROLES } from './context.js';
export { type Action, can } from './permissions.js';
export { accountsMiddleware, csrfProtection, requirePermission, requireSignedIn } from './middleware.js';
export { accountsRoutes } from './routes.js';
export { type AccountsDeps, createAccounts } from './deps.js';
export { type AuditEntry, recordAudit } from './audit.js';
export { clientIp } from './client-ip.js';
export { CsrfField } from './views/form-parts.js';
