import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import type { Db } from '../db/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { loadSettings, saveSettings } from '../site/settings.js';
import { raiseFlag } from './flags.js';
import type { FetchLike } from './http.js';
import { type FixtureFetch, fixtureFetch } from './test-support/fixture-fetch.js';
import { readFixture } from './test-support/fixtures.js';
import { freshRecord, seedInboxItem } from './test-support/seed.js';

const skip = await skipWithoutDatabase();

/** The value of the form's identifier field, as the browser would show it again. */
function identifierValue(html: string): string | undefined {
  const input = /<input\b[^>]*\bid="identifier"[^>]*>/.exec(html)?.[0];
  return input ? /\bvalue="([^"]*)"/.exec(input)?.[1] : undefined;
}

/** Visible text of a page, without tags, whitespace collapsed, common entities decoded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe.skipIf(skip)('citation routes', () => {
  let t: TestApp;
  let db: Db;
  let editor: SessionClient;
  let reviewer: SessionClient;
  let fixtures: FixtureFetch;
  /** What PubMed and Crossref answer now; each test sets its own. */
  let remote: FetchLike;

  beforeAll(async () => {
    fixtures = fixtureFetch();
    remote = fixtures.fetch;
    t = await createTestApp({
      fetch: (url, init) => remote(url, init),
      // Retries without waiting; a short timeout so "no answer" tests take a moment, not 10 s.
      citationHttp: { sleep: async () => {}, timeoutMs: 300 },
      config: { worker: false },
    });
    db = t.atoz.database.db;
    editor = await SessionClient.signedInAs(t, db, Number((await seedUser(db, 'editor', { name: 'Edna Editor' })).id));
    reviewer = await SessionClient.signedInAs(t, db, Number((await seedUser(db, 'reviewer')).id));
  });
  afterAll(async () => {
    await t?.close();
  });

  const citationCount = async () => Number((await db.selectFrom('citations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  describe('import', () => {
    it('looks up a PubMed URL, shows the record for confirmation, and stores it only when confirmed', async () => {
      remote = fixtures.fetch;
      const before = await citationCount();
      const form = await editor.get('/edit/citations/import');
      expect(form.status).toBe(200);

      const lookup = await editor.post('/edit/citations/import', { identifier: 'https://pubmed.ncbi.nlm.nih.gov/27933103/' });
      expect(lookup.status).toBe(200);
      const page = text(await lookup.text());
      expect(page).toContain('Check the citation');
      expect(page).toContain('Programmatic conversion of crystal structures into 3D printable files using Jmol');
      expect(page).toContain('pmid:27933103');
      expect(page).toContain('::: research [@pmid:27933103]');
      expect(await citationCount()).toBe(before);

      const confirm = await editor.post('/edit/citations/import/confirm', { identifier: 'https://pubmed.ncbi.nlm.nih.gov/27933103/' });
      expect(confirm.status).toBe(303);
      expect(confirm.headers.get('location')).toMatch(/^\/edit\/citations\/\d+\?notice=imported$/);
      const stored = await db.selectFrom('citations').selectAll().where('pmid', '=', '27933103').executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ key: 'pmid:27933103', pmcid: 'PMC5122160', doi: '10.1186/s13321-016-0181-z', issued_year: 2016 });
      expect(await citationCount()).toBe(before + 1);

      const detail = text(await (await editor.get(confirm.headers.get('location')!)).text());
      expect(detail).toContain('Citation imported');
      expect(detail).toContain('::: research [@pmid:27933103]');
      // The request carried NCBI's required parameters.
      const summary = fixtures.requests.find((u) => u.pathname.endsWith('esummary.fcgi'))!;
      expect([summary.searchParams.get('tool'), summary.searchParams.get('email')]).toEqual(['atoz', 'editors@atoz.test']);
    });

    it('importing the same paper again finds the stored record instead of making another', async () => {
      const before = await citationCount();
      const lookup = text(await (await editor.post('/edit/citations/import', { identifier: 'PMID: 27933103' })).text());
      expect(lookup).toContain('This paper is already in the directory as pmid:27933103');
      const confirm = await editor.post('/edit/citations/import/confirm', { identifier: '27933103' });
      expect(confirm.headers.get('location')).toMatch(/\?notice=refreshed$/);
      expect(await citationCount()).toBe(before);
    });

    it('imports by doi.org link through Crossref and finds the demo bibliography entry with that DOI', async () => {
      const before = await citationCount();
      const lookup = await editor.post('/edit/citations/import', { identifier: 'https://doi.org/10.1371/journal.pone.0001693' });
      expect(lookup.status).toBe(200);
      const page = text(await lookup.text());
      expect(page).toContain('Crossref found this');
      expect(page).toContain('already in the directory as xiong-2008');
      const confirm = await editor.post('/edit/citations/import/confirm', { identifier: 'https://doi.org/10.1371/journal.pone.0001693' });
      expect(confirm.status).toBe(303);
      expect(await citationCount()).toBe(before);
      const row = await db.selectFrom('citations').select(['key', 'doi']).where('doi', '=', '10.1371/journal.pone.0001693').execute();
      expect(row).toEqual([{ key: 'xiong-2008', doi: '10.1371/journal.pone.0001693' }]);
    });

    const failures: Array<{ name: string; identifier: string; fetch: () => FetchLike; status: number; message: RegExp }> = [
      { name: 'a malformed PMID', identifier: 'PMID 12ab', fetch: () => fixtures.fetch, status: 400, message: /does not contain a PubMed ID/ },
      { name: 'a malformed DOI', identifier: '10.12/x', fetch: () => fixtures.fetch, status: 400, message: /does not look like a DOI/ },
      { name: 'an unknown PMID', identifier: '99999999', fetch: () => fixtures.fetch, status: 422, message: /PubMed has no record with PMID 99999999 \(it answered "cannot get document summary"\)/ },
      { name: 'a DOI Crossref does not know (404)', identifier: 'doi:10.5555/example.0404', fetch: () => fixtures.fetch, status: 422, message: /Crossref has no record for DOI 10\.5555\/example\.0404/ },
      {
        name: 'a storm of 429 answers',
        identifier: '11111111',
        fetch: () => async () => new Response('Too Many Requests', { status: 429 }),
        status: 503,
        message: /PubMed is limiting how often we may ask and refused 5 attempts \(HTTP 429\)/,
      },
      {
        name: 'no answer in time',
        identifier: '22222222',
        fetch: () => (_url, init) => new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true })),
        status: 504,
        message: /PubMed did not answer within 1 second/,
      },
      {
        name: 'a truncated answer',
        identifier: '33333333',
        fetch: () => async () => new Response(readFixture('esummary-27933103-truncated.txt'), { status: 200 }),
        status: 502,
        message: /PubMed sent an incomplete or unreadable answer \(not valid JSON\)/,
      },
      {
        name: 'an answer that is not JSON',
        identifier: '44444444',
        fetch: () => async () => new Response('<html><body>Service temporarily unavailable</body></html>', { status: 200, headers: { 'content-type': 'text/html' } }),
        status: 502,
        message: /PubMed sent an incomplete or unreadable answer/,
      },
      {
        name: 'no network at all',
        identifier: '55555555',
        fetch: () => async () => {
          throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND eutils.ncbi.nlm.nih.gov') });
        },
        status: 502,
        // Plain words and what to do instead, not the connection error.
        message: /PubMed or Crossref could not be reached just now\. Try again later, or paste the reference or enter its details below\./,
      },
    ];

    for (const failure of failures) {
      it(`${failure.name}: says what went wrong, keeps what was typed, stores nothing`, async () => {
        remote = failure.fetch();
        try {
          const before = await citationCount();
          for (const path of ['/edit/citations/import', '/edit/citations/import/confirm']) {
            const res = await editor.post(path, { identifier: failure.identifier });
            expect(res.status).toBe(failure.status);
            const html = await res.text();
            expect(text(html)).toMatch(failure.message);
            expect(html).toContain('<title>Error: Import a citation');
            expect(identifierValue(html)).toBe(failure.identifier);
          }
          expect(await citationCount()).toBe(before);
        } finally {
          remote = fixtures.fetch;
        }
      });
    }

    it('says clearly when PubMed is not set up on the site', async () => {
      const off = await createTestApp({ importDemo: false, config: { worker: false, ncbiEmail: undefined } });
      try {
        const db2 = off.atoz.database.db;
        await db2.insertInto('settings').values({ key: 'site', value: JSON.stringify({ organisation: 'Test', contactEmail: 'x@example.org' }) }).execute();
        const client = await SessionClient.signedInAs(off, db2, Number((await seedUser(db2, 'editor')).id));
        const form = text(await (await client.get('/edit/citations/import')).text());
        // What an admin can switch on, in plain words: no setting names.
        expect(form).toContain('Looking papers up on PubMed is switched off on this site. An admin can switch it on');
        expect(form).not.toContain('ATOZ_');
        const res = await client.post('/edit/citations/import', { identifier: '27933103' });
        expect(res.status).toBe(503);
        const html = await res.text();
        expect(text(html)).toMatch(/This kind of lookup is switched off on this site\. An admin can switch it on/);
        expect(html).not.toContain('ATOZ_');
        // And the way to add the source meanwhile is on the same page.
        expect(html).toContain('action="/edit/citations/import/manual"');
        expect(identifierValue(html)).toBe('27933103');
      } finally {
        await off.close();
      }
    });
  });

  describe('the citation list', () => {
    it('finds citations by title, key, PMID and DOI', async () => {
      const by = async (q: string) => text(await (await editor.get(`/edit/citations?q=${encodeURIComponent(q)}`)).text());
      expect(await by('crystal structures')).toContain('1 citation match');
      expect(await by('https://pubmed.ncbi.nlm.nih.gov/27933103/')).toContain('Programmatic conversion');
      expect(await by('10.1371/JOURNAL.PONE.0001693')).toContain('xiong-2008');
      expect(await by('klareskog')).toContain('Prevention of autoimmune rheumatic disease');
      expect(await by('100%_nothing')).toContain('No citation matches');
    });
  });

  describe('reader pages', () => {
    /** A demo page with a research digest, and the citation it rests on. */
    async function digestPage() {
      return db
        .selectFrom('entries as e')
        .innerJoin('pages as p', 'p.id', 'e.page_id')
        .innerJoin('citations as c', 'c.id', 'e.citation_id')
        .select(['p.slug', 'c.id as citationId', 'c.key', 'c.title'])
        .where('e.kind', '=', 'research')
        .orderBy('p.slug')
        .executeTakeFirstOrThrow();
    }

    it('each research digest shows its study type honestly: demo citations have none recorded', async () => {
      const { slug } = await digestPage();
      const html = await (await t.request(`/directory/${slug}`)).text();
      expect(html).toMatch(/<div class="study-type study-type-unknown"><details><summary><span class="visually-hidden">Kind of study: <\/span>Study type not recorded/);
      expect(html).toContain('<p class="study-type-print">Study type not recorded: ');
    });

    it('a flagged citation warns readers on the topic page and the bibliography until an editor resolves it', async () => {
      const { slug, citationId, key } = await digestPage();
      await db.transaction().execute(async (tx) => {
        await raiseFlag(tx, Number(citationId), 'retracted');
        await bumpContentVersion(tx); // as retraction watch does
      });
      await t.atoz.contentChanged();
      const warning = 'Warning: Retracted study.';
      const topic = await (await t.request(`/directory/${slug}`)).text();
      expect(topic.split(warning).length - 1).toBe(2); // in the digest's source line and in References
      expect(await (await t.request('/bibliography')).text()).toContain(warning);

      // Listed for editors, with a way to resolve it, on the citations page and the dashboard.
      expect(text(await (await editor.get('/edit/citations')).text())).toContain('Retractions and corrections to deal with (1)');
      const dashboard = await editor.get('/dashboard');
      expect(dashboard.status).toBe(200);
      const board = await dashboard.text();
      expect(board).toMatch(new RegExp(`id="dashboard-flagged"[\\s\\S]*Warning: Retracted study\\.[\\s\\S]*href="/edit/citations/${citationId}"`));
      // The demo cites studies from 2005 to 2013: with the default of 7 years, their pages are listed as aged.
      const pageTitle = (await db.selectFrom('pages').select('title').where('slug', '=', slug).executeTakeFirstOrThrow()).title;
      expect(board).toContain(`<a href="/edit/${slug}">${pageTitle}</a>: newest evidence from 2012`);
      expect(board.indexOf('<h2 id="dashboard-stale">Evidence older than 7 years</h2>')).toBeLessThan(board.indexOf(`<a href="/edit/${slug}">${pageTitle}</a>: newest evidence`));

      // A reviewer may not resolve; an editor must say what was done.
      expect((await reviewer.post(`/edit/citations/${citationId}/resolve`, { note: 'fine' })).status).toBe(403);
      const empty = await editor.post(`/edit/citations/${citationId}/resolve`, { note: '   ' });
      expect(empty.status).toBe(400);
      expect(text(await empty.text())).toContain('Say what was done about it');

      const resolved = await editor.post(`/edit/citations/${citationId}/resolve`, { note: 'Digest now says the study was retracted.' });
      expect(resolved.status).toBe(303);
      expect(resolved.headers.get('location')).toBe(`/edit/citations/${citationId}?notice=resolved`);
      expect(await (await t.request(`/directory/${slug}`)).text()).not.toContain(warning);
      expect(await (await t.request('/bibliography')).text()).not.toContain(warning);
      const audit = await db.selectFrom('audit_log').select(['details']).where('action', '=', 'citation.resolve').where('subject_id', '=', String(citationId)).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details)).toMatchObject({ statuses: ['retracted'], note: 'Digest now says the study was retracted.' });
      expect(text(await (await editor.get(`/edit/citations/${citationId}`)).text())).toContain('Resolved flags');
      void key;
    });

    it('follows the site-wide citation style: Vancouver by default, APA when the settings say so', async () => {
      const { slug } = await digestPage();
      const vancouver = await (await t.request(`/directory/${slug}`)).text();
      expect(vancouver).toContain('J Rheumatol. 2012 Aug;39(8):1654–8.');
      const settings = await loadSettings(db);
      await db.transaction().execute(async (tx) => {
        await saveSettings(tx, { ...settings, citationStyle: 'apa' });
        await bumpContentVersion(tx);
      });
      await t.atoz.contentChanged();
      try {
        const apa = await (await t.request(`/directory/${slug}`)).text();
        expect(apa).toContain('(2012). <i>The Journal of Rheumatology</i>, <i>39</i>(8), 1654–1658.');
        expect(apa).not.toContain('2012 Aug;39(8)');
      } finally {
        await db.transaction().execute(async (tx) => {
          await saveSettings(tx, settings);
          await bumpContentVersion(tx);
        });
        await t.atoz.contentChanged();
      }
    });

    it('exports a topic’s references and the whole bibliography as RIS, BibTeX and CSL-JSON downloads', async () => {
      const { slug, key, title } = await digestPage();
      const topic = await (await t.request(`/directory/${slug}`)).text();
      for (const ext of ['ris', 'bib', 'json']) expect(topic).toContain(`href="/directory/${slug}/references.${ext}" download`);

      const ris = await t.request(`/directory/${slug}/references.ris`);
      expect(ris.status).toBe(200);
      expect(ris.headers.get('content-type')).toBe('application/x-research-info-systems; charset=utf-8');
      expect(ris.headers.get('content-disposition')).toBe(`attachment; filename="${slug}-references.ris"`);
      const risText = await ris.text();
      expect(risText).toMatch(/^TY {2}- JOUR/m);
      expect(risText).toContain(title.slice(0, 30));

      const bib = await t.request(`/directory/${slug}/references.bib`);
      expect(bib.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
      expect(await bib.text()).toMatch(/^@article\{/m);

      const json = await t.request(`/directory/${slug}/references.json`);
      expect(json.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
      const items = (await json.json()) as Array<{ id: string }>;
      expect(items.map((i) => i.id)).toContain(key);

      const all = await t.request('/bibliography.json');
      expect(all.headers.get('content-disposition')).toBe('attachment; filename="bibliography.json"');
      expect(((await all.json()) as unknown[]).length).toBe(await citationCount());
      expect(await (await t.request('/bibliography')).text()).toContain('href="/bibliography.ris" download');
      expect((await t.request('/directory/no-such-page/references.ris')).status).toBe(404);
    });
  });

  describe('new-research inbox', () => {
    async function pageWithDigest() {
      return db.selectFrom('pages').select(['id', 'slug', 'title']).where('slug', '=', 'causes-of-scleroderma').executeTakeFirstOrThrow();
    }

    it('turns an item into a draft digest on its topic, with the citation stored; readers see nothing yet', async () => {
      const page = await pageWithDigest();
      const record = freshRecord(['Journal Article', 'Systematic Review']);
      const id = await seedInboxItem(db, Number(page.id), record);
      const inbox = text(await (await editor.get('/edit/inbox')).text());
      expect(inbox).toContain(record.csl.title!);
      expect(inbox).toContain(`PubMed record (PMID ${record.pmid})`);
      expect(inbox).toContain('Systematic review');

      const res = await editor.post(`/edit/inbox/${id}/draft`, {});
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/edit/inbox?notice=drafted&page=${page.slug}`);
      expect(text(await (await editor.get(res.headers.get('location')!)).text())).toContain(`A draft digest was added to “${page.title}”`);

      const item = await db.selectFrom('research_inbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(item).toMatchObject({ status: 'drafted' });
      const citation = await db.selectFrom('citations').select(['id', 'key']).where('pmid', '=', record.pmid!).executeTakeFirstOrThrow();
      expect(item.citation_id).toBe(citation.id);
      const revision = await db.selectFrom('page_revisions').select(['document', 'state', 'summary']).where('id', '=', Number(item.revision_id)).executeTakeFirstOrThrow();
      expect(revision.state).toBe('draft');
      const doc = JSON.parse(revision.document) as { sections: Array<{ heading: string | null; entries: Array<{ kind: string; citationKey?: string }> }> };
      expect(doc.sections.at(-1)).toMatchObject({ heading: 'New research', entries: [{ kind: 'research', citationKey: citation.key }] });
      // Published text is unchanged until the draft goes through review.
      expect(await (await t.request(`/directory/${page.slug}`)).text()).not.toContain('New research');

      const again = await editor.post(`/edit/inbox/${id}/draft`, {});
      expect(again.status).toBe(409);
      expect(text(await again.text())).toContain('was already turned into a draft');
    });

    it('dismisses an item for good', async () => {
      const page = await pageWithDigest();
      const record = freshRecord();
      const id = await seedInboxItem(db, Number(page.id), record);
      const res = await editor.post(`/edit/inbox/${id}/dismiss`, {});
      expect(res.status).toBe(303);
      const inbox = text(await (await editor.get('/edit/inbox?notice=dismissed')).text());
      expect(inbox).toContain('Dismissed. That paper will not be suggested');
      expect(inbox).toContain(`Dismissed: ${record.csl.title}`);
      expect((await editor.post(`/edit/inbox/${id}/dismiss`, {})).status).toBe(409);
    });

    it('saves a topic’s PubMed search, rejecting control characters and keeping what was typed', async () => {
      const page = await pageWithDigest();
      const bad = await editor.post(`/edit/${page.slug}/research-query`, { term: 'silica\nAND scleroderma' });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(text(html)).toContain('The search cannot contain line breaks');
      expect(html).toContain('value="silica\nAND scleroderma"');

      const ok = await editor.post(`/edit/${page.slug}/research-query`, { term: 'silica AND scleroderma' });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toBe(`/edit/${page.slug}/research-query?notice=saved`);
      const shown = await (await editor.get(ok.headers.get('location')!)).text();
      expect(shown).toContain('value="silica AND scleroderma"');
      expect(text(shown)).toContain('Search saved');
      expect(text(await (await editor.get('/edit/inbox')).text())).toContain('silica AND scleroderma');

      expect((await editor.get('/edit/inbox/query?page=no-such-page')).status).toBe(400);
      const found = await editor.get(`/edit/inbox/query?page=${encodeURIComponent(`https://atoz.test/directory/${page.slug}`)}`);
      expect(found.headers.get('location')).toBe(`/edit/${page.slug}/research-query`);
    });
  });
});
