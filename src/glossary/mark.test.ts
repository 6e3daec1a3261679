import { describe, expect, test } from 'vitest';
import { createMarker } from './mark.js';

const entries = [
  { slug: 'fibroblast', term: 'fibroblast', synonyms: ['fibroblasts'], definition: 'A cell that makes collagen & fibres.' },
  { slug: 'raynauds-phenomenon', term: "Raynaud's phenomenon", synonyms: ["Raynaud's"], definition: 'Fingers turn white in the cold.' },
  { slug: 'collagen', term: 'collagen', synonyms: [], definition: 'A structural protein.' },
];
const marker = createMarker(entries, { more: 'More in the glossary', href: (slug) => `/glossary/${slug}` });

describe('glossary marks', () => {
  test('the first use of each term in body text is marked once, with its definition, synonyms included', () => {
    const [a = '', b = ''] = marker.mark(['<p>Fibroblasts make collagen. More fibroblast talk.</p>', '<p>Collagen again, and a fibroblast.</p>'], { pageTitle: 'Causes: Silica' });
    expect(a).toContain('<button type="button" class="gloss-term" popovertarget="gloss-fibroblast"><dfn>Fibroblasts</dfn></button>');
    expect(a).toContain('<span class="gloss-definition" id="gloss-fibroblast" popover="" role="note" data-pagefind-ignore=""><strong>fibroblast</strong>: A cell that makes collagen &amp; fibres. <a href="/glossary/fibroblast">More in the glossary</a></span>');
    expect(a.match(/<dfn>/g)).toHaveLength(2); // fibroblasts and collagen, once each
    expect(a).toContain('More fibroblast talk.');
    expect(b).toBe('<p>Collagen again, and a fibroblast.</p>');
  });

  test('never inside links, headings or code, and not a term that is the page’s own subject', () => {
    const [html = ''] = marker.mark(['<h3>Collagen</h3><p><a href="/x">collagen link</a> <code>collagen</code></p><p>About fibroblasts and collagen.</p>'], { pageTitle: 'Causes: Fibroblasts' });
    expect(html).toContain('<h3>Collagen</h3>');
    expect(html).toContain('<a href="/x">collagen link</a> <code>collagen</code>');
    expect(html).toContain('About fibroblasts and <span class="gloss">');
    expect(html).not.toContain('popovertarget="gloss-fibroblast"');
  });

  test('apostrophes as typed or escaped, and the longest term first', () => {
    const [html = ''] = marker.mark(['<p>Many have Raynaud&#39;s phenomenon first; Raynaud’s alone is not marked again.</p>'], { pageTitle: 'Symptoms' });
    expect(html).toContain('<dfn>Raynaud&#39;s phenomenon</dfn>');
    expect(html.match(/<dfn>/g)).toHaveLength(1);
  });
});

test('the link to the glossary says its language when the interface is not English', () => {
  const arabic = createMarker(entries, { more: 'المزيد في المسرد', href: (slug) => `/ar/glossary/${slug}`, linkLang: { lang: 'ar', dir: 'rtl' } });
  const [html = ''] = arabic.mark(['<p>collagen</p>'], { pageTitle: 'x' });
  expect(html).toContain('<a href="/ar/glossary/collagen" lang="ar" dir="rtl">المزيد في المسرد</a>');
});
