import type { Db } from '../db/database.js';
import type { Role } from './context.js';
import { editingRows } from '../editing/test-support/authz-rows.js';
import { citationRows } from '../citations/test-support/authz-rows.js';

/**
 * The authorization matrix: every state-changing route (and the guarded
 * pages), who may use it, and how to build a valid request. The test
 * (authz-matrix.db.test.ts) sends each row as every role, anonymous included,
 * with and without a CSRF token, and expects exactly:
 *
 *   POST without a valid CSRF token        → 403 (for everyone)
 *   caller in `allowed`                     → `success`
 *   anonymous, otherwise                    → 303 to /login (GET) or 401 (POST)
 *   signed in with another role             → 403
 *
 * It also fails when the app has a POST route with no row here, so add a row
 * with every new route.
 */

export type Who = 'anonymous' | Role;
export const EVERYONE: readonly Who[] = ['anonymous', 'admin', 'editor', 'reviewer'];
export const SIGNED_IN: readonly Who[] = ['admin', 'editor', 'reviewer'];
export const ADMIN: readonly Who[] = ['admin'];

/** What a row's `prepare` gets to build fresh data for one run. */
export interface MatrixContext {
  db: Db;
  /** The caller of this run (a fresh user of the role, signed in), or null when anonymous. */
  actor: { id: number; email: string; role: Role } | null;
  /** The password of every user the harness makes, the actor included. */
  password: string;
  /** A new active user; `withPassword: false` makes an invited one that has not set a password yet. */
  createUser(role: Role, options?: { withPassword?: boolean }): Promise<{ id: number; email: string }>;
  /** A new sign-in link for a user; returns the token in the link. */
  createInvitation(userId: number): Promise<string>;
}

export interface AuthzRoute {
  method: 'GET' | 'POST';
  /** The route as registered: '/admin/users/:id/role'. */
  route: string;
  /** Who may use it. */
  allowed: readonly Who[];
  /** Status an allowed caller gets for a valid request (2xx, or 303 after a change). */
  success: number;
  /** A fresh, valid request for one run; runs must not depend on each other. */
  prepare(ctx: MatrixContext): Promise<{ path: string; body?: Record<string, string> }>;
}

const NEW_PASSWORD = 'lantern otter quarry 31';
let seq = 0;
const freshEmail = () => `matrix-${Date.now()}-${++seq}@example.org`;
const targetUser = (ctx: MatrixContext) => ctx.createUser('editor');

export const AUTHZ_ROUTES: AuthzRoute[] = [
  // Accounts: signing in and out, your own account, sign-in links.
  {
    method: 'POST',
    route: '/login',
    allowed: EVERYONE,
    success: 303,
    prepare: async (ctx) => ({ path: '/login', body: { email: (await ctx.createUser('editor')).email, password: ctx.password } }),
  },
  { method: 'POST', route: '/logout', allowed: EVERYONE, success: 303, prepare: async () => ({ path: '/logout', body: {} }) },
  { method: 'GET', route: '/account', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/account' }) },
  { method: 'GET', route: '/account/password', allowed: SIGNED_IN, success: 200, prepare: async () => ({ path: '/account/password' }) },
  {
    method: 'POST',
    route: '/account/password',
    allowed: SIGNED_IN,
    success: 303,
    prepare: async (ctx) => ({ path: '/account/password', body: { current: ctx.password, password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } }),
  },
  {
    method: 'POST',
    route: '/invite/:token',
    allowed: EVERYONE,
    success: 303,
    prepare: async (ctx) => {
      const invited = await ctx.createUser('reviewer', { withPassword: false });
      return { path: `/invite/${await ctx.createInvitation(invited.id)}`, body: { name: 'Invited Person', password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } };
    },
  },

  // Accounts: admins managing users, and the audit log.
  { method: 'GET', route: '/admin/users', allowed: ADMIN, success: 200, prepare: async () => ({ path: '/admin/users' }) },
  { method: 'GET', route: '/admin/users/:id', allowed: ADMIN, success: 200, prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}` }) },
  { method: 'GET', route: '/admin/audit', allowed: ADMIN, success: 200, prepare: async () => ({ path: '/admin/audit' }) },
  {
    method: 'POST',
    route: '/admin/users',
    allowed: ADMIN,
    success: 200,
    prepare: async () => ({ path: '/admin/users', body: { name: 'Matrix Invitee', email: freshEmail(), role: 'editor' } }),
  },
  {
    method: 'POST',
    route: '/admin/users/:id/role',
    allowed: ADMIN,
    success: 303,
    prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/role`, body: { role: 'reviewer' } }),
  },
  {
    method: 'POST',
    route: '/admin/users/:id/author',
    allowed: ADMIN,
    success: 303,
    prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/author`, body: { author: '' } }),
  },
  { method: 'POST', route: '/admin/users/:id/reset', allowed: ADMIN, success: 200, prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/reset`, body: {} }) },
  {
    method: 'POST',
    route: '/admin/users/:id/revoke-link',
    allowed: ADMIN,
    success: 303,
    prepare: async (ctx) => {
      const user = await targetUser(ctx);
      await ctx.createInvitation(user.id);
      return { path: `/admin/users/${user.id}/revoke-link`, body: {} };
    },
  },
  { method: 'POST', route: '/admin/users/:id/disable', allowed: ADMIN, success: 303, prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/disable`, body: {} }) },
  { method: 'POST', route: '/admin/users/:id/enable', allowed: ADMIN, success: 303, prepare: async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/enable`, body: {} }) },

  // Editing (src/editing): dashboard, the page editor, revisions, review workflow, site settings.
  ...editingRows(),

  // Citations (src/citations): import, flags, the new-research inbox, saved PubMed searches.
  ...citationRows(),
];

/** The one status a request must get. */
export function expectedStatus(route: AuthzRoute, who: Who, withCsrf: boolean): number {
  if (route.method !== 'GET' && !withCsrf) return 403;
  if (route.allowed.includes(who)) return route.success;
  if (who === 'anonymous') return route.method === 'GET' ? 303 : 401;
  return 403;
}
