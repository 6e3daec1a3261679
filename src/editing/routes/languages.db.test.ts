import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import { SessionClient, seedUser } from '../../accounts/test-support/session-client.js';
import { editorForm, inputValue, textarea } from '../test-support/form-html.js';

const skip = await skipWithoutDatabase();


const SLUG = 'causes-of-scleroderma';

describe.skipIf(skip)('the editor in the language of its address', () => {
  let t: TestApp;
  let client: SessionClient;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await seedUser(t.atoz.database.db, 'editor');
    client = await SessionClient.signedInAs(t, t.atoz.database.db, user.id);
  });
  afterAll(async () => {
    await t?.close();
  });
  const open = async (path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };

  test('/es/edit/<slug> is the editor in Spanish, and every address in it keeps /es', async () => {
    const html = await open(`/es/edit/${SLUG}`);
    expect(html).toMatch(/<html lang="es" dir="ltr">/);
    expect(html).toContain(`<h1>Editar «${inputValue(html, 'f-title')}»</h1>`);
    expect(html).toContain('<label for="f-body">Texto de la página</label>');
    expect(html).toContain('Legibilidad');
    expect(html).toContain('Situación de esta página');
    expect(html).toContain(`action="/es/edit/${SLUG}"`);
    expect(html).toContain(`href="/es/edit/${SLUG}/history"`);
    expect(html).toContain('href="/es/dashboard"');
    // The live preview's words travel with the form (public/editor.js has none of its own).
    expect(html).toContain('data-preview-updated="Vista previa actualizada mientras escribe."');
    // The page's own text is English, and says so inside the Spanish interface.
    expect(html).toMatch(/<textarea[^>]*id="f-body"[^>]*lang="en"/);
    expect(html).toContain('<div id="preview-body" class="preview-body" lang="en">');
    expect(html).not.toContain('Page text');
    expect(html).not.toContain('Where this page stands');
  });

  test('/ar/edit/<slug> is the editor in Arabic, right to left', async () => {
    const html = await open(`/ar/edit/${SLUG}`);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<label for="f-body">نص الصفحة</label>');
    expect(html).toContain('سهولة القراءة');
    expect(html).toContain(`action="/ar/edit/${SLUG}"`);
    expect(html).not.toContain('Where this page stands');
  });

  test('a problem comes back in Spanish, with everything typed kept', async () => {
    const form = editorForm(await open(`/es/edit/${SLUG}`), { title: 'T'.repeat(230), summary: 'Un resumen que escribí con cuidado.' });
    const res = await client.post(`/es/edit/${SLUG}`, form);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<html lang="es"/);
    expect(page).toMatch(/<title>Error: Editar/);
    expect(page).toContain('Hay un problema');
    expect(page).toContain('El título debe tener como máximo 200 caracteres');
    expect(inputValue(page, 'f-title')).toBe(form.title);
    expect(textarea(page, 'f-summary')).toBe(form.summary);
    expect(textarea(page, 'f-body')).toBe(form.body);
  });

  test('a problem in the page text comes back in Arabic, naming the line, with the text intact', async () => {
    const html = await open(`/ar/edit/${SLUG}`);
    const form = editorForm(html, { body: `${textarea(html, 'f-body')}\n::: news outlet="Daily" date="2024-13-40"\nA story.\n:::\n` });
    const res = await client.post(`/ar/edit/${SLUG}`, form);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('توجد مشكلة');
    expect(page).toMatch(/نص الصفحة، السطر [\d٠-٩]+ \(ملخص إخباري تحت «\u2068?About the sources\u2069?»\): التاريخ/);
    expect(textarea(page, 'f-body')).toBe(form.body);
  });

  test('saving from /es/edit stays in Spanish: the redirect keeps /es and the notice is in Spanish', async () => {
    const html = await open(`/es/edit/${SLUG}`);
    const res = await client.post(`/es/edit/${SLUG}`, editorForm(html, { editSummary: 'Prueba de idioma' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/es/edit/${SLUG}?notice=saved`);
    const after = await open(res.headers.get('location')!);
    expect(after).toContain('Guardado como versión nueva.');
    const history = await open(`/fr/edit/${SLUG}/history`);
    expect(history).toContain('Historique de « ');
    expect(history).toContain('Prueba de idioma');
  });

  test('the dashboard and the live preview speak the address’s language too', async () => {
    const dashboard = await open('/fr/dashboard');
    expect(dashboard).toContain('<h1>Tableau de bord</h1>');
    expect(dashboard).toContain('href="/fr/edit"');
    const html = await open(`/ar/edit/${SLUG}`);
    const res = await client.post(`/ar/edit/${SLUG}`, editorForm(html, { intent: 'live-preview', body: '::: research\nNo key.\n:::\n' }));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { readability: string; problems: string[] };
    expect(json.readability).toContain('سهولة القراءة');
    expect(json.problems.join(' ')).toContain('نص الصفحة');
  });
});
