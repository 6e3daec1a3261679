import { Hono } from 'hono';
import { type ServerType, serve as serveNode } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { type Domain, type DomainKernel, contributionsOf, fanOutIndexer } from './domain.js';
import { createAccountsDomain } from './accounts/domain.js';
import { createCitationDomain } from './citations/domain.js';
import { createCommunityDomain } from './community/domain.js';
import { createDirectoryDomain } from './directory/domain.js';
import { createTranslationsDomain } from './translations/domain.js';
import { createEditingDomain } from './editing/domain.js';
import { createFeedbackDomain } from './feedback/domain.js';
import { createGlossaryDomain } from './glossary/domain.js';
import { createNewsDomain } from './news/domain.js';
import { type MailOptions, createMailDomain, mailFromOf } from './mail/domain.js';
import { createOutbox, domainOf } from './mail/outbox.js';
import { createSearchDomain } from './search/domain.js';
import { wordsFromAddress } from './site/not-found.js';
import { createSiteDomain } from './site/domain.js';
import { createStoriesDomain } from './stories/domain.js';
import type { AppEnv } from './accounts/context.js';
import { SESSION_COOKIE } from './accounts/cookies.js';
import type { FetchLike } from './citations/http.js';
import type { CitationHttpOptions } from './citations/services.js';
import { createMarkdownRenderer } from './content/markdown.js';
import { languageFromAddress, pathWithoutLanguage } from './i18n/address.js';
import { createI18n } from './i18n/localizer.js';
import { importContent } from './content/import.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { isDatabaseUnavailable } from './db/connection-errors.js';
import { withDatabaseLock } from './db/startup-lock.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { type DirectoryQueries, createDirectoryQueries } from './directory/queries.js';
import { type DirectoryStore, createDirectoryStore } from './directory/store.js';
import { type JobSystem, createJobSystem } from './jobs/system.js';
import type { Search } from './search/search.js';
import { BadRequestPage, NotFoundPage } from './site/views/site-pages.js';
import { loadAssets } from './web/assets.js';
import { databaseUnavailableResponse } from './web/database-unavailable.js';
import { fastLaneServerFactory } from './web/fast-lane.js';
import { requestGuards } from './web/guards.js';
import { createPageRenderer, langOf } from './web/page-renderer.js';
import { webText } from './web/messages/index.js';
import { type RateLimitOptions, createRateLimits } from './web/rate-limits.js';
import { RenderCache } from './web/render-cache.js';
import { createApiDomain } from './api/domain.js';
import { type PublishingDomain, createPublishingDomain } from './publishing/domain.js';
import { cdnPurgeJob, readerCachePolicy } from './web/cdn.js';
import { sendPrepared } from './web/respond.js';
import { listenerSecurity, securityHeaders } from './web/security-headers.js';
import { ContentVersionWatcher } from './web/version-watcher.js';
/** The running application: everything wired once, here and nowhere else. */
export interface Atoz {
  config: Config;
  database: DatabaseHandle;
  app: Hono<AppEnv>;
  /** Every domain, in mount order (src/domain.ts). */
  domains: readonly Domain[];
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
  /** Other numbers for some request limits (tests). */
  rateLimits?: RateLimitOptions['limits'];
  /** Mail delivery: retry timing, SMTP timeouts, where its log lines go (tests). */
  mail?: MailOptions;
}


/** The composition root: config → database → kernel → domains (in mount order) → routes. */
export async function createAtoz(config: Config, options: CreateOptions = {}): Promise<Atoz> {
  const database = options.database ?? openDatabase(config);
  const { db } = database;
  // A fleet often starts before its database: wait with backoff instead of crashing.
  await waitForDatabase(database, { totalMs: config.dbStartupWaitMs });
  await migrateToLatest(db);

  // Every domain's declarations, read at request (or save) time once the list below is complete.
  let domains: readonly Domain[] = [];
  const store = createDirectoryStore(db, [fanOutIndexer(() => domains)]);
  const queries = createDirectoryQueries(db);
  const jobs = createJobSystem(db, { pollMs: config.workerPollMs });
  const cache = new RenderCache();
  const watcher = new ContentVersionWatcher(() => queries.contentVersion(), cache);
  await watcher.refresh();
  watcher.start();
  // Set once the domains exist (below); content changes before that have nothing to publish to.
  let publishing: PublishingDomain | undefined;
  const purge = cdnPurgeJob(config);
  jobs.register(purge);
  const contentChanged = async (): Promise<void> => {
    const version = await watcher.refresh();
    await publishing?.queuePublish().catch((error: Error) => console.error(`atoz: could not queue the static copy's update: ${error.message}`));
    // One purge job, re-armed by each change: a burst of saves makes one call to the CDN.
    if (config.cdnPurgeUrl) {
      await jobs.queue.enqueue(purge.name, { version }, { key: purge.name }).catch((error: Error) => console.error(`atoz: could not queue the CDN purge: ${error.message}`));
    }
  };
  const cachePolicy = readerCachePolicy(config);
  const assets = loadAssets();
  const baseUrl = (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`).replace(/\/$/, '');
  const i18n = createI18n();
  const pages = createPageRenderer({ db, cache, assets, baseUrl, i18n, cachePolicy, searchExample: () => queries.searchExample() });
  const rateLimits = createRateLimits(db, { limits: options.rateLimits });
  jobs.register(rateLimits.pruneJob);
  // Queuing wakes mail.deliver, which the mail domain registers only when SMTP is configured.
  const mail = createOutbox({ db, jobs: jobs.queue, delivering: Boolean(config.smtpUrl), messageIdDomain: domainOf(mailFromOf({ config })) });
  const kernel: DomainKernel = {
    config, database, db, queries, store, pages, assets,
    markdown: createMarkdownRenderer(),
    jobs: jobs.queue,
    mail,
    rateLimits,
    clock: () => new Date(),
    contentChanged,
    contributions: contributionsOf(() => domains),
  };

  const accounts = await createAccountsDomain(kernel);
  const search = createSearchDomain(kernel);
  const citations = createCitationDomain(kernel, { ...options.citationHttp, fetch: options.fetch });
  const feedback = createFeedbackDomain(kernel);
  const translations = createTranslationsDomain(kernel, { citations: citations.citationsForPages });
  const glossary = createGlossaryDomain(kernel, { reviewsLanguage: (userId, lang) => translations.reviewsLanguage(userId, lang) });
  const editing = createEditingDomain(kernel, {
    citations: citations.citationsForPages,
    openReports: (ids) => feedback.store.openReportCounts(ids),
    glossaryGaps: (text) => glossary.gapsIn(text),
  });
  const news = createNewsDomain(kernel, { citations: citations.citationsForPages });
  const stories = await createStoriesDomain(kernel);
  // Mount order. The one order that matters: citations (/edit/citations…, /edit/inbox…), news (/edit/news…) feedback (/edit/feedback…) and glossary (/edit/glossary…) before editing's /edit/:slug.
  domains = [
    accounts,
    citations,
    news,
    await createCommunityDomain(kernel, { accounts: accounts.accounts, queueSources: [stories.moderationQueue] }),
    stories,
    feedback,
    glossary,
    editing,
    createSiteDomain(kernel),
    await createMailDomain(kernel, options.mail),
    // Before search: its indexer marks outdated translated sections first, so search indexes them as readers will see them.
    translations,
    search,
    createApiDomain(kernel, { search: search.search, baseUrl }),
    (publishing = createPublishingDomain(kernel, { request: (path) => Promise.resolve(app.request(path)) })),
    createDirectoryDomain(kernel, {
      citations: citations.citationsForPages,
      editorToolbar: editing.toolbar,
      topicNews: news.topicNews,
      topicStories: stories.topicStories,
      translation: translations.topicTranslation,
      pageLanguages: translations.pageLanguages,
      glossary: (site, lang) => glossary.marker(site, lang),
      listedIn: translations.listedIn,
    }),
  ];

  if (options.importIfEmpty !== false) {
    // Under a lock, so servers starting together import the demo once, not concurrently.
    await withDatabaseLock(database, 'atoz.first-start-import', async () => {
      if ((await queries.pageCount()) === 0) await importContent(db, store, config.contentDir);
    });
  }
  // Jobs first: a domain's start may queue one of its own.
  for (const domain of domains) for (const job of domain.jobs ?? []) jobs.register(job);
  for (const domain of domains) await domain.start?.();
  // The import and start hooks may have moved the content version since the first read: pages rendered before the
  // next poll would be cached for an old version and dropped (or, on another server, served stale) a moment later.
  await watcher.refresh();

  // The language prefix (/es/…) is not part of any route: see src/i18n/address.ts.
  const app = new Hono<AppEnv>({ getPath: pathWithoutLanguage });
  app.use(languageFromAddress());
  // Before the guards, so their 400/405/414 answers carry the headers too.
  app.use(securityHeaders(config));
  app.use(
    requestGuards(async (c, status, problem) => {
      const site = await pages.siteContext(c);
      return pages.fresh(c, <BadRequestPage site={site} problem={problem} />, status);
    }),
  );
  // Static files need no session: before every domain's middleware.
  app.get('/assets/:file', (c) => {
    const body = assets.get(c.req.param('file'));
    return body ? sendPrepared(c, body, 200, 'public, max-age=31536000, immutable') : c.notFound();
  });
  // Browsers that ignore <link rel="icon"> ask for this address.
  app.get('/favicon.ico', (c) => c.redirect(assets.url('favicon.svg'), 301));
  for (const domain of domains) for (const middleware of domain.middleware ?? []) app.use(middleware);
  for (const domain of domains) if (domain.routes) app.route('/', domain.routes);

  app.notFound(async (c) => {
    const site = await pages.siteContext(c);
    // The address in words fills the page's search box, and search may know the page meant.
    const words = wordsFromAddress(c.req.path);
    const suggestion = words ? (await search.search.suggest(words, 1, site.lang).catch(() => []))[0] : undefined;
    return pages.fresh(c, <NotFoundPage site={site} words={words} suggestion={suggestion && { title: suggestion.label, href: suggestion.url, lang: suggestion.lang }} />, 404);
  });
  app.onError(async (error, c) => {
    if (isDatabaseUnavailable(error)) {
      // Temporary: say so with 503 + Retry-After; pg.Pool reconnects by itself once the database is back.
      console.error(`${c.req.method} ${c.req.path}: database unavailable (${error.message})`);
      // An editor's save may have been stored or not: they get their text back, to send again safely.
      const forEditor = await editing.unconfirmedSaveAnswer(c).catch(() => null);
      return forEditor ?? databaseUnavailableResponse(c.req.header('accept'), assets.url('site.css'), i18n.forLang(langOf(c)));
    }
    console.error(`${c.req.method} ${c.req.path}:`, error);
    // Plain text: whatever failed may be what a page needs (settings, the renderer); the words need nothing.
    return new Response(i18n.forLang(langOf(c)).text(webText)('serverError'), {
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
          createServer: fastLaneServerFactory(cache, { ...listenerSecurity(config), sessionCookie: SESSION_COOKIE, cacheControl: cachePolicy.shared }),
        },
        onListening,
      ),
    domains,
    queries,
    store,
    search: search.search,
    cache,
    jobs,
    contentChanged,
    close: async () => {
      await jobs.worker.stop();
      for (const domain of [...domains].reverse()) await domain.stop?.();
      watcher.stop();
      // Whoever opened the database closes it: a database handed in stays open.
      if (!options.database) await database.close();
    },
  };
}
