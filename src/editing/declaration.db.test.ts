import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('/declaration: each person’s own qualifications and interests', () => {
  let t: TestApp;
  let client: SessionClient;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await seedUser(t.database.handle.db, 'reviewer', { name: 'Dr Dana Declarer' });
    client = await SessionClient.signedInAs(t, t.database.handle.db, user.id);
  });
  afterAll(() => t?.close());

  it('says when no declaration is on record yet', async () => {
    const html = await (await client.get('/declaration')).text();
    expect(html).toContain('<h1>Your declaration</h1>');
    expect(html).toContain('You have not made a declaration yet.');
  });

  it('refuses a form that neither declares interests nor says there are none, keeping what was typed', async () => {
    const res = await client.post('/declaration', { qualifications: 'MD, PhD', affiliation: 'Example University', interests: '', funding: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Write your conflicts of interest, or tick “I have no conflicts of interest to declare”.');
    expect(html).toContain('value="MD, PhD"');
    const both = await client.post('/declaration', { qualifications: '', affiliation: '', interests: 'Advisory board, Example Pharma, 2024', noConflicts: 'yes', funding: '' });
    expect(both.status).toBe(400);
    expect(await both.text()).toContain('Advisory board, Example Pharma, 2024');
    const long = await client.post('/declaration', { qualifications: 'x'.repeat(301), affiliation: '', interests: '', noConflicts: 'yes', funding: '' });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('must be at most 300 characters');
    expect(await t.database.handle.db.selectFrom('authors').select('key').where('name', '=', 'Dr Dana Declarer').execute()).toEqual([]);
  });

  it('records the declaration on the person’s author record, dated today, and bylines show it', async () => {
    const res = await client.post('/declaration', { qualifications: 'MD, PhD', affiliation: 'Example University', interests: 'Advisory board, Example Pharma, 2024', funding: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/declaration?notice=declared');
    const today = new Date().toISOString().slice(0, 10);
    const row = await t.database.handle.db.selectFrom('authors').select(['key', 'qualifications', 'affiliation', 'disclosure', 'funding', 'declared_on']).where('name', '=', 'Dr Dana Declarer').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ qualifications: 'MD, PhD', affiliation: 'Example University', disclosure: 'Advisory board, Example Pharma, 2024', funding: '', declared_on: today });
    const again = await (await client.get('/declaration?notice=declared')).text();
    expect(again).toContain('Your declaration is saved, dated today.');
    expect(again).toContain(`<time datetime="${today}">`);
    expect(again).toContain('Advisory board, Example Pharma, 2024');

    await t.atoz.store.savePage({
      slug: 'declaration-byline-test', title: 'Declaration byline test', parentSlug: null, position: 98, createdOn: '2024-01-15', authorKeys: [row.key],
      sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Placeholder text.' }] }],
    });
    await t.atoz.contentChanged();
    const page = await (await t.request('/directory/declaration-byline-test')).text();
    expect(page).toContain('Advisory board, Example Pharma, 2024');
    expect(page).toContain('Example University');
  });
});
