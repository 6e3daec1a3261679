import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import type { Db } from '../db/database.js';
import { createDirectoryQueries } from '../directory/queries.js';
import { createDirectoryStore } from '../directory/store.js';
import { createJobQueue } from '../jobs/queue.js';
import { JobRegistry } from '../jobs/registry.js';
import { JobWorker } from '../jobs/worker.js';
import { createEutilsClient } from './eutils.js';
import { openFlagsByCitation } from './flags.js';
import type { FetchLike } from './http.js';
import { RESEARCH_INBOX_JOB, researchInboxJob, runResearchQueries } from './research-inbox-job.js';
import { newInboxItems, researchQueryOf, saveResearchQuery } from './research-inbox.js';
import { RETRACTION_WATCH_JOB, retractionWatchJob, runRetractionWatch } from './retraction-watch.js';
import { upsertCitation } from './store.js';
import { type FixtureFetch, fixtureFetch } from './test-support/fixture-fetch.js';
import { readFixture } from './test-support/fixtures.js';
import { fixtureRecord, freshPmid } from './test-support/seed.js';

const skip = await skipWithoutDatabase();
const noWait = async () => {};

/** A PubMed client as the app builds one, talking to the recorded fixtures; a fresh cache each time. */
function pubmed(fetch: FetchLike) {
  return createEutilsClient({ fetch, tool: 'atoz-test', email: 'editors@atoz.test', sleep: noWait, timeoutMs: 500 });
}

describe.skipIf(skip)('background jobs of citations', () => {
  let database: TestDatabase;
  let db: Db;
  const version = () => createDirectoryQueries(db).contentVersion();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
  });
  afterAll(async () => {
    await database?.drop();
  });

  describe('retraction watch', () => {
    let fixtures: FixtureFetch;
    const extraPmids: string[] = [];

    beforeAll(async () => {
      fixtures = fixtureFetch();
      await db.transaction().execute(async (tx) => {
        // Imported before anything was known against them.
        await upsertCitation(tx, { ...fixtureRecord('90000003'), pubTypes: ['Journal Article', 'Randomized Controlled Trial'] });
        await upsertCitation(tx, { ...fixtureRecord('90000004'), pubTypes: ['Journal Article'] });
        await upsertCitation(tx, fixtureRecord('27933103'));
      });
      // Hundreds more cited PMIDs, so the run needs several esummary calls.
      for (let i = 0; i < 420; i++) extraPmids.push(freshPmid());
      await db
        .insertInto('citations')
        .values(extraPmids.map((pmid) => ({ key: `pmid:${pmid}`, csl: '{"type":"article-journal"}', pmid, pmcid: null, doi: null, url: null, title: `Example ${pmid}`, container: null, issued_year: 2020, pub_types: '[]', changed_at: new Date().toISOString() })))
        .execute();
    });

    it('asks about every cited PMID in batches of at most 200, refreshes publication types and flags the retracted paper', async () => {
      const v = await version();
      let changes = 0;
      const report = await runRetractionWatch(db, pubmed(fixtures.fetch), { onChange: async () => void changes++ });

      const summaries = fixtures.requests.filter((u) => u.pathname.endsWith('esummary.fcgi'));
      const asked = summaries.flatMap((u) => u.searchParams.get('id')!.split(','));
      expect(summaries.map((u) => u.searchParams.get('id')!.split(',').length)).toEqual([200, 200, 23]);
      expect(new Set(asked)).toEqual(new Set(['90000003', '90000004', '27933103', ...extraPmids]));
      expect(summaries.every((u) => u.searchParams.get('tool') === 'atoz-test' && u.searchParams.get('email') === 'editors@atoz.test')).toBe(true);

      expect(report).toMatchObject({ checked: 423, batches: 3, newFlags: 1 });
      expect(report.missing).toHaveLength(20); // the made-up PMIDs PubMed does not know (first 20 listed)
      const flagged = await db.selectFrom('citations as c').innerJoin('citation_flags as f', 'f.citation_id', 'c.id').select(['c.pmid', 'f.status']).execute();
      expect(flagged).toEqual([{ pmid: '90000004', status: 'retracted' }]);
      const retracted = await db.selectFrom('citations').select('pub_types').where('pmid', '=', '90000004').executeTakeFirstOrThrow();
      expect(JSON.parse(retracted.pub_types)).toEqual(['Journal Article', 'Retracted Publication']);
      expect(await version()).toBeGreaterThan(v);
      expect(changes).toBe(1);
    });

    it('is idempotent: a second run raises nothing new and leaves the content version alone', async () => {
      const v = await version();
      const report = await runRetractionWatch(db, pubmed(fixtures.fetch));
      expect(report).toMatchObject({ newFlags: 0, updated: 0 });
      expect(await version()).toBe(v);
      expect([...(await openFlagsByCitation(db)).values()]).toEqual([['retracted']]);
    });

    it('flags a paper retracted after it was imported, and an erratum', async () => {
      fixtures.setPubTypes('90000003', ['Journal Article', 'Randomized Controlled Trial', 'Retracted Publication']);
      fixtures.setPubTypes('27933103', ['Journal Article', 'Published Erratum']);
      const report = await runRetractionWatch(db, pubmed(fixtures.fetch));
      expect(report.newFlags).toBe(2);
      const statuses = await db.selectFrom('citations as c').innerJoin('citation_flags as f', 'f.citation_id', 'c.id').select(['c.pmid', 'f.status']).orderBy('c.pmid').execute();
      expect(statuses).toEqual([
        { pmid: '27933103', status: 'erratum' },
        { pmid: '90000003', status: 'retracted' },
        { pmid: '90000004', status: 'retracted' },
      ]);
    });

    it('runs daily through the job table; without network the job fails with a clear message and the worker carries on', async () => {
      const offline = fixtureFetch();
      offline.setOffline(true);
      const registry = new JobRegistry();
      registry.register(retractionWatchJob({ pubmed: pubmed(offline.fetch), notConfigured: 'not configured' }));
      const worker = new JobWorker(db, registry, createJobQueue(db, registry), { log: () => {} });
      const [run] = await worker.runDue();
      expect(run).toMatchObject({ name: RETRACTION_WATCH_JOB, ok: false });
      expect(run!.detail).toMatch(/Could not reach PubMed .*after 5 attempts/);
      const job = await db.selectFrom('jobs').selectAll().where('key', '=', RETRACTION_WATCH_JOB).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ interval_seconds: 86_400, attempts: 1 });
      expect(job.last_error).toMatch(/Could not reach PubMed/);
      expect(job.run_at).not.toBeNull(); // it will try again
      // Nothing was half-done: the flags are as before.
      expect((await db.selectFrom('citation_flags').select('id').execute()).length).toBe(3);
    });

    it('a successful run through the job table records its report and removes expired cached answers', async () => {
      await db.insertInto('citation_http_cache').values({ url: 'https://example.org/expired', body: '{}', expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      const registry = new JobRegistry();
      registry.register(retractionWatchJob({ pubmed: pubmed(fixtures.fetch), notConfigured: 'not configured' }));
      await db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('key', '=', RETRACTION_WATCH_JOB).execute();
      const [run] = await new JobWorker(db, registry, createJobQueue(db, registry), { log: () => {} }).runDue();
      expect(run).toMatchObject({ ok: true });
      expect(JSON.parse(run!.detail)).toMatchObject({ checked: 423, newFlags: 0, prunedCacheEntries: 1 });
      const job = await db.selectFrom('jobs').selectAll().where('key', '=', RETRACTION_WATCH_JOB).executeTakeFirstOrThrow();
      expect(job).toMatchObject({ last_error: null, attempts: 0 });
      expect(Date.parse(job.run_at!) - Date.now()).toBeGreaterThan(23 * 3600 * 1000); // tomorrow
    });

    it('does nothing, successfully, when PubMed is not configured', async () => {
      const registry = new JobRegistry();
      registry.register(retractionWatchJob({ pubmed: null, notConfigured: 'set ATOZ_NCBI_EMAIL' }));
      await db.updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('key', '=', RETRACTION_WATCH_JOB).execute();
      const [run] = await new JobWorker(db, registry, createJobQueue(db, registry), { log: () => {} }).runDue();
      expect(run).toMatchObject({ ok: true });
      expect(JSON.parse(run!.detail)).toMatchObject({ skipped: 'set ATOZ_NCBI_EMAIL', checked: 0 });
    });
  });

  describe('research inbox', () => {
    let pageId: number;
    let otherPageId: number;

    beforeAll(async () => {
      const store = createDirectoryStore(db);
      pageId = await store.savePage({ slug: 'inbox-job-topic', title: 'Inbox job topic', parentSlug: null, position: 0, createdOn: '2024-01-01', sections: [] });
      otherPageId = await store.savePage({ slug: 'broken-search-topic', title: 'Broken search topic', parentSlug: null, position: 1, createdOn: '2024-01-01', sections: [] });
      await db.insertInto('users').values({ email: 'inbox@example.org', name: 'Inbox Editor', role: 'editor', password_hash: null, author_key: null, created_at: new Date().toISOString(), password_changed_at: null, disabled_at: null }).execute();
      const editor = await db.selectFrom('users').select('id').where('email', '=', 'inbox@example.org').executeTakeFirstOrThrow();
      await saveResearchQuery(db, { pageId, slug: 'inbox-job-topic', term: 'example AND scleroderma', userId: editor.id, ip: null });
      await saveResearchQuery(db, { pageId: otherPageId, slug: 'broken-search-topic', term: 'broken[[', userId: editor.id, ip: null });
    });

    /** The fixtures, except that the broken search gets PubMed's error answer. */
    function withBrokenSearch(fixtures: FixtureFetch): FetchLike {
      return async (url, init) => {
        if (new URL(url).searchParams.get('term')?.startsWith('broken')) return new Response(readFixture('esearch-error.json'), { status: 200 });
        return fixtures.fetch(url, init);
      };
    }

    it('files what the search finds since the last run, once, with summaries; a broken search is reported on its own page', async () => {
      const fixtures = fixtureFetch();
      const started = new Date('2025-03-10T12:00:00Z');
      const report = await runResearchQueries(db, pubmed(withBrokenSearch(fixtures)), { now: () => started });
      expect(report).toMatchObject({ queries: 2, added: 3 });
      expect(report.failed).toEqual([{ slug: 'broken-search-topic', error: expect.stringMatching(/the search failed: Invalid query/) }]);

      const search = fixtures.requests.find((u) => u.pathname.endsWith('esearch.fcgi'))!;
      // Never run: it looks back 30 days, by the date records were added to PubMed.
      expect(Object.fromEntries(['term', 'datetype', 'mindate'].map((k) => [k, search.searchParams.get(k)]))).toEqual({ term: 'example AND scleroderma', datetype: 'edat', mindate: '2025/02/08' });

      const items = (await newInboxItems(db)).filter((i) => i.pageId === pageId);
      expect(items.map((i) => i.pmid).sort()).toEqual(['27933103', '90000002', '90000003']);
      const trial = items.find((i) => i.pmid === '90000003')!;
      expect(trial).toMatchObject({ journal: 'Example Clin Trials', published: '2013-06-11', pubTypes: ['Journal Article', 'Randomized Controlled Trial'] });

      const query = (await researchQueryOf(db, pageId))!;
      expect(query).toMatchObject({ lastRunAt: started.toISOString(), lastError: null, lastFound: 3 });
      expect((await researchQueryOf(db, otherPageId))!.lastError).toMatch(/Invalid query/);
    });

    it('the next run asks from the day of the last run and never files a PMID twice', async () => {
      const fixtures = fixtureFetch();
      fixtures.setSearchResult(['90000004', '90000003']);
      const report = await runResearchQueries(db, pubmed(withBrokenSearch(fixtures)), { now: () => new Date('2025-03-10T18:00:00Z') });
      expect(report.added).toBe(1);
      const search = fixtures.requests.find((u) => u.pathname.endsWith('esearch.fcgi'))!;
      expect(search.searchParams.get('mindate')).toBe('2025/03/10');
      // Only the one PMID not already in the inbox was summarised.
      expect(fixtures.requests.filter((u) => u.pathname.endsWith('esummary.fcgi')).map((u) => u.searchParams.get('id'))).toEqual(['90000004']);
      expect((await newInboxItems(db)).filter((i) => i.pageId === pageId)).toHaveLength(4);
    });

    it('as a job every 6 hours: without network it records the failure on each search and fails so it is retried', async () => {
      const offline = fixtureFetch();
      offline.setOffline(true);
      const registry = new JobRegistry();
      registry.register(researchInboxJob({ pubmed: pubmed(offline.fetch), notConfigured: 'not configured' }));
      const [run] = await new JobWorker(db, registry, createJobQueue(db, registry), { log: () => {} }).runDue();
      expect(run).toMatchObject({ name: RESEARCH_INBOX_JOB, ok: false });
      expect(run!.detail).toMatch(/2 of 2 saved searches could not run: Could not reach PubMed/);
      expect((await researchQueryOf(db, pageId))!.lastError).toMatch(/Could not reach PubMed/);
      const job = await db.selectFrom('jobs').select(['interval_seconds', 'run_at']).where('key', '=', RESEARCH_INBOX_JOB).executeTakeFirstOrThrow();
      expect(job.interval_seconds).toBe(6 * 3600);
      expect(job.run_at).not.toBeNull();
    });
  });
});
