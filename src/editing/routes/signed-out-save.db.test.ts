import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../../accounts/test-support/session-client.js';
import { editorForm, field, textarea, unescape } from '../test-support/form-html.js';

const skip = await skipWithoutDatabase();

/** The editor's text survives the end of their sign-in: parked on Save, back after signing in again. */
describe.skipIf(skip)('saving after the sign-in ran out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const SLUG = 'causes-of-scleroderma';

  /** An editor with the page open and new words typed into it. */
  async function editing(words: string) {
    const user = await seedUser(db(), 'editor');
    const client = await SessionClient.signedInAs(t, db(), user.id);
    const html = await (await client.get(`/edit/${SLUG}`)).text();
    const fields = { ...editorForm(html, { body: `${textarea(html, 'f-body')}\n${words}\n` }), _csrf: csrfFrom(html), _owner: field(html, '_owner') };
    return { user, client, fields };
  }

  /** What a browser sends when the form is submitted from our own page. */
  const send = (client: SessionClient, path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: 'http://localhost' }) =>
    client.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  /** The idle limit passes: the session row is still there, but too old to use. */
  const idleTooLong = async (userId: number) => {
    await db().updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 3 * 60 * 60 * 1000).toISOString() }).where('user_id', '=', userId).execute();
  };

  const revisionCount = async () =>
    Number((await db().selectFrom('page_revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('slug', '=', SLUG).executeTakeFirstOrThrow()).n);

  test('a save after the idle limit keeps the text, asks to sign in, and brings the text back unsaved', async () => {
    const words = 'A sentence typed just before the sign-in ran out.';
    const { user, client, fields } = await editing(words);
    const before = await revisionCount();
    await idleTooLong(user.id);

    const res = await send(client, `/edit/${SLUG}`, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=%2Fedit%2F${SLUG}&notice=form-kept`);
    const login = await (await client.get(res.headers.get('location')!)).text();
    expect(unescape(login)).toContain('You were signed out. Sign in again to save your changes — nothing you typed is lost.');
    expect(await db().selectFrom('parked_forms').select('user_id').where('user_id', '=', user.id).execute()).toHaveLength(1);

    const signedIn = await client.login(user.email, undefined, `/edit/${SLUG}`);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(`/edit/${SLUG}`);
    const back = await (await client.get(`/edit/${SLUG}`)).text();
    expect(textarea(back, 'f-body')).toContain(words);
    expect(unescape(back)).toContain('Here is the text you sent before you were signed out. It is not saved yet');
    // Not saved for them: they see it first.
    expect(await revisionCount()).toBe(before);
    // Taken once: opening the page again shows what is stored.
    expect(textarea(await (await client.get(`/edit/${SLUG}`)).text(), 'f-body')).not.toContain(words);

    // Saving it now works, from the base revision they started from.
    const saved = await send(client, `/edit/${SLUG}`, { ...editorForm(back), _csrf: csrfFrom(back), _owner: field(back, '_owner') });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/edit/${SLUG}?notice=saved`);
    expect(await revisionCount()).toBe(before + 1);
  });

  test('a preview after signing out in another tab is kept too, and someone else’s save meanwhile is still a conflict', async () => {
    const words = 'Words for a preview after signing out elsewhere.';
    const { user, client, fields } = await editing(words);
    // Signed out in another tab: the session is gone and the browser no longer has its cookie.
    await db().deleteFrom('sessions').where('user_id', '=', user.id).execute();
    client.cookies.delete('atoz_session');
    const res = await send(client, `/edit/${SLUG}`, { ...fields, intent: 'preview' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('notice=form-kept');

    // Another editor saves the page in the meantime.
    const other = await editing('The other editor’s sentence.');
    expect((await send(other.client, `/edit/${SLUG}`, other.fields)).status).toBe(303);

    expect((await client.login(user.email, undefined, `/edit/${SLUG}`)).status).toBe(303);
    const back = await (await client.get(`/edit/${SLUG}`)).text();
    expect(textarea(back, 'f-body')).toContain(words);
    expect(back).toContain('id="preview-body"');
    const again = await send(client, `/edit/${SLUG}`, { ...editorForm(back), _csrf: csrfFrom(back), _owner: field(back, '_owner') });
    expect(again.status).toBe(409);
    expect(textarea(await again.text(), 'f-body')).toContain(words);
  });

  test('signed in again in another tab: the old tab’s save comes back on the editor at once', async () => {
    const words = 'Typed in a tab whose sign-in was replaced.';
    const { user, client, fields } = await editing(words);
    // A new sign-in (new session, new CSRF secret) in this browser; the old tab still has the old token.
    await db().deleteFrom('sessions').where('user_id', '=', user.id).execute();
    client.cookies.delete('atoz_session');
    expect((await client.login(user.email)).status).toBe(303);
    const res = await send(client, `/edit/${SLUG}`, fields);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/edit/${SLUG}`);
    expect(textarea(await (await client.get(`/edit/${SLUG}`)).text(), 'f-body')).toContain(words);
  });

  test('nobody else signing in on that browser gets the text', async () => {
    const words = 'Private words of the first editor.';
    const { user, client, fields } = await editing(words);
    await idleTooLong(user.id);
    expect((await send(client, `/edit/${SLUG}`, fields)).status).toBe(303);
    const someoneElse = await seedUser(db(), 'editor');
    expect((await client.login(someoneElse.email)).status).toBe(303);
    expect(textarea(await (await client.get(`/edit/${SLUG}`)).text(), 'f-body')).not.toContain(words);
    // Still kept for its owner.
    expect(await db().selectFrom('parked_forms').select('user_id').where('user_id', '=', user.id).execute()).toHaveLength(1);
  });

  test('forms from another site, by fetch, or without a genuine owner are refused as before, and nothing is kept', async () => {
    const { user, client, fields } = await editing('Words that must not be parked.');
    await idleTooLong(user.id);
    const refused = [
      await send(client, `/edit/${SLUG}`, fields, { origin: 'https://evil.example' }),
      await send(client, `/edit/${SLUG}`, fields, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' }),
      await send(client, `/edit/${SLUG}`, fields, {}),
      await send(client, `/edit/${SLUG}`, { ...fields, intent: 'live-preview' }, { origin: 'http://localhost', accept: 'application/json' }),
      await send(client, `/edit/${SLUG}`, { ...fields, _owner: `${user.id}.forged` }),
    ];
    for (const res of refused) expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await db().selectFrom('parked_forms').select('user_id').where('user_id', '=', user.id).execute()).toHaveLength(0);
  });
});
