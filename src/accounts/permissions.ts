import type { CurrentUser, Role } from './context.js';

/** Every guarded action in the product. Add new actions here, nowhere else. */
export type Action =
  | 'dashboard.view'
  | 'page.edit' // create, edit, move, rename pages; save drafts
  | 'page.delete' // soft-delete and restore
  | 'page.submit' // send a draft for medical review
  | 'page.review' // approve a revision as medically reviewed
  | 'page.publish' // make an approved revision what readers see
  | 'citation.import'
  | 'citation.resolve' // clear a retraction or erratum flag
  | 'inbox.manage'
  | 'settings.edit'
  | 'users.manage'
  | 'audit.view'
  | 'mail.manage'; // the outbox and the subscribers of following by e-mail

/** The one permission table: role → actions it may take. */
const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>([
    'dashboard.view', 'page.edit', 'page.delete', 'page.submit', 'page.review', 'page.publish',
    'citation.import', 'citation.resolve', 'inbox.manage', 'settings.edit', 'users.manage', 'audit.view', 'mail.manage',
  ]),
  editor: new Set<Action>(['dashboard.view', 'page.edit', 'page.delete', 'page.submit', 'page.publish', 'citation.import', 'citation.resolve', 'inbox.manage']),
  reviewer: new Set<Action>(['dashboard.view', 'page.edit', 'page.submit', 'page.review', 'page.publish', 'citation.import']),
};

export function can(user: CurrentUser | null, action: Action): boolean {
  return user !== null && GRANTS[user.role].has(action);
}
