import { describe, expect, it } from 'vitest';
import { type RenderContext, createMarkdownRenderer } from './markdown.js';

const md = createMarkdownRenderer();
const context: RenderContext = {
  resolveLink: (slug) => (slug === 'existing-page' ? { href: '/directory/existing-page', wanted: false } : { href: `/wanted#${slug}`, wanted: true }),
  citation: (key) => (key === 'smith-2010' || key === 'pmid:123' ? { number: 2, anchor: 'ref-2' } : null),
  footnote: (n) => (n === 1 ? 'footnote-1' : null),
};

describe('markdown renderer', () => {
  it('links existing pages and marks wanted ones in words', () => {
    const html = md.render('See [[Existing Page]] and [[Missing Page|the missing one]].', context);
    expect(html).toContain('<a href="/directory/existing-page">Existing Page</a>');
    expect(html).toContain('<a href="/wanted#missing-page" class="wanted">the missing one<span class="wanted-note"> (page not written yet)</span></a>');
  });

  it('writes a link to a page not written yet as plain text when there is nowhere to send a reader', () => {
    const html = md.render('See [[Missing Page|the <missing> one]] here.', { ...context, resolveLink: () => ({ href: null, wanted: true }) });
    expect(html).toBe('<p>See <span class="wanted">the &lt;missing&gt; one</span> here.</p>\n');
  });

  it('numbers citations and footnotes, and flags unknown ones', () => {
    const html = md.render('A [@smith-2010] B [@PMID:123] C [@nobody] D [^1] E [^9]', context);
    expect(html.match(/href="#ref-2"/g)).toHaveLength(2);
    expect(html).toContain('[unknown citation nobody]');
    expect(html).toContain('href="#footnote-1"');
    expect(html).toContain('[^9]');
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = md.render('<script>alert(1)</script> <img src=x onerror=alert(1)>', context);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: and data: links', () => {
    const html = md.render('[a](javascript:alert(1)) [b](data:text/html,hi) [c](https://example.org) [d](vbscript:msgbox(1)) [e](//evil.example)', context);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toContain('evil.example"');
    expect(html).toContain('href="https://example.org"');
  });

  /** What a reader sees: the rendered text with tags removed and HTML escapes read back. */
  const seen = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it.each([
    `He is 5'10" tall.`,
    `She said, "I'm tired -- but 'fine'..." (c) (tm) (r) +- 1--2 ---`,
    `"Quoted words," a reader wrote, "stay as they were typed."`,
  ])('shows a reader’s words exactly as typed: %s', (typed) => {
    expect(seen(md.renderInline(typed, context))).toBe(typed);
    expect(seen(md.render(typed, context)).trim()).toBe(typed);
  });

  it('shows a character reference as the character it names, and changes nothing more', () => {
    expect(seen(md.renderInline('&quot;as said&quot; &#45;&#45; &#39;q&#39; &amp; &copy;', context))).toBe(`"as said" -- 'q' & ©`);
  });

  it('renders inline text without a wrapping paragraph', () => {
    expect(md.renderInline('*plain*', context)).toBe('<em>plain</em>');
  });
});
