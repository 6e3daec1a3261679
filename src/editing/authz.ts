import { ADMIN, type AccessRule, SIGNED_IN, type Who } from '../accounts/access.js';

const EDITORS: readonly Who[] = ['admin', 'editor']; // page.delete
const REVIEWERS: readonly Who[] = ['admin', 'reviewer']; // page.review

/** Who may use each editing route (see src/accounts/access.ts). */
export const editingAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/dashboard', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit', allowed: SIGNED_IN, success: 303, keepsFormWhenSignedOut: true },
  { method: 'GET', route: '/edit/:slug', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/:slug', allowed: SIGNED_IN, success: 303, keepsFormWhenSignedOut: true },
  { method: 'POST', route: '/edit/:slug/submit', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/:slug/approve', allowed: REVIEWERS, success: 303 },
  { method: 'GET', route: '/edit/:slug/review', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/:slug/send-back', allowed: REVIEWERS, success: 303 },
  { method: 'POST', route: '/edit/:slug/publish', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/:slug/restore', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/:slug/delete', allowed: EDITORS, success: 303 },
  { method: 'POST', route: '/edit/:slug/undelete', allowed: EDITORS, success: 303 },
  { method: 'GET', route: '/edit/:slug/history', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit/:slug/revisions/:number', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit/:slug/diff', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/account/byline', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/account/byline', allowed: SIGNED_IN, success: 303 },
  { method: 'GET', route: '/admin/settings', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/settings', allowed: ADMIN, success: 303 },
  { method: 'GET', route: '/declaration', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/declaration', allowed: SIGNED_IN, success: 303 },
];
