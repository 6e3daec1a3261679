import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
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
});
