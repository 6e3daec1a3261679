import type { Db } from '../../db/database.js';
import type { Role } from '../context.js';
import { createPasswordResets } from '../password-reset.js';

/** What a request builder gets to make fresh data for one run of the authorization matrix. */
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

/** A fresh, valid request for one rule; runs must not depend on each other. */
export type AuthzRequest = (ctx: MatrixContext) => Promise<{ path: string; body?: Record<string, string> }>;

/** Request builders by rule key ("POST /edit/:slug"), one per access rule of a domain. */
export type AuthzRequests = Record<string, AuthzRequest>;

const NEW_PASSWORD = 'lantern otter quarry 31';
let seq = 0;
const freshEmail = () => `matrix-${Date.now()}-${++seq}@example.org`;
const targetUser = (ctx: MatrixContext) => ctx.createUser('editor');

/** Requests for src/accounts/authz.ts. */
export const accountsRequests: AuthzRequests = {
  'POST /login': async (ctx) => ({ path: '/login', body: { email: (await ctx.createUser('editor')).email, password: ctx.password } }),
  'POST /logout': async () => ({ path: '/logout', body: {} }),
  'GET /account': async () => ({ path: '/account' }),
  'GET /account/password': async () => ({ path: '/account/password' }),
  'POST /account/password': async (ctx) => ({ path: '/account/password', body: { current: ctx.password, password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } }),
  'POST /invite/:token': async (ctx) => {
      const invited = await ctx.createUser('reviewer', { withPassword: false });
      return { path: `/invite/${await ctx.createInvitation(invited.id)}`, body: { name: 'Invited Person', password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } };
    },
  'GET /admin/users': async () => ({ path: '/admin/users' }),
  'GET /admin/users/:id': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}` }),
  'GET /admin/audit': async () => ({ path: '/admin/audit' }),
  'POST /admin/users': async () => ({ path: '/admin/users', body: { name: 'Matrix Invitee', email: freshEmail(), role: 'editor' } }),
  'POST /admin/users/:id/role': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/role`, body: { role: 'reviewer' } }),
  'POST /admin/users/:id/roles': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/roles`, body: { extra: 'moderator' } }),
  'POST /admin/users/:id/author': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/author`, body: { author: '' } }),
  'POST /admin/users/:id/reset': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/reset`, body: {} }),
  'POST /admin/users/:id/revoke-link': async (ctx) => {
      const user = await targetUser(ctx);
      await ctx.createInvitation(user.id);
      return { path: `/admin/users/${user.id}/revoke-link`, body: {} };
    },
  'POST /admin/users/:id/disable': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/disable`, body: {} }),
  'POST /admin/users/:id/enable': async (ctx) => ({ path: `/admin/users/${(await targetUser(ctx)).id}/enable`, body: {} }),
  'GET /admin': async () => ({ path: '/admin' }),
  'POST /password/forgot': async (ctx) => ({ path: '/password/forgot', body: { email: (await ctx.createUser('editor')).email } }),
  'POST /password/reset/:token': async (ctx) => {
      const user = await ctx.createUser('editor');
      const row = await ctx.db.selectFrom('users').select(['id', 'password_changed_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
      const { token } = (await createPasswordResets(ctx.db)).issue(row);
      return { path: `/password/reset/${token}`, body: { password: NEW_PASSWORD, 'password-confirm': NEW_PASSWORD } };
    },
};
