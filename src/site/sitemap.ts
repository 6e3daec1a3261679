/**
 * sitemap.xml from every domain's addresses. Up to the limit (50,000 URLs
 * and 50 MB, the sitemaps protocol's) it is one file; past it, sitemap.xml
 * is a sitemap index naming /sitemap-1.xml, /sitemap-2.xml, … each within
 * the limits. Each language version of a page is one URL with reciprocal
 * hreflang alternates.
 */
import type { SitemapEntry } from '../domain.js';
import { LANGS, pathIn } from '../i18n/languages.js';

/** The protocol's limit on one file's size, uncompressed (with room for the envelope). */
const MAX_BYTES = 50 * 1024 * 1024 - 1024;
const URLSET_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';

/** The address of the n-th file of a sitemap index (n from 1). */
export const sitemapPartPath = (n: number) => `/sitemap-${n}.xml`;

/** Every <url> element, in order. */
export function sitemapUrls(entries: SitemapEntry[], baseUrl: string): string[] {
  return entries.flatMap((e) => {
    const languages = e.languages ?? LANGS;
    const lastmod = e.lastModified ? `<lastmod>${e.lastModified.slice(0, 10)}</lastmod>` : '';
    const alternates =
      languages.length > 1
        ? [...languages.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlEscape(baseUrl + pathIn(l, e.path))}"/>`), `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(baseUrl + e.path)}"/>`].join('')
        : '';
    return languages.map((l) => `<url><loc>${xmlEscape(baseUrl + pathIn(l, e.path))}</loc>${lastmod}${alternates}</url>`);
  });
}

/** The URLs cut into files of at most `limit` URLs and 50 MB each. */
export function sitemapParts(urls: string[], limit: number): string[][] {
  const parts: string[][] = [];
  let part: string[] = [];
  let bytes = 0;
  for (const url of urls) {
    const size = Buffer.byteLength(url) + 1;
    if (part.length >= limit || (part.length > 0 && bytes + size > MAX_BYTES)) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(url);
    bytes += size;
  }
  if (part.length || !parts.length) parts.push(part);
  return parts;
}

export function urlsetXml(urls: string[]): string {
  return `${URLSET_OPEN}${urls.join('\n')}\n</urlset>\n`;
}

export function sitemapIndexXml(baseUrl: string, parts: number): string {
  const items = Array.from({ length: parts }, (_, i) => `<sitemap><loc>${xmlEscape(baseUrl + sitemapPartPath(i + 1))}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</sitemapindex>\n`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
