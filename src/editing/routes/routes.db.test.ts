import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import type { Role } from '../../accounts/context.js';
import { SessionClient, seedUser } from '../../accounts/test-support/session-client.js';
import { editorForm, unescape, textarea, inputValue, field } from '../test-support/form-html.js';
import { declareInterests } from '../test-support/fixtures.js';

const skip = await skipWithoutDatabase();


describe.skipIf(skip)('editing routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const signedIn = async (role: Role, name?: string) => {
    const user = await seedUser(db(), role, name ? { name } : {});
    return { user, client: await SessionClient.signedInAs(t, db(), user.id) };
  };
  const open = async (client: SessionClient, path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  test('sends anonymous visitors to sign in and keeps readers’ pages free of editing', async () => {
    const res = await t.request('/edit/causes-silica');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fedit%2Fcauses-silica');
    expect(await (await t.request('/directory/causes-silica')).text()).not.toContain('Edit this page');
  });

  test('opens an imported page as page-file Markdown with its fields', async () => {
    const { client } = await signedIn('editor');
    const html = await open(client, '/edit/causes-silica');
    expect(inputValue(html, 'f-title')).toBe('Causes: Silica');
    expect(textarea(html, 'f-body')).toContain('## More on this topic\n\nSub-articles:\n- [[Overview of Silica Exposure]]');
    expect(html).toContain('<option value="causes-of-scleroderma" selected="">');
    expect(Number(field(html, 'baseRevisionId'))).toBeGreaterThan(0);
    expect(html).toMatch(/Flesch–Kincaid[\s\S]*grade \d+\.\d/);
    expect(html).toContain('often disagree by about 3 grades on health text');
    expect(html).toContain('A medical review of this text: missing.');
  });

  test('previews without saving, keeping the form as typed', async () => {
    const { client } = await signedIn('editor');
    const html = await open(client, '/edit/causes-silica');
    const body = `${textarea(html, 'f-body')}\nA brand new sentence for the preview.\n`;
    const res = await client.post('/edit/causes-silica', editorForm(html, { body, intent: 'preview' }));
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(textarea(preview, 'f-body')).toBe(body);
    expect(preview).toMatch(/<div id="preview-body" class="preview-body"><article class="topic"[\s\S]*A brand new sentence for the preview\./);
    const history = await open(client, '/edit/causes-silica/history');
    expect(history).not.toContain('Revision 2');
  });

  test('answers the live preview with rendered HTML and readability as JSON', async () => {
    const { client } = await signedIn('editor');
    const html = await open(client, '/edit/causes-silica');
    const res = await client.post('/edit/causes-silica', editorForm(html, { intent: 'live-preview', body: 'Warm hands help. See [[Causes: Genetics|genes]].' }));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { preview: string; readability: string; problems: string[] };
    expect(json.preview).toContain('Warm hands help.');
    expect(json.preview).toContain('<a href="/directory/causes-genetics">genes</a>');
    expect(json.readability).toContain('Flesch–Kincaid');
    expect(json.problems).toEqual([]);
  });

  test('shows the readability of each digest, on the editor page and in the live preview', async () => {
    const { client } = await signedIn('editor');
    const html = await open(client, '/edit/causes-proteins');
    // The demo page's one research digest, named by its first words, with its own grade.
    expect(html).toContain('<h3>Each digest</h3>');
    expect(html).toMatch(/<th scope="row">Research digest 1: “This study found more of two proteins, S100A8…”<\/th><td data-label="Flesch–Kincaid"><strong>grade \d+\.\d<\/strong>/);
    const body = `${textarea(html, 'f-body')}\n\n::: research [@s100a8-2013]\nIt is big.\n:::\n`;
    const res = await client.post('/edit/causes-proteins', editorForm(html, { intent: 'live-preview', body }));
    const json = (await res.json()) as { readability: string };
    expect(json.readability).toContain('Research digest 2: “It is big.”');
  });

  test('saves, then shows the history and a word-level diff', async () => {
    const { client } = await signedIn('editor', 'Hana History');
    const html = await open(client, '/edit/causes-of-scleroderma');
    const body = textarea(html, 'f-body').replace('Experts do not think scleroderma is contagious.', 'Doctors agree that scleroderma is not contagious.');
    const res = await client.post('/edit/causes-of-scleroderma', editorForm(html, { body, editSummary: 'Clearer contagion sentence' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/edit/causes-of-scleroderma?notice=saved');
    const after = await open(client, '/edit/causes-of-scleroderma?notice=saved');
    expect(after).toContain('Saved as a new revision.');
    expect(textarea(after, 'f-body')).toContain('Doctors agree that scleroderma is not contagious.');

    const history = await open(client, '/edit/causes-of-scleroderma/history');
    expect(history).toContain('Clearer contagion sentence');
    expect(history).toContain('Hana History');
    const link = /href="(\/edit\/causes-of-scleroderma\/diff\?from=\d+&amp;to=\d+)"/.exec(history)![1]!.replace(/&amp;/g, '&');
    // Each revision's address carries the number the history shows, whatever other pages have saved.
    const numbered = [...history.matchAll(/href="\/edit\/causes-of-scleroderma\/revisions\/(\d+)">Revision (\d+)</g)];
    expect(numbered.length).toBeGreaterThanOrEqual(2);
    for (const [, inAddress, shown] of numbered) expect(inAddress).toBe(shown);
    expect(link).toBe(`/edit/causes-of-scleroderma/diff?from=${Number(numbered[0]![2]) - 1}&to=${numbered[0]![2]}`);
    expect(await open(client, `/edit/causes-of-scleroderma/revisions/${numbered[0]![2]}`)).toContain(`Revision ${numbered[0]![2]}`);
    const diff = await open(client, link);
    expect(diff).toMatch(/<del><span class="visually-hidden">\[deleted: <\/span>Experts do not think ?<span class="visually-hidden">\]<\/span><\/del>/);
    expect(diff).toMatch(/<ins><span class="visually-hidden">\[inserted: <\/span>Doctors agree that ?<span class="visually-hidden">\]<\/span><\/ins>/);
    // Readers still see the published text.
    expect(await (await t.request('/directory/causes-of-scleroderma')).text()).toContain('Experts do not think scleroderma is contagious.');
  });

  test('keeps everything typed and says what is wrong for bad input', async () => {
    const { client } = await signedIn('editor');
    const html = await open(client, '/edit/causes-of-scleroderma');
    const base = editorForm(html);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ title: 'T'.repeat(230) }, /The title must be at most 200 characters/],
      [{ slug: 'causes-genetics' }, /The address &quot;causes-genetics&quot; is already used by another page|The address "causes-genetics" is already used by another page/],
      [{ parentSlug: 'causes-genetics' }, /A page cannot be moved under itself or one of its own sub-pages/],
      [{ body: `${base.body}\n::: news outlet="Daily" date="2024-13-40"\nA story.\n:::\n` }, /Page text, line \d+ \(news digest under “About the sources”\): the date (is not a real calendar date|must be a date written YYYY-MM-DD)/],
      [{ body: `${base.body}\n::: research [@not-in-the-bibliography]\nA study.\n:::\n` }, /Unknown citation key \[@not-in-the-bibliography\]/],
      [{ body: `${base.body}\n::: research\nNo key.\n:::\n` }, /Page text, line \d+: &quot;::: research&quot; needs its citation|Page text, line \d+: "::: research" needs its citation/],
    ];
    const before = (await open(client, '/edit/causes-of-scleroderma/history')).match(/Revision \d+/g)!.length;
    for (const [change, message] of cases) {
      const form = { ...base, ...change };
      const res = await client.post('/edit/causes-of-scleroderma', form);
      expect(res.status, JSON.stringify(change).slice(0, 80)).toBe(400);
      const page = await res.text();
      expect(page).toMatch(message);
      expect(page).toContain('<div class="error-summary" role="alert"');
      expect(page).toMatch(/<title>Error: /);
      expect(textarea(page, 'f-body')).toBe(form.body);
      expect(inputValue(page, 'f-title')).toBe(form.title);
      expect(inputValue(page, 'f-slug')).toBe(form.slug);
    }
    expect((await open(client, '/edit/causes-of-scleroderma/history')).match(/Revision \d+/g)!.length).toBe(before);
  });

  test('shows the second of two editors the other’s change and a merge view, losing nothing', async () => {
    const first = await signedIn('editor', 'Fiona First');
    const second = await signedIn('editor', 'Sid Second');
    const a = await open(first.client, '/edit/causes-infections');
    const b = await open(second.client, '/edit/causes-infections');
    const theirs = `${textarea(a, 'f-body')}\nFiona’s added paragraph.\n`;
    const mine = `${textarea(b, 'f-body')}\nSid’s added paragraph.\n`;
    expect((await first.client.post('/edit/causes-infections', editorForm(a, { body: theirs }))).status).toBe(303);
    const res = await second.client.post('/edit/causes-infections', editorForm(b, { body: mine }));
    expect(res.status).toBe(409);
    const merge = await res.text();
    expect(merge).toContain('Someone else saved this page while you were editing');
    expect(merge).toContain('Fiona First saved revision');
    expect(merge).toMatch(/<ins><span class="visually-hidden">\[inserted: <\/span>Fiona’s added paragraph\./);
    expect(textarea(merge, 'f-body')).toBe(mine);
    // Saving again from the merge view is a deliberate choice on top of their revision.
    const resolved = await second.client.post('/edit/causes-infections', editorForm(merge, { body: `${mine}Fiona’s added paragraph.\n` }));
    expect(resolved.status).toBe(303);
    const history = await open(second.client, '/edit/causes-infections/history');
    expect(history).toContain('Fiona First');
    expect(history).toContain('Sid Second');
  });

  test('takes a page through review to readers, with the review on the page and in its JSON-LD', async () => {
    const editor = await signedIn('editor', 'Eve Editor');
    const reviewer = await signedIn('reviewer', 'Dr Ravi Reviewer');
    const html = await open(editor.client, '/edit/causes-hormones-and-chromosomes');
    const body = `${textarea(html, 'f-body')}\nReviewed words for readers.\n`;
    expect((await editor.client.post('/edit/causes-hormones-and-chromosomes', editorForm(html, { body }))).status).toBe(303);
    const draft = await open(editor.client, '/edit/causes-hormones-and-chromosomes');
    const revisionId = /action="\/edit\/causes-hormones-and-chromosomes\/submit"[\s\S]*?name="revisionId" value="(\d+)"/.exec(draft)![1]!;
    // Not yet: publishing is refused with what is missing.
    const early = await editor.client.post('/edit/causes-hormones-and-chromosomes/publish', { revisionId });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Not published: still missing a medical review of this text, a current declaration of interests from everyone named.');

    expect((await editor.client.post('/edit/causes-hormones-and-chromosomes/submit', { revisionId })).status).toBe(303);
    const forReviewer = await open(reviewer.client, '/dashboard');
    expect(forReviewer).toMatch(/Awaiting medical review[\s\S]*Causes: Hormones and Chromosomes/);
    expect((await reviewer.client.post('/edit/causes-hormones-and-chromosomes/approve', { revisionId })).status).toBe(303);
    // Not yet either: the people the page names have made no declaration of interests.
    const undeclared = await editor.client.post('/edit/causes-hormones-and-chromosomes/publish', { revisionId });
    expect(undeclared.status).toBe(409);
    const refused = await undeclared.text();
    expect(refused).toContain('Not published: still missing a current declaration of interests from everyone named.');
    expect(refused).toContain('No declarations recorded for Example Editor, Dr Ravi Reviewer.');
    await declareInterests(t.database.handle.db);
    const published = await editor.client.post('/edit/causes-hormones-and-chromosomes/publish', { revisionId });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe('/edit/causes-hormones-and-chromosomes?notice=published');

    const reader = await (await t.request('/directory/causes-hormones-and-chromosomes')).text();
    const today = new Date().toISOString().slice(0, 10);
    expect(reader).toContain('Reviewed words for readers.');
    expect(reader).toContain(`Reviewed <time datetime="${today}">`);
    expect(reader).toContain('by Dr Ravi Reviewer');
    const next = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
    expect(reader).toMatch(new RegExp(`Next review</dt>\\s*<dd><time datetime="${next.slice(0, 8)}\\d\\d"`));
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(reader)![1]!) as Record<string, unknown>;
    expect(jsonLd.lastReviewed).toBe(today);
    expect(jsonLd.reviewedBy).toMatchObject({ '@type': 'Person', name: 'Dr Ravi Reviewer' });
    expect(reader).not.toContain('Edit this page');
  });

  test('moves a news digest typed into the page editor to the news list when the page is published', async () => {
    const editor = await signedIn('editor', 'Nell Editor');
    const reviewer = await signedIn('reviewer', 'Dr Noor Reviewer');
    const slug = 'causes-thyroid-disease';
    const html = await open(editor.client, `/edit/${slug}`);
    const digest = '::: news outlet="Example Gazette" date="2024-06-11" url="https://news.example/thyroid"\nA short report in our own words about thyroid research.\n:::';
    const body = `${textarea(html, 'f-body')}\n${digest}\n`;
    expect((await editor.client.post(`/edit/${slug}`, editorForm(html, { body }))).status).toBe(303);
    const draft = await open(editor.client, `/edit/${slug}`);
    const revisionId = new RegExp(`action="/edit/${slug}/submit"[\\s\\S]*?name="revisionId" value="(\\d+)"`).exec(draft)![1]!;
    expect((await editor.client.post(`/edit/${slug}/submit`, { revisionId })).status).toBe(303);
    expect((await reviewer.client.post(`/edit/${slug}/approve`, { revisionId })).status).toBe(303);
    await declareInterests(t.database.handle.db);
    const published = await editor.client.post(`/edit/${slug}/publish`, { revisionId });
    expect(published.headers.get('location')).toBe(`/edit/${slug}?notice=published-news`);
    expect(await open(editor.client, published.headers.get('location')!)).toContain('The news digests in the page are now news items in the News list');
    // The editor's text no longer holds it; readers find it under the topic's news and in /news.
    expect(textarea(await open(editor.client, `/edit/${slug}`), 'f-body')).not.toContain('::: news');
    const reader = await (await t.request(`/directory/${slug}`)).text();
    const latest = reader.slice(reader.indexOf('id="latest-news"'));
    expect(latest).toContain('A short report in our own words about thyroid research');
    expect(await (await t.request('/news')).text()).toContain('A short report in our own words about thyroid research');
  });

  test('gives signed-in editors an "Edit this page" bar without putting it in the shared cache', async () => {
    const anonymousFirst = await t.request('/directory/causes-genetics');
    const etag = anonymousFirst.headers.get('etag');
    const { client } = await signedIn('reviewer');
    const res = await client.get('/directory/causes-genetics');
    const html = await res.text();
    expect(html).toContain('<a href="/edit/causes-genetics" class="button">Edit this page</a>');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const anonymousAfter = await t.request('/directory/causes-genetics');
    expect(anonymousAfter.headers.get('etag')).toBe(etag);
    expect(await anonymousAfter.text()).not.toContain('Edit this page');
  });

  test('creates a new page from a wanted page and finds it by its address as a draft', async () => {
    const { client } = await signedIn('editor');
    const form = await open(client, '/edit?title=Silica%20and%20Scleroderma&slug=silica-and-scleroderma');
    expect(inputValue(form, 'f-title')).toBe('Silica and Scleroderma');
    const res = await client.post('/edit', {
      title: 'Silica and Scleroderma',
      slug: '',
      parentSlug: 'causes-of-scleroderma',
      position: '',
      summary: 'How silica dust is linked to scleroderma.',
      authors: 'example-editor',
      reviewIntervalMonths: '24',
      body: 'Some people who breathe silica dust at work get scleroderma.',
      baseRevisionId: '0',
      intent: 'save',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/edit/silica-and-scleroderma?notice=created');
    const page = await open(client, '/edit/silica-and-scleroderma');
    expect(page).toContain('nothing yet: this page has never been published');
    // Position left empty: last among the pages under the same parent.
    const siblings = (await t.atoz.queries.tree()).bySlug.get('causes-of-scleroderma')!.children;
    expect(inputValue(page, 'f-position')).toBe(String(Math.max(...siblings.map((n) => n.position)) + 1));
    expect((await t.request('/directory/silica-and-scleroderma')).status).toBe(404);
  });

  test('asks before deleting, then deletes and restores a page', async () => {
    const { client } = await signedIn('editor');
    const unconfirmed = await client.post('/edit/causes-fetal-cells/delete', {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Tick “Yes, hide this page from readers” to delete the page');
    expect((await client.post('/edit/causes-fetal-cells/delete', { confirm: 'yes' })).status).toBe(303);
    expect((await t.request('/directory/causes-fetal-cells')).status).toBe(404);
    expect(await open(client, '/dashboard')).toMatch(/Deleted pages[\s\S]*Causes: Fetal Cells/);
    expect((await client.post('/edit/causes-fetal-cells/undelete', {})).status).toBe(303);
    expect((await t.request('/directory/causes-fetal-cells')).status).toBe(200);
  });

  test('lets admins edit site settings, keeping what was typed when it is wrong', async () => {
    const admin = await signedIn('admin');
    const html = await open(admin.client, '/admin/settings');
    const value = (id: string) => inputValue(html, id);
    const form = {
      organisation: 'Renamed Network',
      tagline: value('s-tagline'),
      description: textarea(html, 's-description'),
      contactEmail: 'not an address',
      hotlines: textarea(html, 's-hotlines'),
      address: value('s-address'),
      donateUrl: value('s-donateUrl'),
      language: value('s-language'),
      sections: textarea(html, 's-sections'),
      directoryTitle: value('s-directoryTitle'),
      citationStyle: 'vancouver',
      about: textarea(html, 's-about'),
      disclaimer: textarea(html, 's-disclaimer'),
      support: textarea(html, 's-support'),
      contact: textarea(html, 's-contact'),
      copyright: value('s-copyright'),
    };
    const bad = await admin.client.post('/admin/settings', form);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Contact e-mail address: enter an e-mail address like name@example.org');
    expect(inputValue(badHtml, 's-contactEmail')).toBe('not an address');
    expect(inputValue(badHtml, 's-organisation')).toBe('Renamed Network');

    const good = await admin.client.post('/admin/settings', { ...form, contactEmail: 'hello@example.org' });
    expect(good.status).toBe(303);
    expect(await (await t.request('/')).text()).toContain('Renamed Network');
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'settings.edit').execute();
    expect(audit).toHaveLength(1);
  });
});
