import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';

const skip = await skipWithoutDatabase();

/** The JSON-LD of a page, parsed. */
function jsonLd(html: string): Record<string, any> {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match![1]!) as Record<string, any>;
}

describe.skipIf(skip)('translated pages for readers (demo content)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const html = async (path: string) => {
    const res = await t.request(path);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('shows the Spanish translation at /es/<same path>, in Spanish without a fallback mark', async () => {
    const page = await html('/es/directory/causes-silica');
    expect(page).toMatch(/<html lang="es" dir="ltr">/);
    expect(page).toContain('<h1 id="page-title">Causas: sílice</h1>');
    expect(page).toContain('Estar expuesto a la sílice');
    expect(page).toContain('2 de 2 secciones traducidas.');
    expect(page).toContain('Traducción de demostración, sin revisión médica.');
    // Links in the translation go to the same pages in Spanish.
    expect(page).toContain('href="/es/directory/causes-environmental-exposures"');
  });

  it('lists pages under their translated titles in the A–Z, the tree and a page’s children; untranslated ones in English, marked so', async () => {
    const az = await html('/es/directory/a-z');
    // "Causas: genética" is listed as "genética" (its family "Causas" set apart), in Spanish: no lang of its own.
    expect(az).toMatch(/<a href="\/es\/directory\/causes-genetics">genética<\/a> <span class="az-context">[^<]*Causas/);
    expect(az).toContain('<a href="/es/directory/causes-autoimmunity"><span lang="en" dir="ltr">Autoimmunity</span></a>');
    // Spanish titles file under their own letter: genética under G, estrés under E.
    expect(az).toMatch(/<h2 id="letter-G">G<\/h2><ul class="az-list">(?:(?!<\/ul>).)*genética/s);
    expect(az).toMatch(/<h2 id="letter-E">E<\/h2><ul class="az-list">(?:(?!<\/ul>).)*estrés/s);
    const tree = await html('/fr/directory');
    expect(tree).toContain('<a href="/fr/directory/causes-genetics">génétique</a>');
    const overview = await html('/es/directory/causes-of-scleroderma');
    expect(overview).toMatch(/<section class="children"[^]*<a href="\/es\/directory\/causes-genetics">Causas: genética<\/a><p>Los genes pueden/);
    expect(overview).toMatch(/<section class="children"[^]*<a href="\/es\/directory\/causes-autoimmunity" lang="en" dir="ltr">Causes: Autoimmunity<\/a>/);
    // A translated page's breadcrumbs name its translated parent.
    expect(await html('/es/directory/causes-genetics')).toMatch(/<nav class="breadcrumbs[^]*<a href="\/es\/directory\/causes-of-scleroderma">Causas de la esclerodermia<\/a>/);
    // English readers get the English titles, unmarked.
    expect(await html('/directory/a-z')).toContain('<a href="/directory/causes-genetics">Genetics</a>');
  });

  it('falls back to English, marked lang="en", for a page with no translation, and says so in the reader’s language', async () => {
    const page = await html('/es/directory/causes-autoimmunity');
    expect(page).toContain('Esta página todavía no está traducida a este idioma, por eso se muestra en inglés.');
    expect(page).toMatch(/<h1 id="page-title" lang="en" dir="ltr">Causes: Autoimmunity<\/h1>/);
  });

  it('marks an outdated section with the date, the English page and the English words that changed', async () => {
    const page = await html('/es/directory/causes-infections');
    expect(page).toContain('Un estudio analiza si una infección persistente');
    expect(page).toMatch(/La página en inglés cambió el <time datetime="2026-11-20">/);
    expect(page).toContain('1 sección está desactualizada.');
    expect(page).toMatch(/<ins><span class="visually-hidden" lang="es">\[añadido\] <\/span>[^<]*does not go away/);
    expect(page).toContain('href="/directory/causes-infections" hreflang="en"');
    // The other sections are current.
    expect(page).toContain('2 de 3 secciones traducidas.');
  });

  it('keeps citations in their original language on a translated page', async () => {
    const page = await html('/fr/directory/causes-of-scleroderma');
    expect(page).toContain('Cet article de 2010');
    expect(page).toMatch(/<li id="ref-1"><div lang="en" dir="ltr">/);
  });

  it('Arabic: the translation is right to left with its own words', async () => {
    const page = await html('/ar/directory/causes-of-scleroderma');
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
    expect(page).toContain('<h1 id="page-title">أسباب تصلّب الجلد</h1>');
  });

  it('JSON-LD: inLanguage, translationOfWork and workTranslation, reciprocal', async () => {
    const es = jsonLd(await html('/es/directory/causes-silica'));
    expect(es.inLanguage).toBe('es');
    expect(es.translationOfWork.url).toBe('http://atoz.test/directory/causes-silica');
    expect(es.workTranslation.map((w: { inLanguage: string }) => w.inLanguage)).toEqual(['fr']);
    expect(es.translator[0].name).toBe('Equipo de demostración de atoz');
    const en = jsonLd(await html('/directory/causes-silica'));
    expect(en.workTranslation.map((w: { url: string }) => w.url)).toEqual(['http://atoz.test/es/directory/causes-silica', 'http://atoz.test/fr/directory/causes-silica']);
  });

  it('hreflang alternates and the switcher name the languages a page is translated into', async () => {
    const en = await html('/directory/causes-silica');
    expect(en).toContain('hreflang="es" href="http://atoz.test/es/directory/causes-silica"');
    expect(en).toContain('hreflang="fr" href="http://atoz.test/fr/directory/causes-silica"');
    expect(en).not.toContain('hreflang="ar" href="http://atoz.test/ar/directory/causes-silica"');
    const overview = await html('/directory/causes-of-scleroderma');
    expect(overview).toContain('hreflang="ar" href="http://atoz.test/ar/directory/causes-of-scleroderma"');
  });

  it('the sitemap lists each translated page with its languages', async () => {
    const xml = await (await t.request('/sitemap.xml')).text();
    expect(xml).toContain('hreflang="fr" href="http://atoz.test/fr/directory/causes-genetics"');
    expect(xml).not.toContain('hreflang="fr" href="http://atoz.test/fr/directory/causes-autoimmunity"');
  });
});
