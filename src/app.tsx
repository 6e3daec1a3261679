import { Hono } from 'hono';
import type { Config } from './config.js';
import { createCitationFormatter } from './citations/format.js';
import { createMarkdownRenderer } from './content/markdown.js';
import { importContent } from './content/import.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { isDatabaseUnavailable } from './db/connection-errors.js';
import { withDatabaseLock } from './db/startup-lock.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { type JobSystem, createJobSystem } from './jobs/system.js';
import type { CitationHtml } from './directory/presenter.js';
import { type DirectoryQueries, createDirectoryQueries } from './directory/queries.js';
import { directoryRoutes } from './directory/routes.js';
import { type DirectoryStore, type PageIndexer, createDirectoryStore } from './directory/store.js';
import { siteRoutes } from './site/routes.js';
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
import { ContentVersionWatcher } from './web/version-watcher.js';
import { databaseUnavailableResponse } from './web/database-unavailable.js';

/** The running application: everything wired once, here and nowhere else. */
export interface Atoz {
  config: Config;
  database: DatabaseHandle;
  app: Hono<AppEnv>;
  queries: DirectoryQueries;
  store: DirectoryStore;
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
}

const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The composition root: config → database → domains → routes. */
export async function createAtoz(config: Config, options: CreateOptions = {}): Promise<Atoz> {
  const database = options.database ?? openDatabase(config);
  const { db } = database;
  // A fleet often starts before its database: wait with backoff instead of crashing.
  await waitForDatabase(database, { totalMs: config.dbStartupWaitMs });
  await migrateToLatest(db);

  const indexers: PageIndexer[] = [];
  const store = createDirectoryStore(db, indexers);
  const queries = createDirectoryQueries(db);

  if (options.importIfEmpty !== false) {
    // Under a lock, so servers starting together import the demo once, not concurrently.
    await withDatabaseLock(database, 'atoz.first-start-import', async () => {
      if ((await queries.pageCount()) === 0) await importContent(db, store, config.contentDir);
    });
  }
  const jobs = createJobSystem(db, { pollMs: config.workerPollMs });

  const cache = new RenderCache();
  const watcher = new ContentVersionWatcher(() => queries.contentVersion(), cache);
  await watcher.refresh();
  watcher.start();

  const markdown = createMarkdownRenderer();
  const assets = loadAssets();
  const baseUrl = (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`).replace(/\/$/, '');
  const pages = createPageRenderer({ db, cache, assets, baseUrl });

  let formatter: { style: string; html: CitationHtml } | undefined;
  const citations = async (): Promise<CitationHtml> => {
    const style = (await pages.siteContext()).settings.citationStyle;
    if (formatter?.style !== style) {
      const f = createCitationFormatter(style);
      formatter = {
        style,
        html: { html: (c) => f.html({ key: c.key, csl: c.csl as never, pmid: c.pmid ?? undefined, pmcid: c.pmcid ?? undefined, doi: c.doi ?? undefined, url: c.url ?? undefined, pubTypes: c.pubTypes }) },
      };
    }
    return formatter.html;
  };

  const accounts = await createAccounts({ db, pages, trustProxy: config.trustProxy });

  const app = new Hono<AppEnv>();
  app.use(
    requestGuards(async (status, message) => {
      const site = await pages.siteContext();
      return pages.fresh({} as never, <BadRequestPage site={site} message={message} />, status);
    }),
  );
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
    c.res.headers.set('x-frame-options', 'DENY');
    // No inline script or style anywhere: an injected <script> or style attribute does nothing.
    c.res.headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
  });
  app.get('/assets/:file', (c) => {
    const body = assets.get(c.req.param('file'));
    return body ? sendPrepared(c, body, 200, 'public, max-age=31536000, immutable') : c.notFound();
  });
  // After /assets (static files need no session); before every route: who is signed in, and CSRF on every POST.
  app.use(accountsMiddleware(accounts));
  app.use(csrfProtection());
  app.route('/', accountsRoutes(accounts));
  app.route('/', siteRoutes({ queries, pages, markdown }));
  app.route('/', directoryRoutes({ queries, pages, markdown, citations }));

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
    queries,
    store,
    cache,
    jobs,
    contentChanged: async () => {
      await watcher.refresh();
    },
    close: async () => {
      await jobs.worker.stop();
      watcher.stop();
      // Whoever opened the database closes it: a database handed in stays open.
      if (!options.database) await database.close();
    },
  };
}
