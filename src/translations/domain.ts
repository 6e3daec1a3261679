/** Translated pages: a page's translation per language, kept honest when the English changes, and the translators' screens. */
import type { CitationHtml } from '../directory/presenter.js';
import type { Domain, DomainKernel } from '../domain.js';
import { translationAccess } from './authz.js';
import { translationDashboardPanel } from './dashboard.js';
import { createTranslationQueries } from './queries.js';
import { translationRoutes } from './routes.js';
import { translationSourceIndexer } from './store.js';
import { topicTranslation } from './topic-translation.js';
import { createTranslationWorkflow } from './workflow.js';

export type TranslationsDomain = Domain & {
  /** For the directory: a topic page in the reader's language (DirectoryRouteDeps.translation). */
  topicTranslation: ReturnType<typeof topicTranslation>;
  /** For the directory's sitemap: the languages each translated page exists in. */
  pageLanguages: ReturnType<typeof createTranslationQueries>['allLanguages'];
  /** For the directory's lists (tree, A–Z, children): the translated titles and summaries of one language. */
  listedIn: ReturnType<typeof createTranslationQueries>['listedIn'];
  /** Whether a person reviews translations into a language (the glossary's translations are signed off by the same people). */
  reviewsLanguage: ReturnType<typeof createTranslationWorkflow>['reviewsLanguage'];
};

export function createTranslationsDomain(kernel: DomainKernel, needs: { /** Citation formats, for the editor's preview. */ citations?: () => Promise<CitationHtml> } = {}): TranslationsDomain {
  const queries = createTranslationQueries(kernel.db);
  const workflow = createTranslationWorkflow(kernel.db, kernel.clock, (tx, ids) => kernel.store.pagesChanged(tx, ids));
  return {
    name: 'translations',
    routes: translationRoutes({ db: kernel.db, queries, workflow, pages: kernel.pages, writes: kernel.rateLimits.editorWrites, contentChanged: kernel.contentChanged, trustProxy: kernel.config.trustProxy,
      preview: needs.citations ? { directory: kernel.queries, markdown: kernel.markdown, citations: needs.citations } : undefined,
    }),
    access: translationAccess,
    indexers: [translationSourceIndexer(kernel.clock)],
    dashboardPanels: [translationDashboardPanel(kernel.db)],
    topicTranslation: topicTranslation(queries),
    pageLanguages: () => queries.allLanguages(),
    listedIn: (lang) => queries.listedIn(lang),
    reviewsLanguage: (userId, lang) => workflow.reviewsLanguage(userId, lang),
  };
}
