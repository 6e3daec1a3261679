import { createHash, randomUUID } from 'node:crypto';
import type { PageForm } from './page-form.js';

/** A fresh token for one editor form as shown: sending that form again is recognised as the same save. */
export function newSaveToken(): string {
  return randomUUID();
}

/**
 * The key a save is stored under (page_revisions.save_key): the form's token
 * and a fingerprint of every field sent. The same form sent twice (a double
 * click, a retry after a timeout or a 503) has the same key and is stored
 * once; a form with the same token but other text (the Back button, then
 * more typing) is a new save, never mistaken for the old one.
 */
export function saveKeyOf(form: PageForm): string | null {
  const { saveToken, ...sent } = form;
  if (!saveToken) return null;
  const fingerprint = createHash('sha256').update(JSON.stringify(sent)).digest('base64url').slice(0, 27);
  return `${saveToken}.${fingerprint}`;
}
