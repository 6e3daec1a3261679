import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { actorFor, editorFields, pageInState } from '../editing/test-support/fixtures.js';
import { DEFINITION_MAX } from './form.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('the glossary', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const signedIn = async (role: 'editor' | 'reviewer') => SessionClient.signedInAs(t, db(), (await seedUser(db(), role)).id);
  const send = async (client: SessionClient, path: string, fields: Record<string, string>) => client.post(path, fields, csrfFrom(await (await client.get(path.replace(/\/approve$/, ''))).text()));

  test('the demo terms are published at /glossary and /glossary/<term>, in every interface language', async () => {
    const list = await t.request('/glossary');
    expect(list.status).toBe(200);
    const html = await list.text();
    for (const term of ['autoimmunity', 'collagen', 'cytokine', 'fibroblast', 'Raynaud&#39;s phenomenon', 'systemic sclerosis']) expect(html).toContain(term);
    expect(html).toContain('not advice');
    const one = await t.request('/glossary/fibroblast');
    expect(one.status).toBe(200);
    const oneHtml = await one.text();
    expect(oneHtml).toContain('<h1>fibroblast</h1>');
    expect(oneHtml).toContain('"@type":"DefinedTerm"');
    expect((await t.request('/glossary/no-such-term')).status).toBe(404);
    const es = await (await t.request('/es/glossary')).text();
    expect(es).toContain('Glosario');
    expect(es).toContain('lang="en"');
    const esTerm = await (await t.request('/es/glossary/collagen')).text();
    expect(esTerm).not.toContain('/es/es/');
    expect(esTerm).toContain('href="/es/glossary"');
  });

  test('a topic page marks the first use of each term in body text once, never in headings or links, and not its own subject', async () => {
    const html = await (await t.request('/directory/causes-of-scleroderma')).text();
    const marks = [...html.matchAll(/popovertarget="gloss-([a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks).size).toBe(marks.length);
    expect(html).not.toMatch(/<h[1-6][^>]*>[^<]*<span class="gloss"/);
    expect(html).not.toMatch(/<a [^>]*>[^<]*<span class="gloss"/);
    expect(html).toMatch(/<dfn>[^<]+<\/dfn><\/button><span class="gloss-definition" id="gloss-[a-z0-9-]+" popover="" role="note" data-pagefind-ignore="">/);
    const own = await (await t.request('/directory/causes-fibroblasts')).text();
    expect(own).not.toContain('popovertarget="gloss-fibroblast"');
    expect(own).toContain('popovertarget="gloss-collagen"');
  });

  test('a new term is shown only once another person, a reviewer, approved it; then topic pages mark it', async () => {
    const editor = await signedIn('editor');
    const created = await send(editor, '/edit/glossary/new', { term: 'solvent', synonyms: 'solvents', definition: 'A liquid that dissolves other substances, such as the thinners used with paint.' });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/edit/glossary/solvent?notice=saved');
    expect((await t.request('/glossary/solvent')).status).toBe(404);
    expect(await (await t.request('/directory/causes-environmental-exposures')).text()).not.toContain('gloss-solvent');

    // The author cannot approve their own words (an admin writing and approving is refused the same way).
    const form = await (await editor.get('/edit/glossary/solvent')).text();
    expect(form).toContain('Waiting for review');
    expect(form).not.toContain('Approve this revision'); // editors do not review
    const revision = /name="revision" value="(\d+)"/.exec(form);
    expect(revision).toBeNull();
    const row = await db().selectFrom('glossary_revisions').innerJoin('glossary_terms', 'glossary_terms.id', 'glossary_revisions.term_id').select('glossary_revisions.id').where('glossary_terms.slug', '=', 'solvent').executeTakeFirstOrThrow();
    expect((await send(editor, '/edit/glossary/solvent/approve', { revision: String(row.id) })).status).toBe(403);

    const reviewer = await signedIn('reviewer');
    const approved = await send(reviewer, '/edit/glossary/solvent/approve', { revision: String(row.id) });
    expect(approved.headers.get('location')).toBe('/edit/glossary/solvent?notice=approved');
    expect((await t.request('/glossary/solvent')).status).toBe(200);
    expect(await (await t.request('/directory/causes-environmental-exposures')).text()).toContain('popovertarget="gloss-solvent"');

    // An edit is a new revision; readers keep the approved one until it is approved.
    const edited = await send(editor, '/edit/glossary/solvent', { term: 'solvent', synonyms: 'solvents', definition: 'A liquid, such as paint thinner, that other substances dissolve in.' });
    expect(edited.status).toBe(303);
    const revisions = await db().selectFrom('glossary_revisions').select(['state', 'definition']).where('term_id', '=', (await db().selectFrom('glossary_terms').select('id').where('slug', '=', 'solvent').executeTakeFirstOrThrow()).id).orderBy('id').execute();
    expect(revisions.map((r) => r.state)).toEqual(['approved', 'in_review']);
    expect(await (await t.request('/glossary/solvent')).text()).toContain('such as the thinners used with paint');

    const selfReviewer = await signedIn('reviewer');
    await send(selfReviewer, '/edit/glossary/solvent', { term: 'solvent', synonyms: '', definition: 'A solvent, once more.' });
    const own = await db().selectFrom('glossary_revisions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const refused = await send(selfReviewer, '/edit/glossary/solvent/approve', { revision: String(own.id) });
    expect(refused.headers.get('location')).toBe('/edit/glossary/solvent?notice=self-review');
    expect(await (await t.request('/glossary/solvent')).text()).toContain('such as the thinners used with paint');
  });

  test('bad input comes back with the text and a message; a taken address is refused', async () => {
    const editor = await signedIn('editor');
    const long = 'word '.repeat(DEFINITION_MAX / 4);
    const tooLong = await send(editor, '/edit/glossary/new', { term: 'elastin', synonyms: '', definition: long });
    expect(tooLong.status).toBe(400);
    const html = await tooLong.text();
    expect(html).toMatch(/Your definition has [\d,]+ characters; the most is 600/);
    expect(html).toContain(long.trim());
    expect(html).toContain('value="elastin"');
    const empty = await send(editor, '/edit/glossary/new', { term: '', synonyms: '', definition: 'Something.' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Enter the term');
    const taken = await send(editor, '/edit/glossary/new', { term: 'Collagen', synonyms: '', definition: 'Again.' });
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('already has a term at this address');
  });

  test('the editors’ list shows every term and the medical words the glossary lacks, most used first', async () => {
    const editor = await signedIn('editor');
    const html = await (await editor.get('/edit/glossary')).text();
    expect(html).toContain('href="/edit/glossary/fibroblast"');
    expect(html).toContain('Words the glossary lacks');
    const counts = [...html.matchAll(/<li lang="en">[^<(]+\((\d+) pages?\)<\/li>/g)].map((m) => Number(m[1]));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(html).not.toMatch(/<li lang="en">fibroblasts? \(/);
  });

  test('the page editor lists the words of that page the glossary lacks, most used first, each a link to write its entry', async () => {
    const user = await seedUser(db(), 'editor');
    const editor = await SessionClient.signedInAs(t, db(), user.id);
    const { slug, revision } = await pageInState(db(), 'draft', { author: actorFor({ ...user, role: 'editor' }), reviewer: actorFor({ ...user, role: 'editor' }) });
    const words = 'Fibroblasts and a rare vasculopathy: the vasculopathy, and vasculopathy again, then one arthropathy.';
    const token = csrfFrom(await (await editor.get(`/edit/${slug}`)).text());
    // A preview shows the form as typed, with the list worked out from that text.
    const fields = editorFields(revision, { intent: 'preview' });
    const previewed = await editor.post(`/edit/${slug}`, { ...fields, body: `${fields.body}\n\n${words}` }, token);
    expect(previewed.status).toBe(200);
    const html = await previewed.text();
    const panel = /<section class="glossary-gaps panel"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(panel).toContain('Words the glossary lacks');
    const listed = [...panel.matchAll(/<li><a href="\/edit\/glossary\/new\?term=([a-z-]+)" lang="en">\1<\/a> \((\d+) uses?\)<\/li>/g)].map((m) => [m[1], Number(m[2])]);
    expect(listed.slice(0, 2)).toEqual([['vasculopathy', 3], ['arthropathy', 1]]);
    // Fibroblast has an entry: not listed.
    expect(panel).not.toContain('fibroblast');
    // The link opens the new-term form with the word filled in.
    const form = await (await editor.get('/edit/glossary/new?term=vasculopathy')).text();
    expect(form).toMatch(/name="term"[^>]*value="vasculopathy"|value="vasculopathy"[^>]*name="term"/);
  });
});
