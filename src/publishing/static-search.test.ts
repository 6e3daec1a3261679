import { expect, test } from 'vitest';
import { IndexSynonyms, htmlForIndex, splitCjkWords } from './static-search.js';

test('Chinese and Japanese runs are split into words; other text is left as it is', () => {
  const zh = splitCjkWords('硬皮病是一种疾病').trim().split(/\s+/);
  expect(zh.length).toBeGreaterThan(1);
  expect(zh.join('')).toBe('硬皮病是一种疾病');
  const ja = splitCjkWords('東京都に住んでいます').trim().split(/\s+/);
  expect(ja.length).toBeGreaterThan(1);
  expect(splitCjkWords('Systemic sclerosis, ¿qué es?')).toBe('Systemic sclerosis, ¿qué es?');
});

test('a page with one member of a synonym group is indexed with the others, words matched as the live search does', () => {
  const synonyms = new IndexSynonyms([
    ['vitamin D', 'vit D', 'cholecalciferol'],
    ['celiac', 'coeliac'],
  ]);
  expect(synonyms.extraTermsFor('Low Vitamin D levels')).toEqual(['vit D', 'cholecalciferol']);
  expect(synonyms.extraTermsFor('Coeliac disease')).toEqual(['celiac']);
  expect(synonyms.extraTermsFor('Nothing related')).toEqual([]);
  // "vitamin" alone is not the term "vitamin D".
  expect(synonyms.extraTermsFor('vitamin C')).toEqual([]);
});

test('the index reads only <main>, with the synonyms added there and the page itself unchanged', () => {
  const page = '<!DOCTYPE html><html lang="es" dir="ltr"><head><title>Coeliac – atoz</title><link rel="stylesheet" href="/a.css"></head><body><header>Menu 東京</header><main id="main"><h1>Coeliac</h1><p>東京都に住む</p></main><footer>Donate</footer></body></html>';
  const indexed = htmlForIndex(page, new IndexSynonyms([['celiac', 'coeliac']]))!;
  expect(indexed).toContain('<main data-pagefind-body id="main">');
  expect(indexed).toContain('<p data-pagefind-weight="0.5">celiac</p></main>');
  expect(indexed).toMatch(/<p> 東京 /);
  // Only the language, the title and <main> go to pagefind: the furniture around them is never indexed.
  expect(indexed).toMatch(/^<!DOCTYPE html><html lang="es" dir="ltr"><head><meta charset="utf-8"><title>Coeliac – atoz<\/title><\/head><body><main /);
  expect(indexed).not.toMatch(/Menu|Donate|stylesheet/);
  expect(htmlForIndex('<p>no main</p>', new IndexSynonyms([]))).toBeNull();
});
