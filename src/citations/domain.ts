/**
 * Citations: one PubMed and one Crossref client per process (NCBI's rate
 * limit), the formatted-citation store, retraction watch and the
 * new-research inbox, the reader downloads and the editor pages.
 */
import { Hono } from 'hono';
import { citationsText } from './messages/index.js';
import type { AppEnv } from '../accounts/context.js';
import { type Domain, type DomainKernel, adminLink } from '../domain.js';
import { can } from '../accounts/permissions.js';
import { createEditingService } from '../editing/service/index.js';
import { citationAccess } from './authz.js';
import { citationRoutes } from './citation-routes.js';
import { citationDashboardPanel } from './dashboard.js';
import { EXPORT_FORMATS, exportRoutes, topicReferencesPath } from './export-routes.js';
import { inboxRoutes } from './inbox-routes.js';
import { CITATION_STYLES, type CitationRendering, type PageCitations, createCitationRendering } from './rendering.js';
import { defineJob } from '../jobs/registry.js';
import { z } from 'zod';
import { researchInboxJob } from './research-inbox-job.js';
import { retractionWatchJob } from './retraction-watch.js';
import { type CitationHttpOptions, type CitationServices, createCitationServices } from './services.js';

export interface CitationDomain extends Domain {
  services: CitationServices;
  rendering: CitationRendering;
  /** For directory and preview: formats in the site's style, with warnings on flagged citations. */
  citationsForPages(): Promise<PageCitations>;
}

/** Formats and stores citations that have no stored formatting in the site's style, and prunes stale ones. */
export const FORMAT_MISSING_JOB = 'citations.format-missing';

/** `http`: tests inject fetch (and a fast sleep); the running app uses the network. */
export function createCitationDomain(kernel: DomainKernel, http: CitationHttpOptions = {}): CitationDomain {
  const { db, pages, config } = kernel;
  const services = createCitationServices(config, db, http);
  const rendering = createCitationRendering(db);
  // The inbox's "make a draft digest" saves a revision like the editor does (the service holds no state).
  const editing = createEditingService({ db, store: kernel.store, contentChanged: kernel.contentChanged, clock: kernel.clock });
  const siteStyle = async () => (await pages.siteContext()).settings.citationStyle;

  const formatMissingJob = defineJob({
    name: FORMAT_MISSING_JOB,
    payload: z.object({ style: z.enum(CITATION_STYLES) }),
    leaseMs: 10 * 60_000,
    run: ({ style }) => rendering.warm(style),
  });

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
      formatMissingJob,
      retractionWatchJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing, onChange: kernel.contentChanged }),
      researchInboxJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing }),
    ],
    dashboardPanels: [citationDashboardPanel(db, config.staleEvidenceYears)],
    dashboardLinks: [
      adminLink(citationsText, { href: '/edit/citations', label: 'toolSources', description: 'toolSourcesDescription', visibleTo: (u) => can(u, 'citation.import') }),
      adminLink(citationsText, { href: '/edit/inbox', label: 'toolInbox', description: 'toolInboxDescription', visibleTo: (u) => can(u, 'inbox.manage') }),
    ],
    // The bibliography and each topic's references, in every download format.
    publishedFiles: async () => {
      const slugs = (await kernel.queries.pageDates()).map((d) => d.slug);
      return EXPORT_FORMATS.flatMap((f) => [`/bibliography.${f.extension}`, ...slugs.map((slug) => topicReferencesPath(slug, f.extension))]);
    },
    // Citeproc is slow: stored formats go into memory now (as many as memory keeps, so start does not grow with the
    // directory), and a job formats whatever has no stored formatting yet. Before the first import there are no settings yet: the default style then.
    start: async () => {
      const style = await siteStyle().catch(() => 'vancouver' as const);
      await rendering.load(style);
      await kernel.jobs.enqueue(FORMAT_MISSING_JOB, { style }, { key: FORMAT_MISSING_JOB });
    },
  };
}
