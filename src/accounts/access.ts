import type { Role } from './context.js';

/**
 * Access rules: who may use each guarded route. Every domain declares its
 * own (src/<domain>/access.ts) next to its routes; the authorization matrix
 * test (src/accounts/authz-matrix.db.test.ts) sends every rule as every role,
 * anonymous included, with and without a CSRF token, and expects exactly
 * `expectedStatus`. It also fails when the app has a POST route without a rule.
 */

export type Who = 'anonymous' | Role;
export const EVERYONE: readonly Who[] = ['anonymous', 'admin', 'editor', 'reviewer', 'member', 'moderator', 'translator'];
/** The editorial side: everyone with a staff role. */
export const SIGNED_IN: readonly Who[] = ['admin', 'editor', 'reviewer'];
/** Anyone with an account, community members included (their own account pages). */
export const ANY_ACCOUNT: readonly Who[] = [...SIGNED_IN, 'member', 'moderator', 'translator'];
export const ADMIN: readonly Who[] = ['admin'];

export interface AccessRule {
  method: 'GET' | 'POST';
  /** The route as registered: '/admin/users/:id/role'. */
  route: string;
  /** Who may use it. */
  allowed: readonly Who[];
  /** Status an allowed caller gets for a valid request (2xx, or 303 after a change). */
  success: number;
  /**
   * No CSRF token needed: the request is authorised by a signed token in its
   * address, not by a session (RFC 8058 one-click unsubscribe, which mail
   * clients POST without any page of ours). Only for routes that use no session.
   */
  csrfExempt?: true;
  /**
   * A form whose text must survive the end of a sign-in (the page editor):
   * sent from this site after the session ended, it is parked
   * (src/accounts/parked-forms.ts) and the person is sent to sign in instead
   * of being refused, then gets the text back on the form's own page.
   */
  keepsFormWhenSignedOut?: true;
}

/** The key a rule's test request is filed under: "POST /edit/:slug". */
/** The addresses a rule matches, for checks that run before routing: "/follow/unsubscribe/:token" → /^(\/[a-z]{2})?\/follow\/unsubscribe\/[^/]+$/. */
export function routePattern(route: string): RegExp {
  const body = route
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('\\/');
  return new RegExp(`^(\\/[a-z]{2})?${body}$`);
}

export function ruleKey(rule: Pick<AccessRule, 'method' | 'route'>): string {
  return `${rule.method} ${rule.route}`;
}

/**
 * The one status a request must get:
 *   POST without a valid CSRF token        → 403 (for everyone)
 *   caller in `allowed`                     → `success`
 *   anonymous, otherwise                    → 303 to /login (GET) or 401 (POST)
 *   signed in with another role             → 403
 */
export function expectedStatus(rule: AccessRule, who: Who, withCsrf: boolean): number {
  if (rule.method !== 'GET' && !withCsrf && !rule.csrfExempt) return 403;
  if (rule.allowed.includes(who)) return rule.success;
  if (who === 'anonymous') return rule.method === 'GET' ? 303 : 401;
  return 403;
}
