import { ownValue } from '../../web/known-key.js';

/** Messages after a redirect, chosen by key so nothing from the address is echoed back. */
const NOTICES: Record<string, string> = {
  saved: 'Saved as a new revision. Readers still see the published version until a revision is reviewed and published.',
  created: 'Saved as a draft. The page appears in the directory once it is reviewed and published.',
  submitted: 'Sent for medical review. Reviewers see it on their dashboard.',
  approved: 'Approved as medically reviewed. It can be published now.',
  published: 'Published: readers see this version now.',
  restored: 'The old revision is now the newest draft. Nothing was lost: every revision is still in the history.',
  undeleted: 'The page is back: readers can see it again.',
  deleted: 'The page is deleted: readers no longer see it. You can restore it below.',
  settings: 'Settings saved. Every page shows them now.',
};

/** The notice for a ?notice= key; own keys only, so "constructor" or "__proto__" show nothing. */
export function noticeFor(key: string | undefined): string | undefined {
  return ownValue(NOTICES, key);
}
