import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { seedFlaggedCitation } from '../citations/test-support/seed.js';
import { SessionClient, TEST_PASSWORD, seedUser } from './test-support/session-client.js';

const skip = await skipWithoutDatabase();

/** Accounts, admin and citations pages speak the language of their address; what was typed survives a failed form. */
describe.skipIf(skip)('accounts and citations in other languages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;

  test('/es/login is the Spanish sign-in form, posting to the Spanish address', async () => {
    const res = await new SessionClient(t).get('/es/login');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<html lang="es" dir="ltr">/);
    expect(html).toContain('<h1>Iniciar sesión</h1>');
    expect(html).toContain('<label for="email">Correo electrónico</label>');
    expect(html).toContain('action="/es/login"');
    expect(html).not.toContain('<h1>Sign in</h1>');
    expect(html).not.toContain('Forgotten your password?');
  });

  test('/fr/edit/citations, signed in, is in French, account bar and breadcrumbs too', async () => {
    const editor = await seedUser(db(), 'editor');
    const client = await SessionClient.signedInAs(t, db(), editor.id);
    const res = await client.get('/fr/edit/citations');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(html).toContain('<h1>Références</h1>');
    expect(html).toContain('Trouver une référence');
    expect(html).toContain(`Connecté en tant que <strong>${editor.name}</strong> (rédacteur)`);
    expect(html).toContain('href="/fr/dashboard"');
    expect(html).toContain('action="/fr/edit/citations"');
    expect(html).not.toContain('Find a citation');
  });

  test('a failed sign-in in Arabic comes back in Arabic, right to left, with the e-mail address kept', async () => {
    const user = await seedUser(db(), 'editor');
    const client = new SessionClient(t);
    const res = await client.post('/ar/login', { email: user.email, password: 'not the password at all' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<title>خطأ: تسجيل الدخول');
    expect(html).toContain('عنوان البريد الإلكتروني أو كلمة المرور غير صحيح');
    expect(html).toContain('<h2 id="error-summary-title">توجد مشكلة</h2>');
    expect(html).toContain(`value="${user.email}"`);
    expect(html).not.toContain('is not right');
    // The address reads left to right inside the right-to-left page.
    expect(html).toMatch(/<input[^>]*id="email"[^>]*dir="ltr"/);
    // The same form's own validation speaks Arabic too.
    const empty = await new SessionClient(t).post('/ar/login', { email: 'not-an-address', password: '' });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('value="not-an-address"');
    expect(emptyHtml).toContain('أدخل عنوان بريد إلكتروني بالصيغة الصحيحة');
    expect(emptyHtml).toContain('أدخل كلمة المرور');
  });

  test('signing in from the Spanish form carries on in Spanish; the dashboard panels and admin links are Spanish', async () => {
    const admin = await seedUser(db(), 'admin');
    const client = new SessionClient(t);
    const res = await client.post('/es/login', { email: admin.email, password: TEST_PASSWORD, next: '/dashboard' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/es/dashboard');
    const dashboard = await (await client.get('/es/dashboard')).text();
    expect(dashboard).toContain('Estudios retractados o corregidos pendientes');
    expect(dashboard).toContain('Investigación nueva');
    const adminArea = await (await client.get('/es/admin')).text();
    expect(adminArea).toContain('<h1>Administración</h1>');
    expect(adminArea).toContain('<a href="/es/admin/users">Usuarios e invitaciones</a>');
    expect(adminArea).toContain('<a href="/es/admin/settings">Configuración del sitio</a>');
    expect(adminArea).toContain('Quién cambió qué y cuándo');
  });

  test('every accounts, admin and citations page renders in Spanish, French and Arabic, its heading translated', async () => {
    const admin = await seedUser(db(), 'admin');
    const other = await seedUser(db(), 'editor');
    const citationId = await seedFlaggedCitation(db());
    const client = await SessionClient.signedInAs(t, db(), admin.id);
    // The main content differs from the English page's; a page's heading too, unless it is a name or a title.
    const paths = ['/account', '/account/password', '/admin', '/admin/users', '/admin/audit', '/edit/citations', '/edit/citations/import', '/edit/inbox'];
    const h1 = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
    const main = (html: string) => /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1];
    // The dashboard's own heading is the editing domain's; its citations panels are checked through <main>.
    for (const path of [...paths, '/dashboard', `/admin/users/${other.id}`, `/edit/citations/${citationId}`]) {
      const english = await client.get(path);
      expect(english.status, path).toBe(200);
      const englishHtml = await english.text();
      for (const lang of ['es', 'fr', 'ar']) {
        const res = await client.get(`/${lang}${path}`);
        expect(res.status, `/${lang}${path}`).toBe(200);
        const html = await res.text();
        expect(html, `/${lang}${path}`).toContain(`<html lang="${lang}"`);
        expect(main(html), `/${lang}${path}`).not.toBe(main(englishHtml));
        // "Administration" is French as well as English.
        if (paths.includes(path) && !(lang === 'fr' && path === '/admin')) expect(h1(html), `/${lang}${path}`).not.toBe(h1(englishHtml));
      }
    }
    const flagged = await (await client.get(`/ar/edit/citations/${citationId}`)).text();
    expect(flagged).toContain('تنبيه: دراسة مسحوبة.');
    expect(flagged).toContain('عالجه');
  });

  test('a page someone may not open, and one that needs signing in, answer in the language of the address', async () => {
    const reviewer = await seedUser(db(), 'reviewer');
    const client = await SessionClient.signedInAs(t, db(), reviewer.id);
    const forbidden = await client.get('/fr/admin/users');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toContain('gérer les comptes d’utilisateur');
    const anonymous = await new SessionClient(t).get('/es/dashboard');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/es/login?next=%2Fes%2Fdashboard');
  });
});
