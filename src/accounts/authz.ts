import { ADMIN, ANY_ACCOUNT, type AccessRule, EVERYONE } from './access.js';

/** Who may use each accounts route: signing in and out, your own account, sign-in links, user administration, the audit log. */
export const accountsAccess: readonly AccessRule[] = [
  { method: 'POST', route: '/login', allowed: EVERYONE, success: 303 },
  { method: 'POST', route: '/logout', allowed: EVERYONE, success: 303 },
  { method: 'GET', route: '/account', allowed: ANY_ACCOUNT, success: 200 },
  { method: 'GET', route: '/account/password', allowed: ANY_ACCOUNT, success: 200 },
  { method: 'POST', route: '/account/password', allowed: ANY_ACCOUNT, success: 303 },
  { method: 'POST', route: '/invite/:token', allowed: EVERYONE, success: 303 },
  { method: 'GET', route: '/admin/users', allowed: ADMIN, success: 200 },
  { method: 'GET', route: '/admin/users/:id', allowed: ADMIN, success: 200 },
  { method: 'GET', route: '/admin/audit', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/users', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/users/:id/role', allowed: ADMIN, success: 303 },
  { method: 'POST', route: '/admin/users/:id/roles', allowed: ADMIN, success: 303 },
  { method: 'POST', route: '/admin/users/:id/author', allowed: ADMIN, success: 303 },
  { method: 'POST', route: '/admin/users/:id/reset', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/users/:id/revoke-link', allowed: ADMIN, success: 303 },
  { method: 'POST', route: '/admin/users/:id/disable', allowed: ADMIN, success: 303 },
  { method: 'POST', route: '/admin/users/:id/enable', allowed: ADMIN, success: 303 },
  { method: 'GET', route: '/admin', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/password/forgot', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/password/reset/:token', allowed: EVERYONE, success: 303 },
];
