import type { Action } from './permissions.js';

/** What each action is, finishing the sentence "Your account cannot …". */
export const ACTION_LABELS: Record<Action, string> = {
  'dashboard.view': 'open the editors’ dashboard',
  'page.edit': 'edit pages',
  'page.delete': 'delete or restore pages',
  'page.submit': 'send pages for medical review',
  'page.review': 'approve pages as medically reviewed',
  'page.publish': 'publish pages',
  'citation.import': 'import citations',
  'citation.resolve': 'resolve retraction and erratum flags',
  'inbox.manage': 'manage the inbox',
  'settings.edit': 'change site settings',
  'users.manage': 'manage user accounts',
  'audit.view': 'read the audit log',
  'mail.manage': 'read the outbox or manage e-mail subscribers',
};
