import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, seedUser } from '../accounts/test-support/session-client.js';
import { createNewsQueries } from './queries.js';
import { NEWS_PER_PAGE } from './routes.js';
import { createNewsStore } from './store.js';
import { newsDraft, seedNews } from './test-support/seed.js';
import { type XmlElement, all, one, parseXml } from './test-support/xml.js';
import { parseFeed } from 'feedsmith';

const skip = await skipWithoutDatabase();
const ATOM = 'http://www.w3.org/2005/Atom';

describe.skipIf(skip)('news pages and feeds over the demo', () => {
  let t: TestApp;
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t.request(path, { headers });
    return { res, body: await res.text() };
  };
  /** Publishes an item as the editors' workflow would, and lets this server see it at once. */
  const publish = async (overrides: Parameters<typeof newsDraft>[0] = {}) => {
    const id = await seedNews(t.atoz.database.db, 'published', overrides);
    await t.atoz.contentChanged();
    return (await createNewsQueries(t.atoz.database.db).byId(id))!;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/news lists the demo news, newest first, with its feeds advertised and linked', async () => {
    const { res, body } = await get('/news');
    expect(res.status).toBe(200);
    const order = ['/news/stanford-report-2013-06-18', '/news/eurekalert-2012-11-20', '/news/orthosupersite-2010-09-10'].map((href) => body.indexOf(`href="${href}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(body).toContain('<link rel="alternate" type="application/rss+xml" title="Example Scleroderma Network: news (RSS feed)" href="http://atoz.test/news/feed.xml"/>');
    expect(body).toContain('type="application/atom+xml"');
    expect(body).toContain('href="http://atoz.test/news/feed.json"');
    expect(body).toMatch(/<nav class="site-nav"[^>]*>.*<a href="\/news">News<\/a>/s);
  });

  it('a news item shows its source, Behind the headlines, the missing sign-off, and its topics', async () => {
    const { res, body } = await get('/news/eurekalert-2012-11-20');
    expect(res.status).toBe(200);
    expect(body).toContain('<h1 id="news-title">TLR4 may play a part in fibrosis</h1>');
    expect(body).toContain('<dd>EurekAlert</dd>');
    expect(body).toContain('<time datetime="2012-11-20">20 November 2012</time>');
    expect(body).toContain('We do not have a link to the original report.');
    expect(body).toContain('A clinician has not checked this item yet.');
    expect(body).toContain('<a href="/directory/causes-proteins">Causes: Proteins</a>');
    expect(body).toContain('"@type":"NewsArticle"');
  });

  it('an item about a study shows the study with its study-type badge, and the clinician\'s sign-off', async () => {
    const item = await publish({ citationKey: 's100a8-2013', topicSlugs: ['causes-proteins'], studyWhat: 'A placeholder description of the study.', studySize: 'Not known.', studyLimits: 'Not known.' });
    const { body } = await get(`/news/${item.slug}`);
    expect(body).toContain('<h3>The study</h3>');
    expect(body).toContain('class="study-type');
    expect(body).toContain('Increased expression of S100A8 and S100A9');
    expect(body).toContain('<dd>A placeholder description of the study.</dd>');
    expect(body).toMatch(/Checked by Dr Test Clinician, clinician, on <time datetime="\d{4}-\d{2}-\d{2}">/);
    expect(body).not.toContain('A clinician has not checked this item yet.');
  });

  it('topic pages show their latest news as their news digests, sub-pages included, with the topic feeds', async () => {
    const { body } = await get('/directory/causes-proteins');
    expect(body).toContain('<h2 id="latest-news">Latest news on this topic</h2>');
    expect(body).toMatch(/<p class="entry-kind">In the news: EurekAlert, <time datetime="2012-11-20">20 November 2012<\/time><\/p>/);
    expect(body).toContain('href="/news/orthosupersite-2010-09-10"');
    expect(body).not.toContain('stanford-report');
    expect(body).toContain('href="http://atoz.test/news/topics/causes-proteins/atom.xml"');
    // The parent topic gathers the news of the pages under it.
    const parent = (await get('/directory/causes-of-scleroderma')).body;
    for (const slug of ['stanford-report-2013-06-18', 'eurekalert-2012-11-20', 'orthosupersite-2010-09-10']) expect(parent).toContain(`href="/news/${slug}"`);
    // A topic without news in its subtree shows no empty section, but still offers its feeds.
    const quiet = (await get('/directory/causes-silica')).body;
    expect(quiet).not.toContain('latest-news');
    expect(quiet).toContain('href="http://atoz.test/news/topics/causes-silica/feed.xml"');
  });

  it('filters by topic (with sub-pages) and year, pages through the list, and answers bad filters clearly', async () => {
    const tag = `pages${Date.now().toString(36)}`;
    for (let i = 0; i < NEWS_PER_PAGE + 2; i++) await publish({ headline: `${tag} item ${i}`, topicSlugs: ['causes-silica'] });
    const first = (await get('/news?topic=causes-silica')).body;
    expect(first).toContain(`${NEWS_PER_PAGE + 2} news items`);
    expect(first).toContain('Page 1 of 2');
    expect(first.match(new RegExp(`${tag} item`, 'g'))).toHaveLength(NEWS_PER_PAGE);
    expect(first).toContain('href="/news?topic=causes-silica&amp;page=2" rel="next"');
    const second = (await get('/news?topic=causes-silica&page=2')).body;
    expect(second.match(new RegExp(`${tag} item`, 'g'))).toHaveLength(2);
    expect(second).toContain('rel="prev"');

    const year = new Date().getUTCFullYear();
    const inYear = (await get(`/news?year=${year}`)).body;
    expect(inYear).toContain(`${tag} item 11`);
    expect(inYear).not.toContain('eurekalert-2012-11-20');
    expect((await get('/news?year=2013')).body).toContain('eurekalert-2012-11-20');
    expect((await get('/news?topic=causes-proteins&year=2013')).body).not.toContain('stanford-report');

    expect((await get('/news?topic=causes-silica&page=3')).res.status).toBe(404);
    expect((await get('/news?topic=no-such-topic')).res.status).toBe(404);
    for (const bad of ['/news?year=twenty', '/news?page=0', '/news?topic=Not%20A%20Slug', '/news?page=1e3']) expect((await get(bad)).res.status, bad).toBe(400);
  });

  it('lists news in the sitemap and speaks the reader\'s language', async () => {
    const sitemap = (await get('/sitemap.xml')).body;
    expect(sitemap).toContain('<loc>http://atoz.test/news</loc>');
    expect(sitemap).toContain('<loc>http://atoz.test/news/eurekalert-2012-11-20</loc>');
    const es = (await get('/es/news')).body;
    expect(es).toContain('<h1>Noticias</h1>');
    expect(es).toMatch(/<h2><a href="\/es\/news\/[a-z0-9-]+">/);
    const ar = (await get('/ar/news/eurekalert-2012-11-20')).body;
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain('ما وراء العناوين');
  });

  it('the editors\' dashboard lists news not yet published, with the step each waits for', async () => {
    const draftId = await seedNews(t.atoz.database.db, 'draft', { headline: 'A draft for the dashboard' });
    const readyId = await seedNews(t.atoz.database.db, 'review', { headline: 'Signed off for the dashboard' }, { signedOff: true });
    const editor = await seedUser(t.atoz.database.db, 'editor');
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, editor.id);
    const board = await (await client.get('/dashboard')).text();
    expect(board).toContain('News not yet published');
    expect(board).toContain(`<a href="/edit/news/${draftId}">A draft for the dashboard</a> (Draft)`);
    expect(board).toContain(`<a href="/edit/news/${readyId}">Signed off for the dashboard</a> (signed off, ready to publish)`);
  });

  it('drafts and unknown items are not shown to readers', async () => {
    const id = await seedNews(t.atoz.database.db, 'review', {}, { signedOff: true });
    const draft = (await createNewsQueries(t.atoz.database.db).byId(id))!;
    expect((await get(`/news/${draft.slug}`)).res.status).toBe(404);
    expect((await get('/news')).body).not.toContain(draft.slug);
    expect((await get('/news/no-such-item')).res.status).toBe(404);
  });

  it('an editor corrects a published item: the form keeps the text when the note is missing; then readers see "Corrected on"', async () => {
    const item = await publish({ topicSlugs: ['causes-proteins'], headline: 'A headline to correct' });
    const editor = await seedUser(t.atoz.database.db, 'editor');
    const client = await SessionClient.signedInAs(t, t.atoz.database.db, editor.id);
    const form = { slug: item.slug, headline: 'A corrected headline', summary: item.summary, body: item.body, outlet: item.source.outlet, sourceDate: item.source.date ?? '', topics: 'causes-proteins' };
    const refused = await client.post(`/edit/news/${item.id}`, form);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('value="A corrected headline"');
    expect(page).toContain('say what changed');
    const saved = await client.post(`/edit/news/${item.id}`, { ...form, correction: 'The headline overstated the finding.' });
    expect(saved.status).toBe(303);
    const today = new Date().toISOString().slice(0, 10);
    const { body } = await get(`/news/${item.slug}`);
    expect(body).toContain('A corrected headline');
    expect(body).toMatch(new RegExp(`Corrected on <time datetime="${today}">[^<]+</time>: The headline overstated the finding\\.`));
    expect((await get('/directory/causes-proteins')).body).toContain('A corrected headline');
    // Search finds news with the pages it names, and follows corrections.
    await client.post(`/edit/news/${item.id}`, { ...form, summary: 'Quillworth is a word only this summary has.', correction: 'The summary was reworded.' });
    const found = (await get('/search?q=quillworth')).body;
    expect(found).toContain('href="/directory/causes-proteins#latest-news"');
    // Each correction is in the audit log with who made it and the note.
    const audited = await t.atoz.database.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'details']).where('subject_type', '=', 'news').where('subject_id', '=', String(item.id)).orderBy('id').execute();
    expect(audited.map((a) => [a.action, a.actor_user_id, JSON.parse(a.details).note])).toEqual([
      ['news.correct', editor.id, 'The headline overstated the finding.'],
      ['news.correct', editor.id, 'The summary was reworded.'],
    ]);
  });

  describe('feeds', () => {
    function rssItems(xml: string): XmlElement[] {
      const rss = parseXml(xml);
      expect(rss.name).toBe('rss');
      expect(rss.attrs.version).toBe('2.0');
      const channel = one(rss, 'channel');
      for (const required of ['title', 'link', 'description']) expect(one(channel, required, '').text.trim()).not.toBe('');
      expect(one(channel, 'language').text).toBe('en');
      expect(one(channel, 'link', ATOM).attrs).toMatchObject({ rel: 'self', href: 'http://atoz.test/news/feed.xml' });
      return all(channel, 'item');
    }

    function atomEntries(xml: string): { feed: XmlElement; entries: XmlElement[] } {
      const feed = parseXml(xml);
      expect(feed.uri).toBe(ATOM);
      expect(feed.local).toBe('feed');
      expect(feed.attrs['xml:lang']).toBe('en');
      for (const required of ['id', 'title', 'updated']) expect(one(feed, required, ATOM).text.trim()).not.toBe('');
      const entries = all(feed, 'entry', ATOM);
      for (const entry of entries) {
        for (const required of ['id', 'title', 'updated']) expect(one(entry, required, ATOM).text.trim()).not.toBe('');
        expect(Number.isNaN(Date.parse(one(entry, 'updated', ATOM).text))).toBe(false);
        expect(one(entry, 'link', ATOM).attrs.href).toMatch(/^http:\/\/atoz\.test\/news\//);
      }
      return { feed, entries };
    }

    it('the whole site: RSS 2.0, Atom 1.0 with xml:lang and JSON Feed 1.1, absolute addresses, parsed by a real parser', async () => {
      const rss = await get('/news/feed.xml');
      expect(rss.res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const items = rssItems(rss.body);
      expect(items.map((i) => one(i, 'link', '').text)).toContain('http://atoz.test/news/eurekalert-2012-11-20');
      for (const item of items) expect(one(item, 'guid').text).toMatch(/^http:\/\/atoz\.test\/news\//);

      const atom = await get('/news/atom.xml');
      expect(atom.res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const { entries } = atomEntries(atom.body);
      const demo = entries.find((e) => one(e, 'id', ATOM).text === 'http://atoz.test/news/eurekalert-2012-11-20')!;
      expect(one(demo, 'published', ATOM).text).toBe('2013-06-20T00:00:00.000Z');

      const json = await get('/news/feed.json');
      expect(json.res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(json.body) as { version: string; language: string; authors: unknown[]; author?: unknown; feed_url: string; items: Array<{ id: string; url: string; authors?: unknown[]; author?: unknown; date_published: string }> };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.language).toBe('en');
      expect(feed.authors).toEqual([{ name: 'Example Scleroderma Network', url: 'http://atoz.test/' }]);
      expect(feed.author).toBeUndefined();
      expect(feed.feed_url).toBe('http://atoz.test/news/feed.json');
      const item = feed.items.find((i) => i.id === 'http://atoz.test/news/eurekalert-2012-11-20')!;
      expect(item.authors).toEqual([{ name: 'Example Editor' }]);
      expect(item.author).toBeUndefined();
      expect(item.date_published).toBe('2013-06-20T00:00:00Z');
    });

    it('a feed reader sees the same items in all three formats (feedsmith, a feed parser)', async () => {
      for (const base of ['/news', '/news/topics/causes-of-scleroderma']) {
        const rss = parseFeed((await get(`${base}/feed.xml`)).body);
        const atom = parseFeed((await get(`${base}/atom.xml`)).body);
        const json = parseFeed(JSON.parse((await get(`${base}/feed.json`)).body));
        expect([rss.format, atom.format, json.format]).toEqual(['rss', 'atom', 'json']);
        const rssLinks = (rss.feed as { items?: Array<{ link?: string }> }).items?.map((i) => i.link) ?? [];
        const atomLinks = (atom.feed as { entries?: Array<{ links?: Array<{ href: string; rel?: string }> }> }).entries?.map((e) => e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href) ?? [];
        const jsonLinks = (json.feed as { items?: Array<{ url?: string }> }).items?.map((i) => i.url) ?? [];
        expect(rssLinks.length, base).toBeGreaterThan(0);
        expect(new Set(atomLinks)).toEqual(new Set(rssLinks));
        expect(new Set(jsonLinks)).toEqual(new Set(rssLinks));
        for (const link of rssLinks) expect(link).toMatch(/^http:\/\/atoz\.test\/news\/[a-z0-9-]+$/);
      }
    });

    it('a topic feed carries its subtree only; an unknown topic gets a clear 404', async () => {
      const { entries } = atomEntries((await get('/news/topics/causes-proteins/atom.xml')).body);
      const ids = entries.map((e) => one(e, 'id', ATOM).text);
      expect(ids).toContain('http://atoz.test/news/eurekalert-2012-11-20');
      expect(ids).not.toContain('http://atoz.test/news/stanford-report-2013-06-18');
      const parentIds = atomEntries((await get('/news/topics/causes-of-scleroderma/atom.xml')).body).entries.map((e) => one(e, 'id', ATOM).text);
      expect(parentIds).toContain('http://atoz.test/news/stanford-report-2013-06-18');
      const json = JSON.parse((await get('/news/topics/causes-proteins/feed.json')).body) as { title: string; feed_url: string };
      expect(json.title).toBe('Example Scleroderma Network: news on Causes: Proteins');
      expect(json.feed_url).toBe('http://atoz.test/news/topics/causes-proteins/feed.json');

      for (const path of ['/news/topics/no-such-topic/feed.xml', '/news/topics/no-such-topic/feed.json', '/news/topics/BAD%20topic/atom.xml']) {
        const { res, body } = await get(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(body).toContain('has no news feed');
      }
    });

    it('answers 304 to If-None-Match and If-Modified-Since, and sends Last-Modified', async () => {
      for (const path of ['/news/feed.xml', '/news/atom.xml', '/news/feed.json', '/news/topics/causes-proteins/feed.xml']) {
        const { res } = await get(path);
        const etag = res.headers.get('etag')!;
        const lastModified = res.headers.get('last-modified')!;
        expect(etag, path).toMatch(/^"/);
        expect(Number.isNaN(Date.parse(lastModified)), path).toBe(false);
        expect((await get(path, { 'if-none-match': etag })).res.status, path).toBe(304);
        expect((await get(path, { 'if-modified-since': lastModified })).res.status, path).toBe(304);
        const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
        expect((await get(path, { 'if-modified-since': earlier })).res.status, path).toBe(200);
        expect((await get(path, { 'if-none-match': '"something-else"', 'if-modified-since': lastModified })).res.status, path).toBe(200);
      }
    });

    it('a correction moves the entry\'s updated (and the feed\'s Last-Modified); hostile text stays well-formed', async () => {
      const item = await publish({ topicSlugs: ['causes-proteins'], headline: 'Odd ]]> <script>alert(1)</script> & \u0001 headline', summary: 'A summary with ]]> and <b>tags</b> & ampersands.' });
      const before = atomEntries((await get('/news/topics/causes-proteins/atom.xml')).body).entries.find((e) => one(e, 'id', ATOM).text.endsWith(item.slug))!;
      expect(one(before, 'title', ATOM).text).toBe('Odd ]]&gt; <script>alert(1)</script> &  headline');
      const oldUpdated = one(before, 'updated', ATOM).text;
      const beforeHeaders = (await get('/news/feed.xml')).res.headers;

      await new Promise((r) => setTimeout(r, 1100));
      await createNewsStore(t.atoz.database.db).save(newsDraft({ slug: item.slug, headline: 'A plain headline now', topicSlugs: ['causes-proteins'] }), { id: item.id, correction: 'The headline was garbled.' });
      await t.atoz.contentChanged();

      const after = atomEntries((await get('/news/topics/causes-proteins/atom.xml')).body).entries.find((e) => one(e, 'id', ATOM).text.endsWith(item.slug))!;
      expect(Date.parse(one(after, 'updated', ATOM).text)).toBeGreaterThan(Date.parse(oldUpdated));
      expect(one(after, 'content', ATOM).text).toContain('Corrected on');
      const rss = await get('/news/feed.xml', { 'if-none-match': beforeHeaders.get('etag')!, 'if-modified-since': beforeHeaders.get('last-modified')! });
      expect(rss.res.status).toBe(200);
      expect(Date.parse(rss.res.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(beforeHeaders.get('last-modified')!));
      rssItems(rss.body);
      const json = JSON.parse((await get('/news/feed.json')).body) as { items: Array<{ id: string; date_modified: string }> };
      expect(Date.parse(json.items.find((i) => i.id.endsWith(item.slug))!.date_modified)).toBeGreaterThan(Date.parse(oldUpdated));
    });
  });

  it('the parser used here rejects what is not well-formed (these checks can fail)', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
    expect(() => parseXml('<a x:y="1"/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(parseXml('<a><![CDATA[x ]]&gt; y]]></a>').text).toBe('x ]]&gt; y');
  });
});
