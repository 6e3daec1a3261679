import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import type { Role } from '../accounts/context.js';

const skip = await skipWithoutDatabase();
/** A demo page whose Spanish translation uses "fibroblastos" in its body text. */
const TRANSLATED_PAGE = '/es/directory/causes-of-scleroderma';

describe.skipIf(skip)('the glossary in other languages', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });
  /** Someone signed in who translates (and maybe reviews) Spanish. */
  async function person(role: Role, languages: Array<{ lang: string; reviews: boolean }> = []) {
    const user = await seedUser(db(), role);
    for (const l of languages) await db().insertInto('translator_languages').values({ user_id: user.id, lang: l.lang, credentials: 'Test credentials', reviews: l.reviews ? 1 : 0 }).execute();
    return { user, client: await SessionClient.signedInAs(t, db(), user.id) };
  }
  const send = async (client: SessionClient, path: string, fields: Record<string, string>, formPath = path) => client.post(path, fields, csrfFrom(await (await client.get(formPath)).text()));
  const newestRevision = async (lang: string) =>
    (await db().selectFrom('glossary_revisions as r').innerJoin('glossary_terms as g', 'g.id', 'r.term_id').select(['r.id', 'r.state']).where('g.slug', '=', 'fibroblast').where('r.lang', '=', lang).orderBy('r.id', 'desc').executeTakeFirstOrThrow());

  test('a translator translates a term beside its English; a reviewer of that language approves it; readers and translated pages get it', async () => {
    const translator = await person('translator', [{ lang: 'es', reviews: false }]);
    const list = await (await translator.client.get('/edit/glossary')).text();
    expect(list).toContain('href="/edit/glossary/fibroblast/translate/es"');
    expect(list).toMatch(/Español<\/a>: not translated/);
    expect(list).not.toContain('href="/edit/glossary/new"'); // writing English terms is for editors
    const form = await (await translator.client.get('/edit/glossary/fibroblast/translate/es')).text();
    expect(form).toContain('The English readers see now');
    expect(form).toMatch(/<input[^>]*name="term"[^>]*lang="es"/);

    // Bad input comes back with the text typed.
    const empty = await send(translator.client, '/edit/glossary/fibroblast/translate/es', { term: 'fibroblasto', synonyms: '', definition: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('value="fibroblasto"');

    const definition = 'Célula del tejido conectivo que fabrica colágeno y otras fibras.';
    const saved = await send(translator.client, '/edit/glossary/fibroblast/translate/es', { term: 'fibroblasto', synonyms: 'fibroblastos', definition });
    expect(saved.status).toBe(303);
    expect((await newestRevision('es')).state).toBe('in_review');
    // Waiting: readers still see the English, and the translated page marks nothing in Spanish.
    expect(await (await t.request('/es/glossary/fibroblast')).text()).toContain('<h1 lang="en"');
    expect(await (await t.request(TRANSLATED_PAGE)).text()).not.toContain('<dfn>fibroblastos</dfn>');

    // A reviewer who does not review Spanish is told why and changes nothing.
    const other = await person('reviewer', [{ lang: 'fr', reviews: true }]);
    const revision = String((await newestRevision('es')).id);
    const refused = await send(other.client, '/edit/glossary/fibroblast/translate/es/approve', { revision }, '/edit/glossary/fibroblast/translate/es');
    expect(refused.headers.get('location')).toBe('/edit/glossary/fibroblast/translate/es?notice=not-your-language');
    expect((await newestRevision('es')).state).toBe('in_review');

    const reviewer = await person('reviewer', [{ lang: 'es', reviews: true }]);
    const approved = await send(reviewer.client, '/edit/glossary/fibroblast/translate/es/approve', { revision }, '/edit/glossary/fibroblast/translate/es');
    expect(approved.headers.get('location')).toBe('/edit/glossary/fibroblast/translate/es?notice=approved');

    const term = await (await t.request('/es/glossary/fibroblast')).text();
    expect(term).toContain('<h1>fibroblasto</h1>');
    expect(term).toContain(definition);
    expect(term).toContain('"inLanguage":"es"');
    expect(await (await t.request('/es/glossary')).text()).toContain('fibroblasto');
    // French has no translation yet: the English, marked as English, says so.
    const french = await (await t.request('/fr/glossary/fibroblast')).text();
    expect(french).toContain('<h1 lang="en"');
    expect(french).toContain('pas encore traduit');
    // The Spanish page's translated text now marks the Spanish word with the Spanish definition.
    const page = await (await t.request(TRANSLATED_PAGE)).text();
    expect(page).toContain('<dfn>fibroblastos</dfn>');
    expect(page).toContain(`<strong>fibroblasto</strong>: ${definition}`);
    // The English site is unchanged.
    expect(await (await t.request('/glossary/fibroblast')).text()).toContain('<h1>fibroblast</h1>');
  });

  test('a new English definition leaves the translation published but out of date, for readers and translators alike', async () => {
    const editor = await person('editor');
    const reviewer = await person('reviewer');
    expect((await send(editor.client, '/edit/glossary/fibroblast', { term: 'fibroblast', synonyms: 'fibroblasts', definition: 'A connective-tissue cell that makes collagen; in scleroderma, too much of it.' })).status).toBe(303);
    const english = String((await newestRevision('en')).id);
    expect((await send(reviewer.client, '/edit/glossary/fibroblast/approve', { revision: english }, '/edit/glossary/fibroblast')).status).toBe(303);

    const term = await (await t.request('/es/glossary/fibroblast')).text();
    expect(term).toContain('<h1>fibroblasto</h1>');
    expect(term).toContain('La definición en inglés ha cambiado');
    const translator = await person('translator', [{ lang: 'es', reviews: false }]);
    expect(await (await translator.client.get('/edit/glossary')).text()).toMatch(/Español<\/a>: out of date/);
    expect(await (await translator.client.get('/edit/glossary/fibroblast/translate/es')).text()).toContain('The English has changed since the published translation was made');
  });
});
