import type { Lang } from '../i18n/languages.js';

/**
 * Who may do what; anonymous readers have no role. admin, editor and reviewer
 * are the editorial side; member and moderator the community (src/community);
 * translator translates pages and nothing else (src/translations).
 * A person has one main role (users.role) and may hold more (user_roles).
 */
export type Role = 'admin' | 'editor' | 'reviewer' | 'member' | 'moderator' | 'translator';
export const ROLES: readonly Role[] = ['admin', 'editor', 'reviewer', 'member', 'moderator', 'translator'];

/** The signed-in person, as every route and view sees them. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Every role they hold, the main one first (user_roles adds to it); absent means just `role`. */
  roles?: readonly Role[];
  /** The author record used in bylines and "reviewed by", when linked. */
  authorKey: string | null;
}

/** Hono context variables set by the accounts middleware on every request. */
export type AppEnv = {
  Variables: {
    /** The interface language, from the address (/es/…); English without a prefix. */
    lang: Lang;
    /** null for anonymous readers. */
    user: CurrentUser | null;
    /** Token to embed in every state-changing form (hidden field `_csrf`) or header `x-csrf-token`. */
    csrfToken: string;
    /** The signed hidden field `_owner` of forms that are kept when a sign-in runs out (src/accounts/parked-forms.ts); null when anonymous. */
    formOwner: string | null;
  };
};
