import { ADMIN, type AccessRule, EVERYONE } from '../accounts/access.js';

/** Who may use each mail route: the outbox is for admins. */
export const mailAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/admin/outbox', allowed: ADMIN, success: 200 },
  { method: 'GET', route: '/admin/outbox/:id', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/outbox/:id/retry', allowed: ADMIN, success: 303 },
  { method: 'GET', route: '/admin/subscribers', allowed: ADMIN, success: 200 },
  { method: 'GET', route: '/admin/subscribers/:id/export', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/subscribers/:id/delete', allowed: ADMIN, success: 303 },
  // Following by e-mail needs no account: the signed link in the address is the authority.
  { method: 'POST', route: '/follow', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/follow/confirm/:token', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/follow/manage/:token', allowed: EVERYONE, success: 303 },
  // RFC 8058 one-click: mail clients POST without any page of ours, so without a CSRF token.
  { method: 'POST', route: '/follow/unsubscribe/:token', allowed: EVERYONE, success: 200, csrfExempt: true },
];
