import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/localizer.js';
import { searchText } from '../../src/search/messages/index.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

const skip = await skipWithoutDatabase();

/** Words of the English interface that must not show on a page in another language (its content is English until translated). */
const ENGLISH_TOPIC_WORDS = ['Written by', 'Medical review', 'Next review', 'Page history', 'Not yet medically reviewed', 'On this page', 'Other pages that mention this topic', 'What a study', 'In the news', 'Previous and next', '>Previous<', '>Next<', 'medical disclaimer', 'Skip to main content'];
// (The site sections menu is site settings text, translated per link in the settings: see the test below.)
const ENGLISH_SEARCH_WORDS = ['Search results', 'pages found', 'Filter by kind', 'Kind of entry', 'Year published', 'Apply filters', 'Search for<', 'Our explanation', 'What the page covers', 'Links to other pages', 'Suggested pages'];
const ENGLISH_404_WORDS = ['Page not found', 'We could not find', 'Browse the', 'Find a topic in the', 'A–Z index', 'Search the directory for it'];

describe.skipIf(skip)('reader pages in Spanish, French and Arabic', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const page = async (path: string, init?: RequestInit) => {
    const res = await t.request(path, init);
    return { status: res.status, html: await res.text() };
  };
  const leaks = (html: string, words: string[]) => words.filter((w) => html.includes(w));

  it('/es/directory/<topic>: Spanish byline, dates, digests and links that stay in Spanish', async () => {
    const { status, html } = await page('/es/directory/causes-proteins');
    expect(status).toBe(200);
    expect(html).toMatch(/<html lang="es" dir="ltr">/);
    expect(html).toContain('<dt>Escrito por</dt>');
    expect(html).toContain('<strong class="warning-text">Todavía sin revisión médica</strong>');
    expect(html).toContain('Escrito el <time datetime="2013-06-20">20 de junio de 2013</time>');
    expect(html).toContain('<p class="entry-kind">Lo que encontró un estudio de 2013</p>');
    expect(html).toContain('<p class="entry-kind">En las noticias: EurekAlert, <time datetime="2012-11-20">20 de noviembre de 2012</time></p>');
    expect(html).toContain('<h2 id="backlinks-title">Otras páginas que hablan de este tema</h2>');
    expect(html).toMatch(/<a class="pager-next" href="\/es\/directory\/[a-z0-9-]+" rel="next"><span class="pager-label">Siguiente<\/span>/);
    expect(html).toContain('<a href="/es/disclaimer">aviso médico</a>');
    expect(html).toMatch(/<nav class="breadcrumbs wrap" aria-label="Ruta de navegación"><ol><li><a href="\/es">Inicio<\/a>/);
    expect(leaks(html, ENGLISH_TOPIC_WORDS)).toEqual([]);
    // The page's own content is not translated yet: it stays in English, marked as English.
    expect(html).toContain('<h1 id="page-title" lang="en" dir="ltr">Causes: Proteins</h1>');
    expect(html).toMatch(/<div class="entry entry-research" id="digest-\d+"><p class="entry-kind">Lo que encontró un estudio de 2013<\/p>.*?<div lang="en" dir="ltr"><p>This study found/s);
  });

  it('the site sections menu speaks each language the settings translate it into, and marks a link they do not', async () => {
    const nav = (html: string) => /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(html)![0];
    const spanish = nav((await page('/es/news')).html);
    expect(spanish).toContain('<a href="/es">Inicio</a>');
    expect(spanish).toContain('<a href="/es/directory">Medicina</a>');
    expect(spanish).not.toContain('lang="en"');
    expect(nav((await page('/ar/news')).html)).toContain('<a href="/ar/forums">المنتديات</a>');
    expect(nav((await page('/news')).html)).toContain('<a href="/forums">Forums</a>');
    // The footer's list of sections too.
    expect((await page('/fr/news')).html).toMatch(/<h2 id="footer-sections">[^<]*<\/h2>\s*<ul class="plain">\s*<li><a href="\/fr">Accueil<\/a>/);
  });

  it('/es/directory/<topic>: links inside the text and to wanted pages keep the language', async () => {
    const { html } = await page('/es/directory/causes-of-scleroderma');
    // The demo translates this page: the link text is Spanish, shown as plain text to readers (no page to follow).
    expect(html).toMatch(/<span class="wanted">Tipos de esclerodermia<\/span>/);
    expect(html).not.toContain('(page not written yet)');
    expect(html).not.toContain('(not written yet)');
    expect(html).toMatch(/aria-label="Nota 1"/);
  });

  it('/ar/search?q=…: right to left, Arabic status line with its plural, filters and hits in Arabic', async () => {
    const { status, html } = await page('/ar/search?q=raynauds');
    expect(status).toBe(200);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<h1>نتائج البحث</h1>');
    // The query is isolated (U+2068…U+2069): whatever its direction, it cannot reorder the Arabic sentence around it.
    expect(html).toContain('عُثر على 3 صفحات عن «\u2068raynauds\u2069»');
    expect(html).toContain('<legend>نوع المحتوى</legend>');
    expect(html).toContain('ما توصلت إليه دراسة، 2012');
    expect(html).toContain('action="/ar/search"');
    expect(html).toMatch(/<a href="\/ar\/directory\/causes-drugs-and-medications#introduction">/);
    expect(html).toContain('data-suggest-url="/ar/api/search/suggest"');
    expect(html).toContain('data-suggestions-label="صفحات مقترحة"');
    expect(leaks(html, ENGLISH_SEARCH_WORDS)).toEqual([]);
  });

  it('/es/search with bad filters: the problems are explained in Spanish and the title says Error first', async () => {
    const { html } = await page('/es/search?q=lung&from=abc');
    expect(html).toMatch(/<title>Error: Resultados de búsqueda de «lung» – /);
    expect(html).toContain('<a href="#search-from">Escriba el año con cuatro cifras, por ejemplo 2010.</a>');
    expect(html).toContain('<h2 id="error-summary-title">Algunos filtros no se pudieron usar</h2>');
  });

  it('type-ahead asked at /es/…: suggestions link to Spanish pages and the status line is Spanish', async () => {
    const res = await t.request('/es/api/search/suggest?q=scler');
    const body = (await res.json()) as { suggestions: Array<{ url: string }>; status: string };
    expect(body.suggestions.length).toBeGreaterThan(0);
    for (const s of body.suggestions) expect(s.url).toMatch(/^\/es\/directory\//);
    expect(body.status).toMatch(/^\d+ sugerencias?\. Use las flechas/);
  });

  it('an /fr address that does not exist: 404 in French', async () => {
    const { status, html } = await page('/fr/nowhere-at-all');
    expect(status).toBe(404);
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    expect(html).toContain('<title>Page introuvable – Example Scleroderma Network</title>');
    expect(html).toContain('<h1>Page introuvable</h1>');
    expect(html).toContain('<a href="/fr/directory/a-z">index de A à Z</a>');
    expect(leaks(html, ENGLISH_404_WORDS)).toEqual([]);
  });

  it('a method nobody serves, asked in French: 405 explained in French', async () => {
    const { status, html } = await page('/fr/directory', { method: 'PROPFIND' });
    expect(status).toBe(405);
    expect(html).toMatch(/<html lang="fr"/);
    expect(html).toContain('La méthode PROPFIND n’est pas utilisée sur ce site.');
    expect(html).not.toContain('is not used on this site');
  });

  it('Arabic counts use all six plural forms; English and Spanish two', () => {
    const i18n = createI18n();
    const ar = i18n.forLang('ar').text(searchText);
    const status = (count: number) => ar('statusFound', { count, query: 'x' });
    expect([0, 1, 2, 3, 11, 100].map(status)).toEqual([
      'لم يُعثر على أي صفحة عن «x»',
      'عُثر على صفحة واحدة عن «x»',
      'عُثر على صفحتين عن «x»',
      'عُثر على 3 صفحات عن «x»',
      'عُثر على 11 صفحة عن «x»',
      'عُثر على 100 صفحة عن «x»',
    ]);
    expect(i18n.forLang('es').text(searchText)('statusFound', { count: 1, query: 'x' })).toBe('1 página encontrada para «x»');
    expect(i18n.forLang('en').text(searchText)('statusFound', { count: 2, query: 'x' })).toBe('2 pages found for “x”');
  });
});
