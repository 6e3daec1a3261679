import { ADMIN, type AccessRule, EVERYONE, type Who } from '../accounts/access.js';

/** Who may post: members, moderators and admins (permissions.ts: forum.post). */
export const POSTERS: readonly Who[] = ['admin', 'member', 'moderator'];
/** Who moderates: moderators and admins (forum.moderate). */
export const MODERATORS: readonly Who[] = ['admin', 'moderator'];

/** Who may use each community route. Reading public forums needs no rule (members-only categories check the session themselves). */
export const communityAccess: readonly AccessRule[] = [
  { method: 'POST', route: '/join', allowed: EVERYONE, success: 200 },
  { method: 'POST', route: '/join/verify/:token', allowed: EVERYONE, success: 303 },
  { method: 'GET', route: '/members/me', allowed: POSTERS, success: 200 },
  { method: 'POST', route: '/members/me/name', allowed: POSTERS, success: 303 },
  { method: 'GET', route: '/members/me/data', allowed: POSTERS, success: 200 },
  { method: 'POST', route: '/members/me/delete', allowed: ['member'], success: 200 },
  { method: 'GET', route: '/forums/:slug/new', allowed: POSTERS, success: 200 },
  { method: 'POST', route: '/forums/:slug/new', allowed: POSTERS, success: 303 },
  { method: 'POST', route: '/forums/topics/:id/reply', allowed: POSTERS, success: 303 },
  { method: 'POST', route: '/forums/topics/:id/follow', allowed: POSTERS, success: 303 },
  { method: 'POST', route: '/forums/topics/:id/unfollow', allowed: POSTERS, success: 303 },
  // The signed link of a reply e-mail is the authority (one-click unfollow, RFC 8058).
  { method: 'POST', route: '/forums/unfollow/:token', allowed: EVERYONE, success: 200, csrfExempt: true },
  { method: 'GET', route: '/forums/posts/:id/flag', allowed: POSTERS, success: 200 },
  { method: 'POST', route: '/forums/posts/:id/flag', allowed: POSTERS, success: 303 },
  { method: 'GET', route: '/moderation', allowed: MODERATORS, success: 200 },
  { method: 'GET', route: '/moderation/:id', allowed: MODERATORS, success: 200 },
  { method: 'POST', route: '/moderation/:id/claim', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/:id/approve', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/:id/reject', allowed: MODERATORS, success: 303 },
  { method: 'GET', route: '/moderation/posts/:id', allowed: MODERATORS, success: 200 },
  { method: 'POST', route: '/moderation/posts/:id/edit', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/hide', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/unhide', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/split', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/topics/:id/lock', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/topics/:id/unlock', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/topics/:id/move', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/warn', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/suspend', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/lift', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/note', allowed: MODERATORS, success: 303 },
  { method: 'POST', route: '/moderation/posts/:id/evidence', allowed: MODERATORS, success: 303 },
  { method: 'GET', route: '/admin/community', allowed: ADMIN, success: 200 },
  { method: 'POST', route: '/admin/community', allowed: ADMIN, success: 303 },
];
