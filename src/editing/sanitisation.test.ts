import { describe, expect, it } from 'vitest';
import { type RenderContext, createMarkdownRenderer } from '../content/markdown.js';
import { XSS_PAYLOADS } from './test-support/xss-payloads.js';

// What the renderer may ever emit (src/content/markdown.ts ALLOWED); anything else is a hole.
const TAGS = new Set(['p', 'a', 'em', 'strong', 'ul', 'ol', 'li', 'code', 'blockquote', 'sup', 'br', 'span']);
const ATTRIBUTES = new Set(['href', 'class', 'title', 'aria-label']);

const context: RenderContext = {
  resolveLink: (slug) => ({ href: `/directory/${slug}`, wanted: slug !== 'causes-genetics' }),
  citation: (key) => (key === 'known' ? { number: 1, anchor: 'ref-1' } : null),
  footnote: () => null,
};

/** Every tag and attribute in a fragment of sanitised HTML (which is well-formed: no need for a full parser). */
function tagsOf(html: string): Array<{ tag: string; attributes: Array<[string, string]> }> {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attributes: [...m[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as [string, string]),
  }));
}

function decode(value: string): string {
  return value.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('Markdown from the editor renders neutralised', () => {
  const markdown = createMarkdownRenderer();
  for (const { name, markdown: source } of XSS_PAYLOADS) {
    it(name, () => {
      for (const html of [markdown.render(source, context), markdown.renderInline(source, context)]) {
        // Every tag must be one the checks below can read (quoted attributes only), or it escapes them.
        expect(tagsOf(html).length, html).toBe((html.match(/<[a-zA-Z]/g) ?? []).length);
        for (const { tag, attributes } of tagsOf(html)) {
          expect(TAGS, `tag <${tag}> in ${html}`).toContain(tag);
          for (const [attribute, value] of attributes) {
            expect(ATTRIBUTES, `attribute ${attribute} in ${html}`).toContain(attribute);
            if (attribute === 'href') {
              const href = decode(value).replace(/[\u0000-\u0020]/g, '');
              expect(href, html).toMatch(/^(\/(?!\/)|#|https?:\/\/|mailto:)/i);
            }
          }
        }
        // Nothing that looks like markup survives outside the allowed tags, e.g. "<script" as a tag.
        expect(html).not.toMatch(/<(script|img|svg|style|iframe|object|link|meta|base|form|details)\b/i);
      }
    });
  }

  it('still renders the project’s own syntax and ordinary links', () => {
    const html = markdown.render('See [[Causes: Genetics|genes]] and [the NIH](https://www.nih.gov) [@known].', context);
    expect(html).toBe(
      '<p>See <a href="/directory/causes-genetics">genes</a> and <a href="https://www.nih.gov">the NIH</a> <sup class="ref"><a href="#ref-1" class="cite-ref" aria-label="Reference 1">[1]</a></sup>.</p>\n',
    );
  });
});
