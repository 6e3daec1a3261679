import { type AccessRule, SIGNED_IN, type Who } from '../accounts/access.js';

/** translation.edit: the editorial side and translators (who may not edit the English). */
const TRANSLATORS: readonly Who[] = [...SIGNED_IN, 'translator'];
/** translation.review (src/accounts/permissions.ts); approving also needs the reviewer to review that language. */
const REVIEWERS: readonly Who[] = ['admin', 'reviewer'];

/** Who may use each translators' route (see src/accounts/access.ts). */
export const translationAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/translate', allowed: TRANSLATORS, success: 200 },
  { method: 'POST', route: '/translate/languages', allowed: TRANSLATORS, success: 303 },
  { method: 'GET', route: '/translate/:lang/:slug', allowed: TRANSLATORS, success: 200 },
  { method: 'GET', route: '/translate/:lang/:slug/changes/:number', allowed: TRANSLATORS, success: 200 },
  { method: 'POST', route: '/translate/:lang/:slug', allowed: TRANSLATORS, success: 303 },
  { method: 'POST', route: '/translate/:lang/:slug/approve', allowed: REVIEWERS, success: 303 },
  { method: 'POST', route: '/translate/:lang/:slug/send-back', allowed: REVIEWERS, success: 303 },
];
