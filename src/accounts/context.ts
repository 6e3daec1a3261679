import type { Lang } from '../i18n/languages.js';

/** Who may do what on the editorial side; anonymous readers have no role. */
export type Role = 'admin' | 'editor' | 'reviewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'reviewer'];

/** The signed-in person, as every route and view sees them. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
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
  };
};
