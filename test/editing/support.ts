import type { Page } from 'playwright-core';
import { TEST_PASSWORD, seedUser } from '../../src/accounts/test-support/session-client.js';
import type { Role } from '../../src/accounts/context.js';
import type { TestApp } from '../support/app.js';

/** A person with an account on the test app. */
export async function person(t: TestApp, role: Role, name: string) {
  return seedUser(t.atoz.database.db, role, { name });
}

/** Signs in through the real form and waits to land where `next` points. */
export async function signIn(page: Page, baseUrl: string, email: string, next = '/dashboard'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
}

/** Records every dialog and every request to another origin, for "nothing ran, nothing leaked" checks. */
export function watchForEscapes(page: Page, origin: string): { dialogs: string[]; foreignRequests: string[] } {
  const seen = { dialogs: [] as string[], foreignRequests: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) seen.foreignRequests.push(url);
    // A data: request would mean something loaded inline content: note it too.
    if (url.startsWith('data:')) seen.foreignRequests.push(url.slice(0, 60));
  });
  return seen;
}
