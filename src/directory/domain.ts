import type { Localizer } from '../i18n/localizer.js';
/** The reader directory: tree, A–Z, topic pages, wanted pages, bibliography. */
import type { Child } from 'hono/jsx';
import type { Domain, DomainKernel } from '../domain.js';
import { LANGS, type Lang, SOURCE_LANG, pathIn } from '../i18n/languages.js';
import type { CitationHtml } from './presenter.js';
import type { DirectoryRouteDeps } from './routes.js';
import { directoryRoutes } from './routes.js';

export function createDirectoryDomain(
  kernel: DomainKernel,
  needs: {
    citations: () => Promise<CitationHtml>;
    editorToolbar?: (slug: string, i18n?: Localizer) => Promise<Child>;
    topicNews?: DirectoryRouteDeps['topicNews'];
    translation?: DirectoryRouteDeps['translation'];
    topicStories?: DirectoryRouteDeps['topicStories'];
    /** Languages each page exists in besides English, by page id (sitemap alternates). */
    pageLanguages?: () => Promise<Map<number, readonly Lang[]>>;
    glossary?: DirectoryRouteDeps['glossary'];
    listedIn?: DirectoryRouteDeps['listedIn'];
  },
): Domain {
  return {
    name: 'directory',
    routes: directoryRoutes({ queries: kernel.queries, pages: kernel.pages, markdown: kernel.markdown, citations: needs.citations, editorToolbar: needs.editorToolbar, topicNews: needs.topicNews, translation: needs.translation, clock: kernel.clock, staleEvidenceYears: kernel.config.staleEvidenceYears, topicStories: needs.topicStories, glossary: needs.glossary, listedIn: needs.listedIn }),
    // Each evidence map, in every language, for the static copy (src/publishing/: re-published when its topic is affected).
    publishedFiles: async () => {
      const [tree, digests] = await Promise.all([kernel.queries.tree(), kernel.queries.researchDigests()]);
      const withDigests = new Set(digests.map((d) => d.pageId));
      const mapped = new Set<string>();
      for (const id of withDigests) {
        // A digest gives a map to its page and to every page above it.
        for (let n = tree.byId.get(id); n && !mapped.has(n.slug); n = n.parentId === null ? undefined : tree.byId.get(n.parentId)) mapped.add(n.slug);
      }
      return [...mapped].sort().flatMap((slug) => LANGS.map((lang) => pathIn(lang, `/directory/${slug}/evidence`)));
    },
    sitemap: async () => {
      const translated = (await needs.pageLanguages?.()) ?? new Map<number, readonly Lang[]>();
      return [
        { path: '/directory' },
        { path: '/directory/a-z' },
        { path: '/bibliography' },
        // Topic pages exist in English and in the languages they are translated into.
        ...(await kernel.queries.pageDates()).map((d) => ({ path: `/directory/${d.slug}`, lastModified: d.changedAt, languages: translated.get(d.id) ?? [SOURCE_LANG] })),
      ];
    },
  };
}
