/**
 * Publishing: the static copy of the public site (src/publishing/publish.ts).
 * `npm run atoz -- publish <folder>` writes it once; with ATOZ_PUBLISH_DIR set,
 * every content change queues a re-publish into that folder, which rewrites
 * only the files whose bytes changed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Domain, DomainKernel } from '../domain.js';
import type { Lang } from '../i18n/languages.js';
import { defineJob } from '../jobs/registry.js';
import { createSynonymStore } from '../search/synonym-store.js';
import { type PublishDeps, type PublishOptions, type PublishReport, type SiteSnapshot, publishChanges, publishSite } from './publish.js';
import { type ExportResult, exportOpenData } from './open-data.js';
import { type OfflinePack, offlinePack } from './offline-pack.js';
import { renderStaticSearchPage } from './views/static-search-page.js';

export const PUBLISH_JOB = 'publishing.publish';
export const RECONCILE_JOB = 'publishing.reconcile';
const RECONCILE_AFTER_MS = 10 * 60_000;

export interface PublishingDomain extends Domain {
  name: 'publishing';
  /** Writes (or brings up to date) a static copy in `folder`: every address rendered. */
  publish(folder: string, options?: PublishOptions): Promise<PublishReport>;
  /** Publishes into `folder` only what changed since its last publish (everything when that cannot be told). */
  publishChanges(folder: string, options?: PublishOptions): Promise<PublishReport>;
  /** Writes an open-data release into `folder` (src/publishing/open-data.ts). */
  exportData(folder: string): Promise<ExportResult>;
  /** One ZIP of a topic and the pages under it in one language, links relative, with the static search (src/publishing/offline-pack.ts). */
  offlinePack(topic: string, lang: Lang): Promise<OfflinePack>;
  /** Queue a re-publish (called after content changes; bursts become one run). */
  queuePublish(): Promise<void>;
}

export function createPublishingDomain(kernel: DomainKernel, deps: Pick<PublishDeps, 'request'>): PublishingDomain {
  const folder = kernel.config.publishDir;
  const synonyms = createSynonymStore(kernel.db);
  const publishDeps: PublishDeps = {
    request: deps.request,
    contributions: kernel.contributions,
    assets: kernel.assets,
    staticSearchPage: async (lang) => renderStaticSearchPage(await kernel.pages.siteContext(lang), kernel.assets.url('static-search.js')),
    synonymGroups: async () => (await synonyms.list()).map((g) => g.terms),
    snapshot: () => siteSnapshot(kernel, publishDeps),
  };
  const job = defineJob({
    name: PUBLISH_JOB,
    payload: z.object({ requestedAt: z.string() }),
    // A large site takes a while to render: keep the lease while it runs.
    leaseMs: 10 * 60_000,
    async run({ requestedAt }) {
      if (!folder) return { skipped: 'ATOZ_PUBLISH_DIR is not set' };
      const report = await publishChanges(publishDeps, folder);
      // From the save to the changed pages on disk (the search index follows them).
      const pagesOnDiskSinceChangeMs = Math.round(Date.now() - Date.parse(requestedAt) - (report.ms - report.pagesOnDiskMs));
      if (report.mode === 'changes') await kernel.jobs.enqueue(RECONCILE_JOB, {}, { key: RECONCILE_JOB, runAt: new Date(Date.now() + RECONCILE_AFTER_MS) });
      return {
        folder,
        mode: report.mode,
        changedPages: report.changedPages.slice(0, 20),
        files: report.files,
        written: report.written,
        removed: report.removed,
        ms: Math.round(report.ms),
        pagesOnDiskSinceChangeMs,
        sinceChangeMs: Date.now() - Date.parse(requestedAt),
      };
    },
  });
  // The dependency rules cover what editors change; a full publish a while after a burst of changes catches anything they miss.
  const reconcile = defineJob({
    name: RECONCILE_JOB,
    payload: z.object({}),
    leaseMs: 10 * 60_000,
    async run() {
      if (!folder) return { skipped: 'ATOZ_PUBLISH_DIR is not set' };
      const report = await publishSite(publishDeps, folder);
      return { folder, files: report.files, written: report.written, removed: report.removed, ms: Math.round(report.ms) };
    },
  });
  return {
    name: 'publishing',
    jobs: [job, reconcile],
    publish: (target, options) => publishSite(publishDeps, target, options),
    publishChanges: (target, options) => publishChanges(publishDeps, target, options),
    async offlinePack(topic, lang) {
      const site = await kernel.pages.siteContext();
      return offlinePack({ ...publishDeps, tree: () => kernel.queries.tree(), baseUrl: site.baseUrl }, topic, lang);
    },
    async exportData(target) {
      const site = await kernel.pages.siteContext();
      return exportOpenData({ queries: kernel.queries, settings: site.settings, baseUrl: site.baseUrl }, target);
    },
    async queuePublish() {
      if (!folder) return;
      await kernel.jobs.enqueue(PUBLISH_JOB, { requestedAt: new Date().toISOString() }, { key: PUBLISH_JOB });
    },
    // A server started with a folder makes sure the copy is current.
    start: async () => {
      if (folder && kernel.config.worker) await kernel.jobs.enqueue(PUBLISH_JOB, { requestedAt: new Date().toISOString() }, { key: PUBLISH_JOB });
    },
  };
}

/** The pages as the reader views depend on them, and a fingerprint of everything else the copy shows. */
async function siteSnapshot(kernel: DomainKernel, deps: PublishDeps): Promise<SiteSnapshot> {
  const db = kernel.db;
  const [rows, links, tree, site, sitemap, files, synonymGroups, others, translated] = await Promise.all([
    db.selectFrom('pages as p').leftJoin('pages as parent', 'parent.id', 'p.parent_id').select(['p.slug', 'p.changed_at', 'parent.slug as parent']).where('p.deleted_at', 'is', null).execute(),
    db.selectFrom('links as l').innerJoin('pages as p', 'p.id', 'l.from_page_id').select(['p.slug', 'l.target_slug']).where('p.deleted_at', 'is', null).orderBy('l.id').execute(),
    kernel.queries.tree(),
    kernel.pages.siteContext(),
    kernel.contributions.sitemap(),
    kernel.contributions.publishedFiles(),
    deps.synonymGroups(),
    // What pages show that is not the page's own row: citations and their flags, authors, news.
    Promise.all([
      db.selectFrom('citations').select([sql<number>`count(*)`.as('n'), sql<string>`max(changed_at)`.as('at')]).executeTakeFirst(),
      db.selectFrom('citation_flags').select([sql<number>`count(*)`.as('n'), sql<string>`max(coalesce(resolved_at, detected_at))`.as('at')]).executeTakeFirst(),
      db.selectFrom('authors').select([sql<number>`count(*)`.as('n'), sql<string>`max(name || role || disclosure)`.as('at')]).executeTakeFirst(),
      db.selectFrom('news_items').select([sql<number>`count(*)`.as('n'), sql<string>`max(changed_at)`.as('at')]).executeTakeFirst(),
    ]),
    // A translation published again (its words, its title in lists) changes the page in that language.
    db.selectFrom('page_translations as t').innerJoin('pages as p', 'p.id', 't.page_id').select(['p.slug', 't.lang', 't.changed_at']).orderBy('p.slug').orderBy('t.lang').execute(),
  ]);
  const pages: SiteSnapshot['pages'] = {};
  const pagePath = /^\/directory\/[^/]+$/;
  for (const r of rows) pages[r.slug] = { changedAt: r.changed_at, parent: r.parent ?? null, links: [] };
  // The languages a page is published in (translations) count as a change of the page.
  for (const e of sitemap) {
    const page = pagePath.test(e.path) ? pages[e.path.slice('/directory/'.length)] : undefined;
    if (page && e.languages) page.changedAt += ` ${e.languages.join(',')}`;
  }
  for (const t of translated) if (pages[t.slug]) pages[t.slug]!.changedAt += ` ${t.lang}@${t.changed_at}`;
  for (const l of links) if (!pages[l.slug]!.links.includes(l.target_slug)) pages[l.slug]!.links.push(l.target_slug);
  const stamp = createHash('sha256')
    .update(
      JSON.stringify({
        settings: site.settings,
        // Every page's search box shows it: when it changes, every page does.
        searchExample: site.searchExample ?? null,
        assets: kernel.assets.names(),
        synonymGroups,
        // News items, site pages, lists (pages are in `pages`).
        sitemap: sitemap.filter((e) => !pagePath.test(e.path)),
        files: files.filter((f) => !/\/(directory|topics)\/[^/]+\//.test(f)),
        others: others.map((o) => [Number(o?.n ?? 0), o?.at ?? null]),
      }),
    )
    .digest('hex');
  return { pages, order: tree.order.map((n) => n.slug), stamp };
}
