import { type AccessRule, SIGNED_IN, type Who } from '../accounts/access.js';

const EDITORS: readonly Who[] = ['admin', 'editor']; // citation.resolve, inbox.manage

/** Who may use each citation and inbox route (see src/accounts/access.ts). */
export const citationAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/edit/citations', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit/citations/import', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/citations/import', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/citations/import/confirm', allowed: SIGNED_IN, success: 303 },
  { method: 'POST', route: '/edit/citations/import/manual', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/citations/import/manual/confirm', allowed: SIGNED_IN, success: 303 },
  { method: 'GET', route: '/edit/citations/:id', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/citations/:id/resolve', allowed: EDITORS, success: 303 },
  { method: 'GET', route: '/edit/inbox', allowed: EDITORS, success: 200 },
  { method: 'GET', route: '/edit/inbox/query', allowed: EDITORS, success: 303 },
  { method: 'POST', route: '/edit/inbox/:id/draft', allowed: EDITORS, success: 303 },
  { method: 'POST', route: '/edit/inbox/:id/dismiss', allowed: EDITORS, success: 303 },
  { method: 'GET', route: '/edit/:slug/research-query', allowed: EDITORS, success: 200 },
  { method: 'POST', route: '/edit/:slug/research-query', allowed: EDITORS, success: 303 },
];
