import type { KeyOf } from '../i18n/catalogue.js';
import type { accountsText } from './messages/index.js';
import type { Action } from './permissions.js';

/** What each action is, finishing the sentence "Your account cannot …": message keys of the accounts catalogue. */
export const ACTION_LABELS: Record<Action, KeyOf<typeof accountsText>> = {
  'dashboard.view': 'actionDashboardView',
  'page.edit': 'actionPageEdit',
  'page.delete': 'actionPageDelete',
  'page.submit': 'actionPageSubmit',
  'page.review': 'actionPageReview',
  'page.publish': 'actionPagePublish',
  'citation.import': 'actionCitationImport',
  'citation.resolve': 'actionCitationResolve',
  'inbox.manage': 'actionInboxManage',
  'settings.edit': 'actionSettingsEdit',
  'users.manage': 'actionUsersManage',
  'audit.view': 'actionAuditView',
  'mail.manage': 'actionMailManage',
  'forum.post': 'actionForumPost',
  'forum.moderate': 'actionForumModerate',
  'translation.edit': 'actionTranslationEdit',
  'translation.review': 'actionTranslationReview',
};
