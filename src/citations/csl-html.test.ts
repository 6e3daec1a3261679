import { describe, expect, it } from 'vitest';
import { decodeEntities, escapeHtml, htmlToText, sanitizeEntryHtml } from './csl-html.js';

describe('sanitizeEntryHtml', () => {
  it('strips csl-bib-body/csl-entry wrappers and the Vancouver margin number, keeping the entry', () => {
    const citeproc =
      '<div class="csl-bib-body">\n  <div data-csl-entry-id="k" class="csl-entry">\n    <div class="csl-left-margin">1.</div><div class="csl-right-inline">Xiong M. Title. PLoS ONE. 2008;3(2):e1693.</div>\n  </div>\n</div>';
    expect(sanitizeEntryHtml(citeproc)).toBe('Xiong M. Title. PLoS ONE. 2008;3(2):e1693.');
  });

  it('keeps inline formatting and maps small caps to a class', () => {
    expect(sanitizeEntryHtml('<div class="csl-entry"><i>PLoS ONE</i>, <b>3</b>, H<sub>2</sub>O<sup>+</sup> <span style="font-variant:small-caps;">sc</span></div>')).toBe(
      '<i>PLoS ONE</i>, <b>3</b>, H<sub>2</sub>O<sup>+</sup> <span class="cite-smallcaps">sc</span>',
    );
  });

  it('re-escapes text, drops other tags and all attributes', () => {
    expect(sanitizeEntryHtml('&#60;script&#62;x&#60;/script&#62; &#38; <a href="javascript:x" onclick="y">link</a> <img src=x onerror=alert(1)> <i class="x">i</i>')).toBe(
      '&lt;script&gt;x&lt;/script&gt; &amp; link <i>i</i>',
    );
    expect(sanitizeEntryHtml('<script>alert(1)</script>')).toBe('alert(1)');
  });

  it('escapes a stray "<" and quotes', () => {
    expect(sanitizeEntryHtml('a < b "q" \'s\'')).toBe('a &lt; b &quot;q&quot; &#39;s&#39;');
  });

  it('balances tags: closes what is left open and ignores closings of unopened tags', () => {
    expect(sanitizeEntryHtml('<i>open <b>nested</i> after</b></sup>')).toBe('<i>open <b>nested</b></i> after');
    expect(sanitizeEntryHtml('<span class="nocase"><i>x</span> y')).toBe('<i>x</i> y');
  });

  it('keeps no-break spaces while collapsing other whitespace', () => {
    expect(sanitizeEntryHtml('a&#160;b \n\t c')).toBe('a\u00a0b c');
  });
});

describe('entities and text', () => {
  it('decodes numeric and common named entities, leaving unknown ones alone', () => {
    expect(decodeEntities('&#60;&#x3C;&lt;&amp;&quot;&nbsp;&bogus;&#0;')).toBe('<<<&"\u00a0&bogus;&#0;');
  });

  it('leaves names every object has (&constructor;) as literal text', () => {
    expect(decodeEntities('&constructor; &toString; &__proto__;')).toBe('&constructor; &toString; &__proto__;');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('gives plain text of a fragment', () => {
    expect(htmlToText('<i>A</i> &amp; <b>B</b> &lt;C&gt;')).toBe('A & B <C>');
  });
});
