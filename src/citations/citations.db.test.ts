import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase, skipWithoutDatabase } from '../../test/support/database.js';
import { seedUser } from '../accounts/test-support/session-client.js';
import type { Db } from '../db/database.js';
import { createDirectoryQueries } from '../directory/queries.js';
import { createDirectoryStore } from '../directory/store.js';
import { loadCitationDashboard } from './dashboard.js';
import { cacheKeyForUrl, createDatabaseResponseCache } from './db-response-cache.js';
import { flagsOfCitation, openFlags, openFlagsByCitation, raiseFlag, resolveFlags } from './flags.js';
import { findExistingCitation, saveCitation } from './import-service.js';
import { FORMAT_CACHE_SIZE, createCitationRendering } from './rendering.js';
import { addInboxItems, dismissInboxItem, newInboxItems, saveResearchQuery, researchQueryOf } from './research-inbox.js';
import { createCitationServices } from './services.js';
import { staleEvidencePages } from './stale-evidence.js';
import { fixtureFetch } from './test-support/fixture-fetch.js';
import { fixtureRecord, freshRecord } from './test-support/seed.js';

const skip = await skipWithoutDatabase();

describe.skipIf(skip)('citation stores', () => {
  let database: TestDatabase;
  let db: Db;
  let editorId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.handle.db;
    editorId = Number((await seedUser(db, 'editor')).id);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const version = async () => createDirectoryQueries(db).contentVersion();
  const citationCount = async () => Number((await db.selectFrom('citations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  describe('saveCitation', () => {
    it('stores a record once: importing the same paper by PMID and then by DOI finds the first record', async () => {
      const rendering = createCitationRendering(db);
      const before = await citationCount();
      const byPmid = await saveCitation({ db, rendering }, fixtureRecord('27933103'), { actorUserId: editorId, ip: null, source: 'PubMed' });
      expect(byPmid).toMatchObject({ key: 'pmid:27933103', created: true });
      // The same paper as Crossref would describe it: other key, same DOI.
      const viaDoi = { ...fixtureRecord('27933103'), key: 'doi:10.1186/s13321-016-0181-z', pmid: undefined };
      const again = await saveCitation({ db, rendering }, viaDoi, { actorUserId: editorId, ip: null, source: 'Crossref' });
      expect(again).toEqual({ id: byPmid.id, key: 'pmid:27933103', created: false });
      expect(await citationCount()).toBe(before + 1);
      expect(await findExistingCitation(db, { key: 'x', doi: '10.1186/S13321-016-0181-Z' })).toEqual({ id: byPmid.id, key: 'pmid:27933103' });
    });

    it('stores the formatted citation in both styles, records an audit entry and bumps the content version', async () => {
      const rendering = createCitationRendering(db);
      const v = await version();
      const record = freshRecord();
      const saved = await saveCitation({ db, rendering }, record, { actorUserId: editorId, ip: '192.0.2.1', source: 'PubMed' });
      const formats = await db.selectFrom('citation_formats').select(['style', 'html']).where('citation_key', '=', saved.key).orderBy('style').execute();
      expect(formats.map((f) => f.style)).toEqual(['apa', 'vancouver']);
      expect(formats[1]!.html).toContain(record.csl.title);
      expect(formats[1]!.html).toContain(`https://pubmed.ncbi.nlm.nih.gov/${record.pmid}/`);
      const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'citation.import').where('subject_id', '=', String(saved.id)).executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ actor_user_id: editorId, subject_type: 'citation', ip: '192.0.2.1' });
      expect(await version()).toBe(v + 1);
    });

    it('flags a paper PubMed already marks as retracted at import', async () => {
      const saved = await saveCitation({ db, rendering: createCitationRendering(db) }, fixtureRecord('90000004'), { actorUserId: editorId, ip: null, source: 'PubMed' });
      expect((await flagsOfCitation(db, saved.id)).map((f) => [f.status, f.resolvedAt])).toEqual([['retracted', null]]);
    });

    it('stores nothing when any part fails (one transaction)', async () => {
      const before = await citationCount();
      const broken = { ...freshRecord(), pubTypes: undefined as unknown as string[] };
      await expect(saveCitation({ db, rendering: createCitationRendering(db) }, broken, { actorUserId: editorId, ip: null, source: 'PubMed' })).rejects.toThrow();
      expect(await citationCount()).toBe(before);
    });
  });

  describe('stored formats', () => {
    it('warm() loads stored formats without citeproc, formats what is missing and prunes rows of changed records', async () => {
      const record = freshRecord();
      await saveCitation({ db, rendering: createCitationRendering(db) }, record, { actorUserId: null, ip: null, source: 'test' });
      // A record stored without formatting (as the content importer does).
      const bare = freshRecord();
      await db.transaction().execute(async (tx) => (await import('./store.js')).upsertCitation(tx, bare));

      const fresh = createCitationRendering(db);
      const first = await fresh.warm('vancouver');
      expect(first.formatted).toBeGreaterThanOrEqual(1);
      expect(await db.selectFrom('citation_formats').select('cache_key').where('citation_key', '=', bare.key).where('style', '=', 'vancouver').execute()).toHaveLength(1);

      // A second server: everything comes from the table.
      const second = await createCitationRendering(db).warm('vancouver');
      expect(second.formatted).toBe(0);
      expect(second).toMatchObject({ loaded: first.loaded + first.formatted - first.pruned, pruned: 0 });

      // The record changes (new title): its old row is stale and goes.
      await db.updateTable('citations').set({ csl: JSON.stringify({ ...bare.csl, title: 'A changed title' }) }).where('key', '=', bare.key).execute();
      const third = await createCitationRendering(db).warm('vancouver');
      expect(third).toMatchObject({ formatted: 1, pruned: 1 });
      const rows = await db.selectFrom('citation_formats').select('html').where('citation_key', '=', bare.key).where('style', '=', 'vancouver').execute();
      expect(rows.map((r) => r.html.includes('A changed title'))).toEqual([true]);
    });

    it('start loads stored formats without reading every citation, and the format job fills in the rest', async () => {
      const bare = freshRecord();
      await db.transaction().execute(async (tx) => (await import('./store.js')).upsertCitation(tx, bare));
      const rendering = createCitationRendering(db);
      const stored = Number((await db.selectFrom('citation_formats').select((eb) => eb.fn.countAll().as('n')).where('style', '=', 'vancouver').executeTakeFirstOrThrow()).n);
      // Start-up only reads stored rows (bounded by the memory cache), and formats nothing.
      expect(await rendering.load('vancouver')).toBe(Math.min(stored, FORMAT_CACHE_SIZE));
      expect(await db.selectFrom('citation_formats').select('cache_key').where('citation_key', '=', bare.key).execute()).toEqual([]);
      // The job run after start formats the record the importer stored bare.
      const report = await rendering.warm('vancouver');
      expect(report.formatted).toBeGreaterThanOrEqual(1);
      expect(await db.selectFrom('citation_formats').select('cache_key').where('citation_key', '=', bare.key).where('style', '=', 'vancouver').execute()).toHaveLength(1);
    });

    it('serves pages from the loaded formats, with a warning before a flagged citation only', async () => {
      const rendering = createCitationRendering(db);
      const flagged = freshRecord(['Journal Article', 'Retracted Publication']);
      const plain = freshRecord();
      const a = await saveCitation({ db, rendering }, flagged, { actorUserId: null, ip: null, source: 'test' });
      const b = await saveCitation({ db, rendering }, plain, { actorUserId: null, ip: null, source: 'test' });
      const pages = await rendering.forPages('vancouver');
      const view = (record: typeof plain, id: number) => ({ id, key: record.key, csl: record.csl, pmid: record.pmid ?? null, pmcid: null, doi: null, url: null, pubTypes: record.pubTypes });
      expect(pages.html(view(flagged, a.id))).toMatch(/^<span class="cite-flag cite-flag-retracted"><strong>Warning: Retracted study\.<\/strong>/);
      expect(pages.html(view(plain, b.id))).not.toContain('cite-flag');
    });
  });

  describe('flags', () => {
    it('raises a flag once per citation and status, and resolving clears it with an audit entry and a new content version', async () => {
      const { id } = await saveCitation({ db, rendering: createCitationRendering(db) }, freshRecord(), { actorUserId: null, ip: null, source: 'test' });
      const raised = await db.transaction().execute(async (tx) => [await raiseFlag(tx, id, 'erratum'), await raiseFlag(tx, id, 'erratum')]);
      expect(raised).toEqual([true, false]);
      expect((await openFlagsByCitation(db)).get(id)).toEqual(['erratum']);
      expect((await openFlags(db)).some((f) => f.citationId === id)).toBe(true);

      const v = await version();
      expect(await resolveFlags(db, { citationId: id, userId: editorId, note: 'Correction is a typo in a table.', ip: null })).toBe(1);
      expect(await version()).toBe(v + 1);
      expect((await openFlagsByCitation(db)).has(id)).toBe(false);
      const [flag] = await flagsOfCitation(db, id);
      expect(flag).toMatchObject({ status: 'erratum', resolutionNote: 'Correction is a typo in a table.' });
      expect(flag!.resolvedAt).not.toBeNull();
      expect(await db.selectFrom('audit_log').select('details').where('action', '=', 'citation.resolve').where('subject_id', '=', String(id)).executeTakeFirst()).toBeDefined();

      // Resolved stays resolved: the next check does not raise it again.
      expect(await db.transaction().execute((tx) => raiseFlag(tx, id, 'erratum'))).toBe(false);
      expect(await resolveFlags(db, { citationId: id, userId: editorId, note: 'again', ip: null })).toBe(0);
    });
  });

  describe('response cache table', () => {
    it('shares answers through the database, keeps the API key out of it, and forgets expired answers', async () => {
      let now = 1_700_000_000_000;
      const url = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=pubmed&id=1&api_key=SECRETKEY123';
      await createDatabaseResponseCache(db, { now: () => now }).set(url, '{"ok":1}', 60_000);
      const rows = await db.selectFrom('citation_http_cache').select('url').execute();
      expect(rows.map((r) => r.url).join(' ')).not.toContain('SECRETKEY123');
      expect(cacheKeyForUrl(url)).toBe('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=pubmed&id=1');

      const otherServer = createDatabaseResponseCache(db, { now: () => now });
      expect(await otherServer.get(url)).toBe('{"ok":1}');
      now += 61_000;
      expect(await createDatabaseResponseCache(db, { now: () => now }).get(url)).toBeUndefined();
      expect(await otherServer.prune()).toBeGreaterThanOrEqual(1);
    });
  });

  describe('createCitationServices', () => {
    it('is off without a contact address, and otherwise sends tool, email and API key (which never reaches the cache table)', async () => {
      const off = createCitationServices({ ncbiTool: 'atoz', ncbiEmail: undefined, ncbiApiKey: undefined, crossrefMailto: undefined }, db);
      expect([off.pubmed, off.crossref]).toEqual([null, null]);
      expect(off.pubmedMissing).toMatch(/ATOZ_NCBI_EMAIL/);

      const fixtures = fixtureFetch();
      const on = createCitationServices({ ncbiTool: 'atoz-test', ncbiEmail: 'editors@atoz.test', ncbiApiKey: 'abcdef0123456789', crossrefMailto: undefined }, db, { fetch: fixtures.fetch, sleep: async () => {} });
      expect((await on.pubmed!.esummary(['90000002'])).get('90000002')?.ok).toBe(true);
      const sent = fixtures.requests[0]!.searchParams;
      expect([sent.get('tool'), sent.get('email'), sent.get('api_key')]).toEqual(['atoz-test', 'editors@atoz.test', 'abcdef0123456789']);
      const cached = await db.selectFrom('citation_http_cache').select('url').where('url', 'like', '%90000002%').execute();
      expect(cached).toHaveLength(1);
      expect(cached[0]!.url).not.toContain('abcdef0123456789');
      // Crossref uses the NCBI address when it has none of its own.
      expect((await on.crossref!.lookupDoi('10.1371/journal.pone.0001693')).key).toBe('doi:10.1371/journal.pone.0001693');
      expect(on.pubmed!.limiter).not.toBe(on.crossref!.limiter);
    });
  });

  describe('research inbox', () => {
    let pageId: number;
    beforeEach(async () => {
      const store = createDirectoryStore(db);
      const slug = `inbox-topic-${Math.random().toString(36).slice(2, 8)}`;
      pageId = await store.savePage({ slug, title: `Inbox topic ${slug}`, parentSlug: null, position: 0, createdOn: '2024-01-01', sections: [] });
    });

    it('never files the same PMID twice for a topic, even after it was dismissed', async () => {
      const record = freshRecord();
      expect(await db.transaction().execute((tx) => addInboxItems(tx, pageId, [record, record]))).toBe(1);
      const [item] = (await newInboxItems(db)).filter((i) => i.pageId === pageId);
      expect(item).toMatchObject({ pmid: record.pmid, title: record.csl.title, status: 'new' });
      expect(await dismissInboxItem(db, item!.id, { userId: editorId, ip: null })).toBe(true);
      expect(await dismissInboxItem(db, item!.id, { userId: editorId, ip: null })).toBe(false);
      expect(await db.transaction().execute((tx) => addInboxItems(tx, pageId, [record]))).toBe(0);
      expect((await newInboxItems(db)).filter((i) => i.pageId === pageId)).toEqual([]);
    });

    it('keeps one saved search per page; a changed term starts over, an empty one removes it', async () => {
      const input = { pageId, slug: 'x', userId: editorId, ip: null };
      expect(await saveResearchQuery(db, { ...input, term: '  silica AND scleroderma ' })).toBe('saved');
      expect((await researchQueryOf(db, pageId))?.term).toBe('silica AND scleroderma');
      await db.updateTable('research_queries').set({ last_run_at: '2025-01-01T00:00:00.000Z' }).where('page_id', '=', pageId).execute();
      expect(await saveResearchQuery(db, { ...input, term: 'silica AND scleroderma' })).toBe('unchanged');
      expect(await saveResearchQuery(db, { ...input, term: 'silica AND lupus' })).toBe('saved');
      expect((await researchQueryOf(db, pageId))?.lastRunAt).toBeNull();
      expect(await saveResearchQuery(db, { ...input, term: '' })).toBe('removed');
      expect(await researchQueryOf(db, pageId)).toBeNull();
    });
  });

  describe('dashboard', () => {
    it('gathers open flags, waiting inbox items and aged evidence for the editors’ dashboard', async () => {
      const data = await loadCitationDashboard(db, 7, new Date('2025-06-01T00:00:00Z'));
      expect(data.staleYears).toBe(7);
      expect(data.flagged).toEqual(await openFlags(db));
      expect(data.flagged.length).toBeGreaterThan(0); // the retracted import above
      expect(data.inboxCount).toBe((await newInboxItems(db)).length);
      expect(data.stale).toEqual(await staleEvidencePages(db, 7, new Date('2025-06-01T00:00:00Z')));
    });
  });

  describe('staleEvidencePages', () => {
    it('lists pages whose newest study or news report is older than the limit, oldest first', async () => {
      const store = createDirectoryStore(db);
      const rendering = createCitationRendering(db);
      const old = { ...freshRecord(), csl: { ...freshRecord().csl, issued: { 'date-parts': [[2009]] } } };
      const recent = { ...freshRecord(), csl: { ...freshRecord().csl, issued: { 'date-parts': [[2023]] } } };
      old.csl.PMID = old.pmid!;
      recent.csl.PMID = recent.pmid!;
      await saveCitation({ db, rendering }, old, { actorUserId: null, ip: null, source: 'test' });
      await saveCitation({ db, rendering }, recent, { actorUserId: null, ip: null, source: 'test' });
      const tag = Math.random().toString(36).slice(2, 8);
      const page = (slug: string, entries: unknown[]) =>
        store.savePage({ slug: `${slug}-${tag}`, title: `${slug} ${tag}`, parentSlug: null, position: 0, createdOn: '2024-01-01', sections: [{ heading: 'Research', entries: entries as never }] });
      await page('old-evidence', [{ kind: 'research', citationKey: old.key, body: 'Old study.' }]);
      await page('old-but-news', [
        { kind: 'research', citationKey: old.key, body: 'Old study.' },
        { kind: 'news', outlet: 'Example News', date: '2024-05-01', body: 'Recent report.' },
      ]);
      await page('recent-evidence', [{ kind: 'research', citationKey: recent.key, body: 'Recent study.' }]);

      const stale = (await staleEvidencePages(db, 7, new Date('2025-06-01T00:00:00Z'))).filter((p) => p.slug.endsWith(tag));
      expect(stale).toEqual([{ slug: `old-evidence-${tag}`, title: `old-evidence ${tag}`, newestYear: 2009, ageYears: 16 }]);
      expect((await staleEvidencePages(db, 1, new Date('2025-06-01T00:00:00Z'))).filter((p) => p.slug.endsWith(tag)).map((p) => p.slug)).toEqual([
        `old-evidence-${tag}`,
        `recent-evidence-${tag}`,
      ]);
      await expect(staleEvidencePages(db, 0)).rejects.toThrow(RangeError);
    });
  });
});
