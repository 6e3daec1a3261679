import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import { editorForm } from '../../../test/faults/support.js';
import { SessionClient, csrfFrom, seedUser } from '../../accounts/test-support/session-client.js';

const skip = await skipWithoutDatabase();

// A form sent twice (a double click, a retry after a timeout or a 503) is
// one save: stored once, and every copy is answered as saved, not as an
// edit conflict with oneself or an address taken by one's own draft.
describe.skipIf(skip)('editor form: sending the same form again saves once', () => {
  let t: TestApp;
  let client: SessionClient;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await seedUser(t.atoz.database.db, 'editor', { name: 'Dee Double' });
    client = await SessionClient.signedInAs(t, t.atoz.database.db, user.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const revisionsWith = async (phrase: string) =>
    (await t.atoz.database.db.selectFrom('page_revisions').select(['id', 'document']).execute()).filter((r) => r.document.includes(phrase)).length;
  const editor = async (path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  test('a form sent again after its save was stored is answered as saved and stored once', async () => {
    const html = await editor('/edit/causes-silica');
    const form = editorForm(html, { body: `${editorForm(html).body}\n\nOnce only, sent twice.\n` });
    const first = await client.post('/edit/causes-silica', form, csrfFrom(html));
    const again = await client.post('/edit/causes-silica', form, csrfFrom(html));
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await revisionsWith('Once only, sent twice.')).toBe(1);
  });

  test('three copies of one form arriving at the same moment are one revision', async () => {
    const html = await editor('/edit/causes-stress');
    const form = editorForm(html, { body: `${editorForm(html).body}\n\nThree clicks, one save.\n` });
    const answers = await Promise.all([1, 2, 3].map(() => client.post('/edit/causes-stress', form, csrfFrom(html))));
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    expect(await revisionsWith('Three clicks, one save.')).toBe(1);
  });

  test('the same token with other text (Back, then more typing) is a new save, never taken for the old one', async () => {
    const html = await editor('/edit/causes-radiation');
    const base = editorForm(html);
    expect((await client.post('/edit/causes-radiation', { ...base, body: `${base.body}\n\nFirst words.\n` }, csrfFrom(html))).status).toBe(303);
    // The old form again, typed on: its base is now behind, so it is an honest edit conflict with the text kept.
    const later = await client.post('/edit/causes-radiation', { ...base, body: `${base.body}\n\nFirst words.\n\nSecond words.\n` }, csrfFrom(html));
    expect(later.status).toBe(409);
    expect(await later.text()).toContain('Second words.');
    expect(await revisionsWith('Second words.')).toBe(0);
  });

  test('a new page sent twice is one draft, and the second answer leads to it too', async () => {
    const html = await editor('/edit?title=Causes%3A%20Sent%20Twice&slug=causes-sent-twice');
    const form = editorForm(html, { parentSlug: 'causes-of-scleroderma', body: '## Notes\n\nA new page, sent twice.\n' });
    const first = await client.post('/edit', form, csrfFrom(html));
    const again = await client.post('/edit', form, csrfFrom(html));
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.get('location')).toBe('/edit/causes-sent-twice?notice=created');
    expect(await revisionsWith('A new page, sent twice.')).toBe(1);
  });
});
