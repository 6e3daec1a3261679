import { EVERYONE, type AccessRule, SIGNED_IN } from '../accounts/access.js';

/** Who may use each feedback route: anyone sends feedback; only the editorial side reads it. */
export const feedbackAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/feedback/:slug', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/feedback/:slug', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/feedback/:slug/problem', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/feedback/:slug/problem', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/edit/feedback', allowed: SIGNED_IN, success: 200 },
  { method: 'GET', route: '/edit/feedback/:slug', allowed: SIGNED_IN, success: 200 },
  { method: 'POST', route: '/edit/feedback/items/:id/handled', allowed: SIGNED_IN, success: 303 },
];
