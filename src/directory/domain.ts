import type { Localizer } from '../i18n/localizer.js';
/** The reader directory: tree, A–Z, topic pages, wanted pages, bibliography. */
import type { Child } from 'hono/jsx';
import type { Domain, DomainKernel } from '../domain.js';
import { SOURCE_LANG } from '../i18n/languages.js';
import type { CitationHtml } from './presenter.js';
import type { DirectoryRouteDeps } from './routes.js';
import { directoryRoutes } from './routes.js';

export function createDirectoryDomain(
  kernel: DomainKernel,
  needs: { citations: () => Promise<CitationHtml>; editorToolbar?: (slug: string, i18n?: Localizer) => Promise<Child>; topicNews?: DirectoryRouteDeps['topicNews'] },
): Domain {
  return {
    name: 'directory',
    routes: directoryRoutes({ queries: kernel.queries, pages: kernel.pages, markdown: kernel.markdown, citations: needs.citations, editorToolbar: needs.editorToolbar, topicNews: needs.topicNews }),
    sitemap: async () => [
      { path: '/directory' },
      { path: '/directory/a-z' },
      { path: '/bibliography' },
      // Topic pages exist in English until they are translated (src/translations adds their languages).
      ...(await kernel.queries.pageDates()).map((d) => ({ path: `/directory/${d.slug}`, lastModified: d.changedAt, languages: [SOURCE_LANG] })),
    ],
  };
}
