import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import type { Role } from '../../accounts/context.js';
import { SessionClient, seedUser } from '../../accounts/test-support/session-client.js';
import { createDirectoryStore } from '../../directory/store.js';
import { createEditingService } from '../service/index.js';
import { actorFor, declareInterests, uniqueSlug } from '../test-support/fixtures.js';
import { editorForm, inputValue, unescape } from '../test-support/form-html.js';

const skip = await skipWithoutDatabase();

/** Volunteers credit themselves: authors by name, their own byline made on first use, the published page naming them. */
describe.skipIf(skip)('authors by name and one’s own byline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const service = () => createEditingService({ db: db(), store: createDirectoryStore(db()) });
  const person = async (role: Role, name: string) => {
    const user = await seedUser(db(), role, { name });
    return { user, actor: actorFor({ ...user, role }), client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const newPage = async (client: SessionClient, change: Record<string, string>) => {
    const html = await (await client.get('/edit')).text();
    const slug = uniqueSlug('authors');
    return { html, slug, res: await client.post('/edit', editorForm(html, { title: `Hand care ${slug}`, slug, summary: 'Keeping hands warm.', body: 'Gloves help.', ...change })) };
  };
  const publish = async (slug: string, author: Awaited<ReturnType<typeof person>>) => {
    const reviewer = await person('reviewer', `Dr Reviewer ${slug}`);
    const located = await service().locate(slug);
    if (located.kind === 'none' || located.kind === 'moved') throw new Error(`no ${slug}`);
    const head = (await service().read.head(located.pageKey))!;
    await service().submit(head.id, author.actor);
    await service().approve(head.id, reviewer.actor);
    // Everyone the page names has declared their interests, as publishing requires.
    await declareInterests(db());
    const published = await service().publish(head.id, author.actor);
    expect(published.kind).toBe('published');
  };

  test('an editor without an author record is credited by typing her own name, and the published page names her', async () => {
    const editor = await person('editor', 'Nadia Newcomer');
    const { html, slug, res } = await newPage(editor.client, {});
    // The field starts with her own name, and suggests the names of every author record.
    expect(inputValue(html, 'f-authors')).toBe('Nadia Newcomer');
    expect(html).toMatch(/<input[^>]*id="f-authors"[^>]*list="author-names"/);
    expect(html).toMatch(/<datalist id="author-names">[\s\S]*<option value="Example Editor">Volunteer editor<\/option>/);
    expect(res.status).toBe(303);

    const linked = await db().selectFrom('users').select('author_key').where('id', '=', editor.user.id).executeTakeFirstOrThrow();
    expect(linked.author_key).toBeTruthy();
    const record = await db().selectFrom('authors').selectAll().where('key', '=', linked.author_key!).executeTakeFirstOrThrow();
    expect(record.name).toBe('Nadia Newcomer');
    const head = (await service().read.newestWithSlug(slug))!;
    expect(head.document.authorKeys).toEqual([linked.author_key]);
    // The editor shows names, not keys.
    expect(inputValue(await (await editor.client.get(`/edit/${slug}`)).text(), 'f-authors')).toBe('Nadia Newcomer');

    await publish(slug, editor);
    const page = unescape(await (await t.request(`/directory/${slug}`)).text());
    expect(page).toMatch(/<dt>Written by<\/dt><dd>Nadia Newcomer/);
  });

  test('names are matched whatever their case, several at once; a name that matches nobody comes back with the text kept', async () => {
    const editor = await person('editor', 'Omar Other');
    const { slug, res } = await newPage(editor.client, { authors: 'example editor, Omar Other' });
    expect(res.status).toBe(303);
    const keys = (await service().read.newestWithSlug(slug))!.document.authorKeys;
    expect(keys[0]).toBe('example-editor');
    expect(keys).toHaveLength(2);

    const bad = await newPage(editor.client, { authors: 'Example Editor, Nobody Known', body: 'Words to keep.' });
    expect(bad.res.status).toBe(400);
    const html = unescape(await bad.res.text());
    expect(html).toContain('These names match no author: “Nobody Known”.');
    expect(inputValue(html, 'f-authors')).toBe('Example Editor, Nobody Known');
    expect(html).toContain('Words to keep.');
    expect(await service().read.newestWithSlug(bad.slug)).toBeNull();
  });

  test('the byline page makes and changes one’s own author record; the published page shows the new role and credentials', async () => {
    const reviewer = await person('reviewer', 'Dr Lena Lindqvist');
    const form = await (await reviewer.client.get('/account/byline')).text();
    expect(inputValue(form, 'byline-name')).toBe('Dr Lena Lindqvist');
    expect(form).toContain('You have no byline yet.');

    const missing = await reviewer.client.post('/account/byline', { name: 'Dr Lena Lindqvist', role: ' ', disclosure: 'None.' });
    expect(missing.status).toBe(400);
    const again = unescape(await missing.text());
    expect(again).toContain('Enter your role, so readers know who wrote or reviewed the page.');
    expect(again).toContain('None.</textarea>');

    const saved = await reviewer.client.post('/account/byline', { name: 'Dr Lena Lindqvist', role: 'Consultant rheumatologist, FRCP', disclosure: '' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/account/byline?notice=byline');
    const key = (await db().selectFrom('users').select('author_key').where('id', '=', reviewer.user.id).executeTakeFirstOrThrow()).author_key!;
    expect((await db().selectFrom('authors').select('role').where('key', '=', key).executeTakeFirstOrThrow()).role).toBe('Consultant rheumatologist, FRCP');

    // She writes a page, credited by name; then changes her role: the published page follows.
    const { slug, res } = await newPage(reviewer.client, { authors: 'Dr Lena Lindqvist' });
    expect(res.status).toBe(303);
    await publish(slug, reviewer);
    expect(unescape(await (await t.request(`/directory/${slug}`)).text())).toContain('Dr Lena Lindqvist<span class="role"> (Consultant rheumatologist, FRCP)</span>');
    expect((await reviewer.client.post('/account/byline', { name: 'Dr Lena Lindqvist', role: 'Rheumatologist, FRCP', disclosure: '' })).status).toBe(303);
    expect(unescape(await (await t.request(`/directory/${slug}`)).text())).toContain('Dr Lena Lindqvist<span class="role"> (Rheumatologist, FRCP)</span>');
  });
});
