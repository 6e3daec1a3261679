import { ownValue } from '../../web/known-key.js';
import type { EditingKey } from '../views/text.js';

/** Messages after a redirect, chosen by key so nothing from the address is echoed back. */
const NOTICES: Record<string, EditingKey> = {
  saved: 'noticeSaved',
  created: 'noticeCreated',
  submitted: 'noticeSubmitted',
  approved: 'noticeApproved',
  'sent-back': 'noticeSentBack',
  published: 'noticePublished',
  'published-news': 'noticePublishedNews',
  restored: 'noticeRestored',
  undeleted: 'noticeUndeleted',
  deleted: 'noticeDeleted',
  settings: 'noticeSettings',
  byline: 'noticeByline',
  declared: 'noticeDeclared',
};

/** The catalogue key of the notice for a ?notice= key; own keys only, so "constructor" or "__proto__" show nothing. */
export function noticeFor(key: string | undefined): EditingKey | undefined {
  return ownValue(NOTICES, key);
}
