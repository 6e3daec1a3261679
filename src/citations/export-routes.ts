/**
 * Bibliography downloads for readers and reference managers: each topic's
 * references and the whole directory's bibliography as RIS, BibTeX and
 * CSL-JSON. Cached like reader pages (dropped when content changes).
 */
import { type Context, Hono } from 'hono';
import type { DirectoryQueries } from '../directory/queries.js';
import { SLUG_PATTERN } from '../directory/slug.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { type BibliographyExportFormat, exportBibliography } from './format.js';
import { recordFromStored } from './stored-record.js';

export interface ExportFormat {
  /** File extension in the URL and the download's name. */
  extension: 'ris' | 'bib' | 'json';
  format: BibliographyExportFormat;
  contentType: string;
  /** Shown next to the download link. */
  label: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { extension: 'ris', format: 'ris', contentType: 'application/x-research-info-systems; charset=utf-8', label: 'RIS (EndNote, Zotero, Mendeley)' },
  { extension: 'bib', format: 'bibtex', contentType: 'application/x-bibtex; charset=utf-8', label: 'BibTeX' },
  { extension: 'json', format: 'csl-json', contentType: 'application/vnd.citationstyles.csl+json; charset=utf-8', label: 'CSL-JSON' },
];

/** Where a topic's references download lives. */
export function topicReferencesPath(slug: string, extension: ExportFormat['extension']): string {
  return `/directory/${slug}/references.${extension}`;
}

export function exportRoutes(deps: { queries: DirectoryQueries; pages: PageRenderer }) {
  const { queries, pages } = deps;
  const app = new Hono();

  const download = (response: Response | null, filename: string) => {
    response?.headers.set('content-disposition', `attachment; filename="${filename}"`);
    return response;
  };

  for (const format of EXPORT_FORMATS) {
    app.get(`/directory/:slug/references.${format.extension}`, async (c: Context, next) => {
      const slug = c.req.param('slug') ?? '';
      if (!SLUG_PATTERN.test(slug)) return next();
      const response = await pages.cached(
        c,
        `references:${slug}.${format.extension}`,
        async () => {
          const page = await queries.page(slug);
          return page ? exportBibliography(page.citations.map(recordFromStored), format.format) : null;
        },
        format.contentType,
      );
      if (response) return download(response, `${slug}-references.${format.extension}`)!;
      const moved = await queries.redirectFor(slug);
      return moved ? c.redirect(topicReferencesPath(moved, format.extension), 301) : next();
    });

    app.get(`/bibliography.${format.extension}`, async (c) => {
      const response = await pages.cached(
        c,
        `bibliography.${format.extension}`,
        async () => exportBibliography((await queries.bibliography()).map(recordFromStored), format.format),
        format.contentType,
      );
      return download(response, `bibliography.${format.extension}`)!;
    });
  }
  return app;
}
