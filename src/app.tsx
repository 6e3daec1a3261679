import { Hono } from 'hono';
import type { Config } from './config.js';
import { createCitationFormatter } from './citations/format.js';
import { createMarkdownRenderer } from './content/markdown.js';
import { importContent } from './content/import.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { CitationHtml } from './directory/presenter.js';
import { type DirectoryQueries, createDirectoryQueries } from './directory/queries.js';
import { directoryRoutes } from './directory/routes.js';
import { type DirectoryStore, type PageIndexer, createDirectoryStore } from './directory/store.js';
import { siteRoutes } from './site/routes.js';
import { BadRequestPage, NotFoundPage } from './site/views/site-pages.js';
import { loadAssets } from './web/assets.js';
import { requestGuards } from './web/guards.js';
import { createPageRenderer } from './web/page-renderer.js';
import { RenderCache } from './web/render-cache.js';
import { sendPrepared } from './web/respond.js';
import { ContentVersionWatcher } from './web/version-watcher.js';

/** The running application: everything wired once, here and nowhere else. */
export interface Atoz {
  config: Config;
  database: DatabaseHandle;
  app: Hono;
  queries: DirectoryQueries;
  store: DirectoryStore;
  cache: RenderCache;
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

/** The composition root: config → database → domains → routes. */
export async function createAtoz(config: Config, options: CreateOptions = {}): Promise<Atoz> {
  const database = options.database ?? openDatabase(config);
  const { db } = database;
  await migrateToLatest(db);

  const indexers: PageIndexer[] = [];
  const store = createDirectoryStore(db, indexers);
  const queries = createDirectoryQueries(db);

  if (options.importIfEmpty !== false && (await queries.pageCount()) === 0) {
    await importContent(db, store, config.contentDir);
  }

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

  const app = new Hono();
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
  });
  app.get('/assets/:file', (c) => {
    const body = assets.get(c.req.param('file'));
    return body ? sendPrepared(c, body, 200, 'public, max-age=31536000, immutable') : c.notFound();
  });
  app.route('/', siteRoutes({ queries, pages, markdown }));
  app.route('/', directoryRoutes({ queries, pages, markdown, citations }));

  app.notFound(async (c) => {
    const site = await pages.siteContext();
    return pages.fresh(c, <NotFoundPage site={site} />, 404);
  });
  app.onError(async (error, c) => {
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return new Response('Something went wrong on our side. Please try again in a moment.', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  });

  return {
    config,
    database,
    app,
    queries,
    store,
    cache,
    contentChanged: async () => {
      await watcher.refresh();
    },
    close: async () => {
      watcher.stop();
      // Whoever opened the database closes it: a database handed in stays open.
      if (!options.database) await database.close();
    },
  };
}
