/**
 * The one contract every domain implements, and the kernel every domain is
 * built from. A domain is one folder (src/<name>/) whose `createXDomain(kernel,
 * needs)` returns a `Domain`; src/app.tsx lists the domains in mount order
 * and wires what they declare. See docs/architecture.md ("Adding a domain").
 */
import type { Hono, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { AccessRule } from './accounts/access.js';
import type { AppEnv, CurrentUser } from './accounts/context.js';
import type { Config } from './config.js';
import type { Catalogue } from './i18n/catalogue.js';
import type { Lang } from './i18n/languages.js';
import type { Localizer } from './i18n/localizer.js';
import type { MarkdownRenderer } from './content/markdown.js';
import type { DatabaseHandle, Db, Tx } from './db/database.js';
import type { DirectoryQueries } from './directory/queries.js';
import type { DirectoryStore, PageIndexer } from './directory/store.js';
import type { JobQueue } from './jobs/queue.js';
import type { ChangeSource } from './mail/following/changes.js';
import type { MailOutbox } from './mail/outbox.js';
import type { JobDefinition } from './jobs/registry.js';
import type { AssetBundle } from './web/assets.js';
import type { PageRenderer } from './web/page-renderer.js';
import type { SiteContext } from './web/site-context.js';
import type { RateLimits } from './web/rate-limits.js';

/** What a domain declares; everything but `name` is optional, and the composition root does the wiring. */
export interface Domain {
  /** The folder name: "citations". */
  readonly name: string;
  /** Runs before every domain's routes, in list order (accounts: who is signed in, CSRF). */
  readonly middleware?: readonly MiddlewareHandler<AppEnv>[];
  /** Its HTTP routes; mounted in the order of the domain list in src/app.tsx. */
  readonly routes?: Hono<AppEnv>;
  /** Who may use each guarded route: the authorization matrix test sends every rule as every role. */
  readonly access?: readonly AccessRule[];
  /** Background jobs it runs (registered before the worker starts). */
  readonly jobs?: readonly JobDefinition<any>[];
  /** Derived indexes kept in step with page saves, inside the saving transaction. */
  readonly indexers?: readonly PageIndexer[];
  /** What changed that followers hear about in their e-mail digests (news items, …); the directory's own changes are built in. */
  readonly changeSources?: readonly ChangeSource[];
  /** Sections of the editors' dashboard, in this order after the editing domain's own. */
  readonly dashboardPanels?: readonly DashboardPanel[];
  /** Entries of the administration area (/admin), for people allowed to use them. */
  readonly adminLinks?: readonly AdminLink[];
  /** The editors' tools this domain offers (sources, inbox, news), listed at the top of the dashboard; same shape as admin links. */
  readonly dashboardLinks?: readonly AdminLink[];
  /** What it keeps about one person: a section of a member's data download, erased when they delete their account. */
  readonly personalData?: PersonalData;
  /** Its results in the site search, below the directory's (forum posts). */
  readonly searchSources?: readonly SearchSource[];
  /** Public addresses for sitemap.xml. */
  sitemap?(): Promise<SitemapEntry[]>;
  /** Public addresses a static copy includes besides its sitemap pages (downloads, feeds): src/publishing. */
  publishedFiles?(): Promise<string[]>;
  /** Work before the first request (warm caches); awaited in list order. */
  start?(): Promise<void>;
  /** Release what `start` took; called in reverse order on close. */
  stop?(): Promise<void>;
}

export interface DashboardPanel {
  /** Loads and renders this domain's sections of the dashboard for one person (none when it has nothing for them). */
  render(viewer: { user: CurrentUser; today: string; /** The dashboard's language, for titles and bodies. */ i18n: Localizer }): Promise<DashboardSection[]>;
}

export interface DashboardSection {
  /** Fragment id, for the dashboard's table of contents. */
  id: string;
  title: string;
  /** Shown beside the title in the table of contents. */
  count?: number;
  body: Child;
}

export interface AdminLink {
  /** Site path (the admin area adds the reader's language). */
  href: string;
  /** The declaring domain's messages: `label` and `description` are keys in it, so the admin area speaks the reader's language. */
  catalogue: Catalogue;
  label: string;
  description: string;
  /** Shown only to people who may open it. */
  visibleTo(user: CurrentUser): boolean;
}

/** An admin link whose label and description are checked to be keys of its catalogue. */
export function adminLink<K extends string>(catalogue: Catalogue<K>, link: { href: string; label: NoInfer<K>; description: NoInfer<K>; visibleTo(user: CurrentUser): boolean }): AdminLink {
  return { ...link, catalogue };
}

/** The person a data download or an account deletion is for. */
export interface DataSubject {
  userId: number;
  /** Their account's address; records kept by address (e-mail updates, stories sent before signing up) match it in any letter case. */
  email: string;
}

/**
 * One domain's part of a person's data (in the spirit of WordPress's personal
 * data exporters and erasers): what the download shows, and what deleting the
 * account does to it. The member's choice for what they wrote applies to every part.
 */
export interface PersonalData {
  /** Its key in the downloaded JSON: "stories". */
  readonly section: string;
  /** JSON-ready; an empty list when it holds nothing about them. */
  export(subject: DataSubject): Promise<unknown>;
  /**
   * Inside the deletion's transaction, before the account row goes. `published`: "keep" leaves what they
   * published for readers without a link to the account; "remove" takes it down. True when reader pages changed.
   */
  erase(tx: Tx, subject: DataSubject, published: 'keep' | 'remove'): Promise<boolean>;
}

/** A domain's section of the site search's results, for one query and one person. */
export interface SearchSource {
  /** The best few matches the person may see and a link to all of them; null when there are none. */
  render(request: { text: string; user: CurrentUser | null; site: SiteContext }): Promise<Child | null>;
}

export interface SitemapEntry {
  /** Site path: "/directory/causes-silica". */
  path: string;
  /** Languages the content exists in (each gets its own URL and hreflang alternates); default every interface language. */
  languages?: readonly Lang[];
  /** ISO date of the last change, when known. */
  lastModified?: string;
}

/**
 * What every domain is built from: operator settings, the database, the
 * directory's read and write sides (the core every domain builds on), the
 * page renderer and the job queue. Built once by src/app.tsx.
 */
export interface DomainKernel {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  /** The directory's read side (tree, pages) and write side (savePage in one transaction). */
  queries: DirectoryQueries;
  store: DirectoryStore;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  assets: AssetBundle;
  /** Queue one-off background work; handlers are declared in `Domain.jobs`. */
  jobs: JobQueue;
  /**
   * The one way to send e-mail: `mail.enqueue(tx, message)` inside the transaction of the change
   * that causes it, so both commit together; src/mail delivers it (or keeps it, without SMTP).
   */
  mail: MailOutbox;
  /** Every request limit, shared by all servers (src/web/rate-limits.ts); routes get theirs from here. */
  rateLimits: RateLimits;
  clock: () => Date;
  /** Call after a write so this server's pages change at once (others notice within a second). */
  contentChanged(): Promise<void>;
  /** What all domains declared, for the few views that gather it (dashboard, admin area, sitemap). Read at request time. */
  contributions: DomainContributions;
}

export interface DomainContributions {
  dashboardPanels(): readonly DashboardPanel[];
  /** Every domain's access rules (the CSRF check reads which routes are authorised by a signed link instead). */
  access(): readonly AccessRule[];
  /** What changed, for e-mail digests (src/mail/following/changes.ts). */
  changeSources(): readonly ChangeSource[];
  adminLinks(): readonly AdminLink[];
  dashboardLinks(): readonly AdminLink[];
  sitemap(): Promise<SitemapEntry[]>;
  publishedFiles(): Promise<string[]>;
  /** Every domain's part of a person's data, in domain order. */
  personalData(): readonly PersonalData[];
  /** Every domain's results beside the directory's in site search, in domain order. */
  searchSources(): readonly SearchSource[];
}

/** Gathers the declarations of a list of domains (filled once the composition root has built them all). */
export function contributionsOf(domains: () => readonly Domain[]): DomainContributions {
  return {
    dashboardPanels: () => domains().flatMap((d) => d.dashboardPanels ?? []),
    access: () => domains().flatMap((d) => d.access ?? []),
    changeSources: () => domains().flatMap((d) => d.changeSources ?? []),
    adminLinks: () => domains().flatMap((d) => d.adminLinks ?? []),
    dashboardLinks: () => domains().flatMap((d) => d.dashboardLinks ?? []),
    sitemap: async () => (await Promise.all(domains().map((d) => d.sitemap?.() ?? []))).flat(),
    publishedFiles: async () => (await Promise.all(domains().map((d) => d.publishedFiles?.() ?? []))).flat(),
    personalData: () => domains().flatMap((d) => (d.personalData ? [d.personalData] : [])),
    searchSources: () => domains().flatMap((d) => d.searchSources ?? []),
  };
}

/** One indexer that forwards to every domain's indexers, resolved at save time. */
export function fanOutIndexer(domains: () => readonly Domain[]): PageIndexer {
  const all = () => domains().flatMap((d) => d.indexers ?? []);
  return {
    pageChanged: async (tx, pageId, change) => {
      for (const indexer of all()) await indexer.pageChanged(tx, pageId, change);
    },
    pageRemoved: async (tx, pageId) => {
      for (const indexer of all()) await indexer.pageRemoved(tx, pageId);
    },
  };
}
