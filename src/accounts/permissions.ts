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
  | 'mail.manage' // the outbox and the subscribers of following by e-mail
  | 'forum.post' // start topics, reply, flag (members; staff who join in)
  | 'forum.moderate' // the review queue: approve, edit, reject
  | 'translation.edit' // translate pages, send translations for review, say which languages one translates
  | 'translation.review'; // approve a translation (also needs to review that language: src/translations)

/** The one permission table: role → actions it may take. */
const GRANTS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>([
    'dashboard.view', 'page.edit', 'page.delete', 'page.submit', 'page.review', 'page.publish',
    'citation.import', 'citation.resolve', 'inbox.manage', 'settings.edit', 'users.manage', 'audit.view', 'mail.manage',
    'forum.post', 'forum.moderate', 'translation.edit', 'translation.review',
  ]),
  editor: new Set<Action>(['dashboard.view', 'page.edit', 'page.delete', 'page.submit', 'page.publish', 'citation.import', 'citation.resolve', 'inbox.manage', 'translation.edit']),
  reviewer: new Set<Action>(['dashboard.view', 'page.edit', 'page.submit', 'page.review', 'page.publish', 'citation.import', 'translation.edit', 'translation.review']),
  member: new Set<Action>(['forum.post']),
  moderator: new Set<Action>(['forum.post', 'forum.moderate']),
  // Translates pages (and sends them for review); never edits the English source.
  translator: new Set<Action>(['translation.edit']),
};

/** Whether any role the person holds grants the action. */
export function can(user: CurrentUser | null, action: Action): boolean {
  return user !== null && (user.roles ?? [user.role]).some((role) => GRANTS[role].has(action));
}
