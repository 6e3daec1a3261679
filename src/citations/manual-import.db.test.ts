import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';

const skip = await skipWithoutDatabase();

/** The hidden fields of the confirm form, as the browser sends them back. */
function hiddenFields(html: string): Record<string, string> {
  const form = /<form[^>]*action="\/edit\/citations\/import\/manual\/confirm"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
}

// Fictional references: only their shape matters here.
const RIS = ['TY  - RPRT', 'AU  - Ortiz, Ana', 'TI  - A test report pasted as RIS', 'PB  - Test Press', 'PY  - 2017', 'ER  - ', ''].join('\n');

describe.skipIf(skip)('adding a source without PubMed or Crossref', () => {
  let t: TestApp;
  let editor: SessionClient;
  beforeAll(async () => {
    t = await createTestApp();
    editor = await SessionClient.signedInAs(t, t.atoz.database.db, (await seedUser(t.atoz.database.db, 'editor')).id);
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const count = async () => Number((await db().selectFrom('citations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('the import page offers pasting and typing the details, next to the lookup', async () => {
    const html = await (await editor.get('/edit/citations/import')).text();
    expect(html).toContain('Reference in RIS, BibTeX or CSL-JSON');
    expect(html).toContain('id="m-title"');
    expect(html).toMatch(/<option value="article-journal" selected="">Journal article<\/option>/);
  });

  it('a pasted RIS reference is shown as it will be cited, then stored once confirmed, under a key pages can use', async () => {
    const before = await count();
    const res = await editor.post('/edit/citations/import/manual', { mode: 'paste', paste: RIS });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('This is how the source will be cited (from: The pasted reference (RIS))');
    expect(html).toContain('A test report pasted as RIS');
    expect(await count()).toBe(before);

    const saved = await editor.post('/edit/citations/import/manual/confirm', hiddenFields(html));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toMatch(/^\/edit\/citations\/\d+\?notice=imported$/);
    const row = await db().selectFrom('citations').selectAll().where('title', '=', 'A test report pasted as RIS').executeTakeFirstOrThrow();
    expect(row.key).toBe('ortiz-2017');
    // The same reference again is a new key, never a change to the first one.
    const again = await editor.post('/edit/citations/import/manual/confirm', { mode: 'paste', paste: RIS });
    expect(again.status).toBe(303);
    expect(await db().selectFrom('citations').select('key').where('title', '=', 'A test report pasted as RIS').orderBy('id').execute()).toEqual([{ key: 'ortiz-2017' }, { key: 'ortiz-2017-2' }]);
  });

  it('a paper already stored (same DOI) is found, not duplicated nor overwritten', async () => {
    const before = await count();
    const stored = await db().selectFrom('citations').select(['id', 'key', 'title']).where('doi', '=', '10.1371/journal.pone.0001693').executeTakeFirstOrThrow();
    const bibtex = '@article{x, author = {Someone, A}, title = {A different title typed for the test}, journal = {Journal of Tests}, year = {2008}, doi = {10.1371/journal.pone.0001693}}';
    const res = await editor.post('/edit/citations/import/manual', { mode: 'paste', paste: bibtex });
    const html = await res.text();
    expect(html).toContain(`This source is already stored as <a href="/edit/citations/${stored.id}">${stored.key}</a>`);
    expect(html).not.toContain('/edit/citations/import/manual/confirm');
    const confirmed = await editor.post('/edit/citations/import/manual/confirm', { mode: 'paste', paste: bibtex });
    expect(confirmed.headers.get('location')).toBe(`/edit/citations/${stored.id}?notice=exists`);
    expect(await count()).toBe(before);
    expect((await db().selectFrom('citations').select('title').where('id', '=', stored.id).executeTakeFirstOrThrow()).title).toBe(stored.title);
  });

  it('details typed by hand are checked field by field, and come back as typed', async () => {
    const typed = { mode: 'manual', type: 'book', authors: 'Ortiz, Ana', title: '', journal: 'Test Press', year: '20x9', doi: '', pmid: '', url: '', volume: '', issue: '', pages: '' };
    const res = await editor.post('/edit/citations/import/manual', typed);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Enter the title of the source.');
    expect(html).toContain('Enter the year as four digits, such as 2019.');
    expect(html).toMatch(/id="m-year"[^>]*value="20x9"|value="20x9"[^>]*id="m-year"/);
    expect(html).toContain('<option value="book" selected="">Book</option>');
    expect(html).toContain('Ortiz, Ana</textarea>');

    const fixed = await editor.post('/edit/citations/import/manual', { ...typed, title: 'A test book typed by hand', year: '2019' });
    expect(fixed.status).toBe(200);
    const saved = await editor.post('/edit/citations/import/manual/confirm', hiddenFields(await fixed.text()));
    expect(saved.status).toBe(303);
    expect((await db().selectFrom('citations').select(['key', 'container']).where('title', '=', 'A test book typed by hand').executeTakeFirstOrThrow()).key).toBe('ortiz-2019');
  });
});
