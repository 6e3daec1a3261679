import { type AccessRule, SIGNED_IN, type Who } from '../accounts/access.js';

/** page.review: a clinician's sign-off is a medical review (src/accounts/permissions.ts). */
const REVIEWERS: readonly Who[] = ['admin', 'reviewer'];

/**
 * Who may use each news editing route (see src/accounts/access.ts). News
 * follows the pages' workflow and its permissions: page.edit to write,
 * page.submit to send for review, page.review to sign off, page.publish.
 */
export const newsAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/edit/news', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit/news/new', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/news/new', allowed: SIGNED_IN, success: 303 },
  { method: 'GET', route: '/edit/news/:id', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/news/:id', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/news/:id/submit', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/news/:id/sign-off', allowed: REVIEWERS, success: 303 },
  { method: 'POST', route: '/edit/news/:id/publish', allowed: SIGNED_IN, success: 303 },
];
