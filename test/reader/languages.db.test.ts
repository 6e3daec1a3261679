import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

const BASE = 'http://atoz.test';
const skip = await skipWithoutDatabase();

describe.skipIf(skip)('the interface in several languages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = async (path: string) => {
    const res = await t.request(path);
    return { status: res.status, html: await res.text(), res };
  };

  it('takes the language from the address: lang and dir on <html>, English unprefixed as before', async () => {
    expect((await page('/directory')).html).toMatch(/<html lang="en" dir="ltr">/);
    const es = await page('/es/directory');
    expect(es.status).toBe(200);
    expect(es.html).toMatch(/<html lang="es" dir="ltr">/);
    expect(es.html).toContain('Saltar al contenido principal');
    const ar = await page('/ar/directory');
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.html).toContain('انتقل إلى المحتوى الرئيسي');
  });

  it('keeps the reader in their language: site links, search and the brand point to /es/…', async () => {
    const { html } = await page('/es/directory');
    expect(html).toContain('action="/es/search"');
    expect(html).toContain('href="/es/directory/a-z"');
    expect(html).toContain('class="brand" href="/es"');
    expect(html).not.toContain('href="/about"');
  });

  it('offers the same page in every language, each named in its own language, the current one marked', async () => {
    const { html } = await page('/es/directory');
    expect(html).toMatch(/<a href="\/directory" lang="en" hreflang="en">English<\/a>/);
    expect(html).toMatch(/<a href="\/fr\/directory" lang="fr" hreflang="fr">Français<\/a>/);
    expect(html).toMatch(/<a href="\/es\/directory" lang="es" aria-current="page">Español \(esta página\)<\/a>/);
  });

  it('hreflang alternates are reciprocal, with x-default, and canonical is the page itself', async () => {
    const [en, fr] = [await page('/directory'), await page('/fr/directory')];
    for (const { html } of [en, fr]) {
      for (const [lang, path] of [['en', '/directory'], ['es', '/es/directory'], ['fr', '/fr/directory'], ['ar', '/ar/directory'], ['x-default', '/directory']]) {
        expect(html).toMatch(new RegExp(`<link rel="alternate" hreflang="${lang}" href="${BASE}${path}"`));
      }
    }
    expect(fr.html).toContain(`<link rel="canonical" href="${BASE}/fr/directory"/>`);
  });

  it('a topic page not translated yet: the interface in Spanish, canonical and alternates only for the English original', async () => {
    const { status, html } = await page('/es/directory/causes-autoimmunity');
    expect(status).toBe(200);
    expect(html).toMatch(/<html lang="es"/);
    expect(html).toContain(`<link rel="canonical" href="${BASE}/directory/causes-autoimmunity"/>`);
    expect(html).not.toMatch(/hreflang="es" href=/);
    expect(html).toMatch(/Español \(esta página\)/);
    expect(html).toMatch(/>Français \(aún sin traducir\)</);
  });

  it('each language is its own cached rendering, and the fast lane keeps them apart', async () => {
    const en = await page('/directory');
    const es = await page('/es/directory');
    expect(en.res.headers.get('etag')).not.toBe(es.res.headers.get('etag'));
    expect((await page('/directory')).html).toMatch(/<html lang="en"/);
  });

  it('/en/… moves to the unprefixed address; unknown prefixes are ordinary (missing) pages', async () => {
    const res = await t.request('/en/directory?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/directory?x=1');
    expect((await t.request('/de/directory')).status).toBe(404);
  });

  it('the sitemap lists each language version with reciprocal alternates', async () => {
    const xml = await (await t.request('/sitemap.xml')).text();
    expect(xml).toContain(`<url><loc>${BASE}/es/directory</loc>`);
    const esEntry = /<url><loc>http:\/\/atoz.test\/es\/directory<\/loc>(.*?)<\/url>/.exec(xml)![1]!;
    for (const lang of ['en', 'es', 'fr', 'ar', 'x-default']) expect(esEntry).toContain(`hreflang="${lang}"`);
    // Untranslated topic pages: the English original only; translated ones each language they are in.
    expect(xml).toContain(`<url><loc>${BASE}/directory/causes-autoimmunity</loc>`);
    expect(xml).not.toContain(`${BASE}/es/directory/causes-autoimmunity<`);
    expect(xml).toContain(`<url><loc>${BASE}/es/directory/causes-of-scleroderma</loc>`);
  });
});
