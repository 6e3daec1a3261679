import { ADMIN, type AccessRule } from '../accounts/access.js';

/** Who may use each mail route: the outbox is for admins. */
export const mailAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/admin/outbox', allowed: ADMIN, success: 200 },
  { method: 'GET', route: '/admin/outbox/:id', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/outbox/:id/retry', allowed: ADMIN, success: 303 },
];
