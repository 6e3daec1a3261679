/**
 * Citations: one PubMed and one Crossref client per process (NCBI's rate
 * limit), the formatted-citation store, retraction watch and the
 * new-research inbox, the reader downloads and the editor pages.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { Domain, DomainKernel } from '../domain.js';
import { createEditingService } from '../editing/service/index.js';
import { citationAccess } from './authz.js';
import { citationRoutes } from './citation-routes.js';
import { citationDashboardPanel } from './dashboard.js';
import { EXPORT_FORMATS, exportRoutes, topicReferencesPath } from './export-routes.js';
import { inboxRoutes } from './inbox-routes.js';
import { type CitationRendering, type PageCitations, createCitationRendering } from './rendering.js';
import { researchInboxJob } from './research-inbox-job.js';
import { retractionWatchJob } from './retraction-watch.js';
import { type CitationHttpOptions, type CitationServices, createCitationServices } from './services.js';

export interface CitationDomain extends Domain {
  services: CitationServices;
  rendering: CitationRendering;
  /** For directory and preview: formats in the site's style, with warnings on flagged citations. */
  citationsForPages(): Promise<PageCitations>;
}

/** `http`: tests inject fetch (and a fast sleep); the running app uses the network. */
export function createCitationDomain(kernel: DomainKernel, http: CitationHttpOptions = {}): CitationDomain {
  const { db, pages, config } = kernel;
  const services = createCitationServices(config, db, http);
  const rendering = createCitationRendering(db);
  // The inbox's "make a draft digest" saves a revision like the editor does (the service holds no state).
  const editing = createEditingService({ db, store: kernel.store, contentChanged: kernel.contentChanged, clock: kernel.clock });
  const siteStyle = async () => (await pages.siteContext()).settings.citationStyle;

  const routes = new Hono<AppEnv>();
  const common = { db, pages, services, rendering, jobs: kernel.jobs, trustProxy: config.trustProxy };
  routes.route('/', citationRoutes({ ...common, contentChanged: kernel.contentChanged }));
  routes.route('/', inboxRoutes({ ...common, editing }));
  routes.route('/', exportRoutes({ queries: kernel.queries, pages }));

  return {
    name: 'citations',
    services,
    rendering,
    citationsForPages: async () => rendering.forPages(await siteStyle()),
    routes,
    access: citationAccess,
    jobs: [
      retractionWatchJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing, onChange: kernel.contentChanged }),
      researchInboxJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing }),
    ],
    dashboardPanels: [citationDashboardPanel(db, config.staleEvidenceYears)],
    // The bibliography and each topic's references, in every download format.
    publishedFiles: async () => {
      const slugs = (await kernel.queries.pageDates()).map((d) => d.slug);
      return EXPORT_FORMATS.flatMap((f) => [`/bibliography.${f.extension}`, ...slugs.map((slug) => topicReferencesPath(slug, f.extension))]);
    },
    // Citeproc is slow: stored formats go into memory now, so no reader waits for it. Before the first import there are no settings yet: the default style then.
    start: async () => {
      await rendering.warm(await siteStyle().catch(() => 'vancouver' as const));
    },
  };
}
