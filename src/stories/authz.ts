import { type AccessRule, EVERYONE } from '../accounts/access.js';
import { MODERATORS } from '../community/authz.js';

/**
 * Who may use each stories route. Anyone may send a story (an address without
 * an account is confirmed by e-mail); the storyteller's links are authorised
 * by their signature, and still need the CSRF token of the page they open.
 */
export const storiesAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/stories/new', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/stories/new', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/stories/:id/confirm/:signature', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/stories/:id/confirm/:signature', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/stories/:id/review/:signature', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/stories/:id/review/:signature', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/stories/:id/withdraw/:signature', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/stories/:id/withdraw/:signature', allowed: EVERYONE, success: 200 },
  { method: 'GET', route: '/moderation/stories/:id', allowed: MODERATORS, success: 200 },
  { method: 'POST', route: '/moderation/stories/:id/claim', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/stories/:id/approve', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/stories/:id/reject', allowed: MODERATORS, success: 303 },
];
