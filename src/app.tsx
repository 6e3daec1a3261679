import { Hono } from 'hono';
import type { Config } from './config.js';
import { createCitationDomain } from './citations/domain.js';
import type { FetchLike } from './citations/http.js';
import type { CitationHttpOptions } from './citations/services.js';
import { createMarkdownRenderer } from './content/markdown.js';
import { importContent } from './content/import.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { isDatabaseUnavailable } from './db/connection-errors.js';
import { withDatabaseLock } from './db/startup-lock.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { type JobSystem, createJobSystem } from './jobs/system.js';
import { type DirectoryQueries, createDirectoryQueries } from './directory/queries.js';
import { directoryRoutes } from './directory/routes.js';
import { type DirectoryStore, type PageIndexer, createDirectoryStore } from './directory/store.js';
import { siteRoutes } from './site/routes.js';
import { searchRoutes } from './search/routes.js';
import { type Search, createSearch } from './search/search.js';
import { editingRoutes } from './editing/routes.js';
import type { AppEnv } from './accounts/context.js';
import { createAccounts } from './accounts/deps.js';
import { accountsMiddleware, csrfProtection } from './accounts/middleware.js';
import { accountsRoutes } from './accounts/routes.js';
import { BadRequestPage, NotFoundPage } from './site/views/site-pages.js';
import { loadAssets } from './web/assets.js';
import { requestGuards } from './web/guards.js';
import { createPageRenderer } from './web/page-renderer.js';
import { RenderCache } from './web/render-cache.js';
import { sendPrepared } from './web/respond.js';
import { fastLaneServerFactory } from './web/fast-lane.js';
import { type ServerType, serve as serveNode } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { listenerSecurity, securityHeaders } from './web/security-headers.js';
import { SESSION_COOKIE } from './accounts/cookies.js';
import { ContentVersionWatcher } from './web/version-watcher.js';
import { databaseUnavailableResponse } from './web/database-unavailable.js';

/** The running application: everything wired once, here and nowhere else. */
export interface Atoz {
  config: Config;
  database: DatabaseHandle;
  app: Hono<AppEnv>;
  /** Serves `app` over HTTP behind the fast lane for cached reader pages (src/web/fast-lane.ts); port 0 picks a free port. */
  serve(listen: { port: number; hostname: string }, onListening?: (info: AddressInfo) => void): ServerType;
  queries: DirectoryQueries;
  store: DirectoryStore;
  /** Full-text search (FTS5 or PostgreSQL); its indexer runs inside every page save. */
  search: Search;
  cache: RenderCache;
  /** Background jobs: register handlers while wiring, queue work, the in-process worker. */
  jobs: JobSystem;
  /** Call after a write so this server's pages change at once (others notice within a second). */
  contentChanged(): Promise<void>;
  close(): Promise<void>;
}

export interface CreateOptions {
  /** Import config.contentDir when the database has no pages (first start). Default true. */
  importIfEmpty?: boolean;
  /** An already open database (tests, CLI); otherwise opened from config. */
  database?: DatabaseHandle;
  /** How PubMed and Crossref are reached; default the global fetch (tests inject recorded answers, never the network). */
  fetch?: FetchLike;
  /** Timing of those requests (tests: a sleep that does not wait, short timeouts). */
  citationHttp?: Omit<CitationHttpOptions, 'fetch'>;
}


/** The composition root: config → database → domains → routes. */
export async function createAtoz(config: Config, options: CreateOptions = {}): Promise<Atoz> {
  const database = options.database ?? openDatabase(config);
  const { db } = database;
  // A fleet often starts before its database: wait with backoff instead of crashing.
  await waitForDatabase(database, { totalMs: config.dbStartupWaitMs });
  await migrateToLatest(db);

  const search = createSearch(db);
  const indexers: PageIndexer[] = [search.indexer];
  const store = createDirectoryStore(db, indexers);
  const queries = createDirectoryQueries(db);

  if (options.importIfEmpty !== false) {
    // Under a lock, so servers starting together import the demo once, not concurrently.
    await withDatabaseLock(database, 'atoz.first-start-import', async () => {
      if ((await queries.pageCount()) === 0) await importContent(db, store, config.contentDir);
    });
  }
  // A database that had pages before search existed gets its index once (locked like the import).
  await withDatabaseLock(database, 'atoz.search-index', () => search.ensureBuilt());
  const jobs = createJobSystem(db, { pollMs: config.workerPollMs });

  const cache = new RenderCache();
  const watcher = new ContentVersionWatcher(() => queries.contentVersion(), cache);
  await watcher.refresh();
  watcher.start();
  const contentChanged = async (): Promise<void> => {
    await watcher.refresh();
  };

  const markdown = createMarkdownRenderer();
  const assets = loadAssets();
  const baseUrl = (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`).replace(/\/$/, '');
  const pages = createPageRenderer({ db, cache, assets, baseUrl });

  // One PubMed and one Crossref client for the whole process (NCBI's rate limit), the citation jobs, formats kept in the database.
  const citationDomain = createCitationDomain({
    db, config, pages, queries, store, jobs,
    contentChanged,
    http: { ...options.citationHttp, fetch: options.fetch },
  });
  // Citeproc is slow: stored formats go into memory now, so no reader waits for it.
  await citationDomain.warm();
  const citations = citationDomain.citationsForPages;

  const accounts = await createAccounts({ db, pages, trustProxy: config.trustProxy });
  const editing = editingRoutes({
    db, store, queries, pages, markdown, citations, assets, trustProxy: config.trustProxy,
    staleEvidenceYears: config.staleEvidenceYears,
    contentChanged,
  });

  const app = new Hono<AppEnv>();
  app.use(securityHeaders(config));
  app.use(
    requestGuards(async (status, message) => {
      const site = await pages.siteContext();
      return pages.fresh({} as never, <BadRequestPage site={site} message={message} />, status);
    }),
  );
  app.get('/assets/:file', (c) => {
    const body = assets.get(c.req.param('file'));
    return body ? sendPrepared(c, body, 200, 'public, max-age=31536000, immutable') : c.notFound();
  });
  // After /assets (static files need no session); before every route: who is signed in, and CSRF on every POST.
  app.use(accountsMiddleware(accounts));
  app.use(csrfProtection());
  app.route('/', accountsRoutes(accounts));
  // Before the editor's /edit/<slug> routes: /edit/citations and /edit/inbox are not page addresses.
  app.route('/', citationDomain.editorRoutes());
  app.route('/', editing.app);
  app.route('/', siteRoutes({ queries, pages, markdown }));
  app.route('/', searchRoutes({ search, pages, trustProxy: config.trustProxy }));
  app.route('/', citationDomain.readerRoutes());
  app.route('/', directoryRoutes({ queries, pages, markdown, citations, editorToolbar: editing.toolbar }));

  app.notFound(async (c) => {
    const site = await pages.siteContext();
    return pages.fresh(c, <NotFoundPage site={site} />, 404);
  });
  app.onError(async (error, c) => {
    if (isDatabaseUnavailable(error)) {
      // Temporary: say so with 503 + Retry-After; pg.Pool reconnects by itself once the database is back.
      console.error(`${c.req.method} ${c.req.path}: database unavailable (${error.message})`);
      return databaseUnavailableResponse(c.req.header('accept'), assets.url('site.css'));
    }
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return new Response('Something went wrong on our side. Please try again in a moment.', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  });

  // Last, once every domain has registered its jobs.
  if (config.worker) jobs.worker.start();

  return {
    config,
    database,
    app,
    serve: (listen, onListening) =>
      serveNode(
        {
          fetch: app.fetch,
          port: listen.port,
          hostname: listen.hostname,
          createServer: fastLaneServerFactory(cache, { ...listenerSecurity(config), sessionCookie: SESSION_COOKIE }),
        },
        onListening,
      ),
    queries,
    store,
    search,
    cache,
    jobs,
    contentChanged,
    close: async () => {
      await jobs.worker.stop();
      watcher.stop();
      // Whoever opened the database closes it: a database handed in stays open.
      if (!options.database) await database.close();
    },
  };
}
