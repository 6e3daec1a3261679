import { describe, expect, test } from 'vitest';
import { defineCatalogue } from './catalogue.js';
import { splitLangPrefix } from './languages.js';
import { createI18n } from './localizer.js';

const sample = defineCatalogue(
  'sample',
  { plain: 'Plain words', pages: '{count, plural, one {# page} other {# pages}}', link: 'Read our <a>disclaimer</a>.', only: 'Only in English' },
  { es: { plain: 'Palabras sencillas', pages: '{count, plural, one {# página} other {# páginas}}', link: 'Lea nuestro <a>aviso</a>.' }, ar: { pages: '{count, plural, zero {لا صفحات} one {صفحة واحدة} two {صفحتان} few {# صفحات} many {# صفحة} other {# صفحة}}' } },
);

describe('localizer', () => {
  const i18n = createI18n();

  test('messages, plurals by each language’s rules, and the English fallback', () => {
    const es = i18n.forLang('es').text(sample);
    expect(es('plain')).toBe('Palabras sencillas');
    expect(es('pages', { count: 1 })).toBe('1 página');
    expect(es('pages', { count: 3 })).toBe('3 páginas');
    expect(es('only')).toBe('Only in English');
    expect(es.langOf('only')).toBe('en');
    expect(es.langOf('plain')).toBe('es');
    const ar = i18n.forLang('ar').text(sample);
    expect(ar('pages', { count: 2 })).toBe('صفحتان');
    expect(ar('pages', { count: 0 })).toBe('لا صفحات');
  });

  test('rich messages put elements where the tags are, text escaped', async () => {
    const t = i18n.forLang('es').text(sample);
    const html = await (<p>{t.rich('link', { a: (chunks) => <a href="/disclaimer">{chunks}</a> })}</p>).toString();
    expect(html).toBe('<p>Lea nuestro <a href="/disclaimer">aviso</a>.</p>');
    const hostile = defineCatalogue('hostile', { x: 'Hello {name}' }, {});
    const escaped = await (<p>{i18n.forLang('en').text(hostile)('x', { name: '<script>' })}</p>).toString();
    expect(escaped).toBe('<p>Hello &lt;script&gt;</p>');
  });

  test('dates, numbers and addresses in the reader’s language', () => {
    expect(i18n.forLang('en').date('2013-06-20')).toBe('20 June 2013');
    expect(i18n.forLang('es').date('2013-06-20')).toBe('20 de junio de 2013');
    expect(i18n.forLang('fr').date('2013-06-20')).toBe('20 juin 2013');
    expect(i18n.forLang('ar').date('2013-06-20')).toMatch(/يونيو/);
    expect(i18n.forLang('fr').number(12345)).toBe('12\u202f345');
    expect(i18n.forLang('es').path('/directory/x')).toBe('/es/directory/x');
    expect(i18n.forLang('es').path('/')).toBe('/es');
    expect(i18n.forLang('en').path('/directory/x')).toBe('/directory/x');
  });

  test('the address carries the language; unknown or English prefixes are plain paths', () => {
    expect(splitLangPrefix('/es/directory/x')).toEqual({ lang: 'es', path: '/directory/x' });
    expect(splitLangPrefix('/ar')).toEqual({ lang: 'ar', path: '/' });
    expect(splitLangPrefix('/en/directory/x')).toEqual({ lang: 'en', path: '/en/directory/x' });
    expect(splitLangPrefix('/espanol')).toEqual({ lang: 'en', path: '/espanol' });
    expect(splitLangPrefix('/de/x')).toEqual({ lang: 'en', path: '/de/x' });
  });
});
