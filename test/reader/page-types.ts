import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/web/package-root.js';

export interface PageType {
  /** Short name used in test titles and problem reports. */
  name: string;
  path: string;
  /** The status a reader gets at this path. */
  status: 200 | 404;
}

/** One address per kind of reader page, over the demo directory. */
export const READER_PAGE_TYPES: PageType[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'directory', path: '/directory', status: 200 },
  { name: 'a-z', path: '/directory/a-z', status: 200 },
  // A parent topic: table of contents, sub-articles, wanted links, footnotes, children.
  { name: 'topic', path: '/directory/causes-of-scleroderma', status: 200 },
  // A cause page with both a research digest (formatted citation) and news digests (its latest news).
  { name: 'topic-digests', path: '/directory/causes-proteins', status: 200 },
  // The evidence map of the Causes overview: inline SVG, its key and table twin (src/directory/views/evidence-map.tsx).
  { name: 'evidence-map', path: '/directory/causes-of-scleroderma/evidence', status: 200 },
  { name: 'news', path: '/news', status: 200 },
  // A news item: source, Behind the headlines, topics.
  { name: 'news-item', path: '/news/eurekalert-2012-11-20', status: 200 },
  { name: 'wanted', path: '/wanted', status: 200 },
  { name: 'bibliography', path: '/bibliography', status: 200 },
  { name: 'about', path: '/about', status: 200 },
  { name: 'disclaimer', path: '/disclaimer', status: 200 },
  { name: 'contact', path: '/contact', status: 200 },
  { name: 'support', path: '/support', status: 200 },
  { name: 'not-found', path: '/directory/no-such-topic-here', status: 404 },
  // The API's documentation page (src/api).
  { name: 'api-docs', path: '/api/docs', status: 200 },
  // The glossary (src/glossary): every term, and one term's page.
  { name: 'glossary', path: '/glossary', status: 200 },
  { name: 'glossary-term', path: '/glossary/raynauds-phenomenon', status: 200 },
  // The reader-feedback forms are per-reader, noindex pages: test/reader/glossary-feedback-browser.test.ts checks them.
  // Search results join once src/app.tsx wires src/search/ (another engineer builds it).
  ...(searchExists() ? [{ name: 'search', path: '/search?q=silica', status: 200 as const }] : []),
];

/** Search is a reader page once the composition root mounts something from src/search/. */
function searchExists(): boolean {
  return /from '\.\/search\//.test(readFileSync(join(packageRoot(), 'src', 'app.tsx'), 'utf8'));
}
