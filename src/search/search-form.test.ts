import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/localizer.js';
import { searchText } from './messages/index.js';
import { type SearchText, readSearchForm as read, searchHref } from './search-form.js';

const i18n = createI18n();
const english = i18n.forLang('en').text(searchText) as SearchText;
const readSearchForm = (params: Parameters<typeof read>[0]) => read(params, english);

describe('the results page form', () => {
  it('reads the query, kinds and years', () => {
    const form = readSearchForm({ q: 'lung', kind: ['research', 'news'], from: '2005', to: ' 2013 ', page: '2' });
    expect(form).toMatchObject({ kinds: ['research', 'news'], yearFrom: 2005, yearTo: 2013, page: 2, problems: {} });
  });

  it('explains bad filters and keeps what the reader typed', () => {
    const form = readSearchForm({ q: 'lung', kind: ['gossip'], from: 'abc', to: '1700' });
    expect(form.problems).toEqual({
      kind: 'Choose summaries, research digests or news digests.',
      from: 'Enter a year as four digits, for example 2010.',
      to: 'Enter a year between 1800 and 2100.',
    });
    expect(form.input).toEqual({ q: 'lung', kinds: ['gossip'], from: 'abc', to: '1700' });
    expect([form.yearFrom, form.yearTo, form.kinds]).toEqual([undefined, undefined, []]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(readSearchForm({ q: 'x', from: '2013', to: '2005' }).problems.to).toBe('The last year (2005) is before the first year (2013).');
  });

  it('explains in the reader’s language', () => {
    const form = read({ q: 'lung', from: 'abc', to: '1700' }, i18n.forLang('es').text(searchText) as SearchText);
    expect(form.problems).toEqual({ from: 'Escriba el año con cuatro cifras, por ejemplo 2010.', to: 'Escriba un año entre 1800 y 2100.' });
  });

  it('treats a nonsense page number as page 1', () => {
    expect(readSearchForm({ page: '-4' }).page).toBe(1);
    expect(readSearchForm({ page: 'x' }).page).toBe(1);
  });

  it('builds links that keep the filters', () => {
    expect(searchHref({ kinds: ['news'], yearFrom: 2001, yearTo: undefined }, 'a&b', 3)).toBe('/search?q=a%26b&kind=news&from=2001&page=3');
  });
});
