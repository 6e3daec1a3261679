/**
 * The citations domain as the composition root wires it: one PubMed and one
 * Crossref client per process, the formatted-citation store, the two
 * background jobs, the reader downloads and the editor pages.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../accounts/context.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { DirectoryStore } from '../directory/store.js';
import { type EditingService, createEditingService } from '../editing/editing-service.js';
import type { JobSystem } from '../jobs/system.js';
import type { PageRenderer } from '../web/page-renderer.js';
import { citationRoutes } from './citation-routes.js';
import { exportRoutes } from './export-routes.js';
import type { WarmReport } from './format-store.js';
import { inboxRoutes } from './inbox-routes.js';
import { type CitationRendering, type PageCitations, createCitationRendering } from './rendering.js';
import { researchInboxJob } from './research-inbox-job.js';
import { retractionWatchJob } from './retraction-watch.js';
import { type CitationHttpOptions, type CitationServices, createCitationServices } from './services.js';

export interface CitationDomainDeps {
  db: Db;
  config: Pick<Config, 'ncbiTool' | 'ncbiEmail' | 'ncbiApiKey' | 'crossrefMailto' | 'trustProxy'> & Partial<Pick<Config, 'processes'>>;
  pages: PageRenderer;
  queries: DirectoryQueries;
  store: DirectoryStore;
  jobs: JobSystem;
  /** Tells this server's render cache at once after a write. */
  contentChanged(): Promise<void>;
  /** The editing engineer's service when the root has one; made here otherwise (it holds no state). */
  editing?: EditingService;
  /** Tests inject fetch (and a fast sleep); the running app uses the network. */
  http?: CitationHttpOptions;
}

export interface CitationDomain {
  services: CitationServices;
  rendering: CitationRendering;
  /** For directory routes: formats in the site's style, with warnings on flagged citations. */
  citationsForPages(): Promise<PageCitations>;
  /** Loads stored formats for the site's style and formats what is missing; call once at start. */
  warm(): Promise<WarmReport>;
  /** /directory/<slug>/references.(ris|bib|json) and /bibliography.(ris|bib|json). */
  readerRoutes(): Hono;
  /** /edit/citations…, /edit/inbox…, /edit/<slug>/research-query: mount before the editor's /edit/<slug> routes. */
  editorRoutes(): Hono<AppEnv>;
}

export function createCitationDomain(deps: CitationDomainDeps): CitationDomain {
  const { db, pages } = deps;
  const services = createCitationServices(deps.config, db, deps.http);
  const rendering = createCitationRendering(db);
  const editing = deps.editing ?? createEditingService({ db, store: deps.store, contentChanged: deps.contentChanged });
  const siteStyle = async () => (await pages.siteContext()).settings.citationStyle;

  deps.jobs.register(retractionWatchJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing, onChange: deps.contentChanged }));
  deps.jobs.register(researchInboxJob({ pubmed: services.pubmed, notConfigured: services.pubmedMissing }));

  return {
    services,
    rendering,
    citationsForPages: async () => rendering.forPages(await siteStyle()),
    // Before the first import there are no settings yet: the default style then.
    warm: async () => rendering.warm(await siteStyle().catch(() => 'vancouver' as const)),
    readerRoutes: () => exportRoutes({ queries: deps.queries, pages }),
    editorRoutes() {
      const app = new Hono<AppEnv>();
      const common = { db, pages, services, rendering, jobs: deps.jobs.queue, trustProxy: deps.config.trustProxy };
      app.route('/', citationRoutes({ ...common, contentChanged: deps.contentChanged }));
      app.route('/', inboxRoutes({ ...common, editing }));
      return app;
    },
  };
}
