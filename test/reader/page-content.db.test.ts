import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationFromBibliographyEntry } from '../../src/citations/record.js';
import { upsertCitation } from '../../src/citations/store.js';
import { parsePageFile } from '../../src/content/page-file.js';
import { packageRoot } from '../../src/web/package-root.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import { READER_PAGE_TYPES } from './page-types.js';

// What each reader page promises, checked in the HTML every server sends, on both databases.

const BASE = 'http://atoz.test'; // publicUrl of createTestApp
const DEMO_SLUGS = readdirSync(join(packageRoot(), 'content', 'pages'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3));

function all(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => m[1]!);
}

function jsonLdOf(html: string): Record<string, unknown> | null {
  const m = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  return m ? (JSON.parse(m[1]!) as Record<string, unknown>) : null;
}

describe.skipIf(await skipWithoutDatabase())('reader page content', () => {
  let testApp: TestApp;
  const html = new Map<string, string>();
  const get = async (path: string) => {
    if (!html.has(path)) html.set(path, await (await testApp.request(path)).text());
    return html.get(path)!;
  };

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('every page names the site icon, and /favicon.ico leads to it', async () => {
    for (const type of READER_PAGE_TYPES) {
      expect(await get(type.path), type.name).toMatch(/<link rel="icon" href="\/assets\/favicon\.[A-Za-z0-9_-]+\.svg" type="image\/svg\+xml"\/>/);
    }
    const redirect = await testApp.request('/favicon.ico');
    expect(redirect.status).toBe(301);
    const icon = await testApp.request(redirect.headers.get('location')!);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
  });

  describe('every page', () => {
    for (const type of READER_PAGE_TYPES) {
      it(`${type.name}: language, skip link, landmarks, one h1, title`, async () => {
        const page = await get(type.path);
        expect(page).toMatch(/^<!DOCTYPE html><html lang="en" dir="ltr">/);
        expect(page).toContain('<a class="skip-link" href="#main">Skip to main content</a>');
        expect(page).toMatch(/<header class="site-header">/);
        expect(page).toMatch(/<nav class="site-nav" aria-label="Site sections">/);
        // One search form per page: the header's, or on /search and the 404 page their own (holding the words) instead.
        expect(page.match(/<form class="search(-page)?-form" role="search"/g), 'search forms').toHaveLength(1);
        expect(page).toMatch(/<main id="main" class="wrap" tabindex="-1">/);
        expect(page).toMatch(/<footer class="site-footer">/);
        expect(all(page, /<h1\b[^>]*>(.*?)<\/h1>/g)).toHaveLength(1);
        expect(page).toMatch(/<title>[^<]+Example Scleroderma Network<\/title>|<title>Example Scleroderma Network<\/title>/);
        expect(page).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"\/>/);
      });

      if (type.status === 200 && type.name !== 'search') {
        it(`${type.name}: canonical URL, Open Graph tags and JSON-LD`, async () => {
          const page = await get(type.path);
          expect(page).toContain(`<link rel="canonical" href="${BASE}${type.path}"/>`);
          expect(page).toContain(`<meta property="og:url" content="${BASE}${type.path}"/>`);
          expect(page).toMatch(/<meta property="og:title" content="[^"]+"\/>/);
          expect(page).toContain('<meta property="og:site_name" content="Example Scleroderma Network"/>');
          expect(page).toMatch(/<meta property="og:description" content="[^"]+"\/>/);
          expect(page).toMatch(/<meta name="description" content="[^"]+"\/>/);
          const ld = jsonLdOf(page);
          expect(ld).toMatchObject({ '@context': 'https://schema.org', url: `${BASE}${type.path === '/' ? '/' : type.path}` });
        });
      }
    }

    it('JSON-LD says what kind of page each is and whose site it belongs to', async () => {
      const types: Record<string, string> = { '/directory': 'CollectionPage', '/directory/a-z': 'CollectionPage', '/wanted': 'CollectionPage', '/bibliography': 'CollectionPage', '/about': 'AboutPage', '/contact': 'ContactPage', '/disclaimer': 'WebPage' };
      for (const [path, type] of Object.entries(types)) {
        expect(jsonLdOf(await get(path)), path).toMatchObject({ '@type': type, isPartOf: { '@type': 'WebSite', name: 'Example Scleroderma Network', url: `${BASE}/` } });
      }
      expect(jsonLdOf(await get('/directory/no-such-topic-here'))).toBeNull();
    });

    it('the 404 page has no canonical URL and asks not to be indexed', async () => {
      const page = await get('/directory/no-such-topic-here');
      expect(page).not.toContain('rel="canonical"');
      expect(page).toContain('<meta name="robots" content="noindex"/>');
    });
  });

  describe('topic page', () => {
    const TOPIC = '/directory/causes-of-scleroderma';

    it('has a breadcrumb ending at the page itself', async () => {
      const page = await get(TOPIC);
      const crumbs = /<nav class="breadcrumbs wrap" aria-label="Breadcrumb">(.*?)<\/nav>/s.exec(page)![1]!;
      expect(all(crumbs, /<a href="([^"]+)"/g)).toEqual(['/', '/directory', '/directory/scleroderma-symptoms', TOPIC]);
      expect(crumbs).toContain(`<a href="${TOPIC}" aria-current="page">Causes of Scleroderma</a>`);
    });

    it('has a byline with author, review state, next review and history', async () => {
      const page = await get(TOPIC);
      const byline = /<dl class="byline">(.*?)<\/dl>/s.exec(page)![1]!;
      expect(byline).toContain('<dt>Written by</dt>');
      expect(byline).toContain('Example Editor');
      expect(byline).toContain('<dt>Medical review</dt>');
      // The demo pages were never medically reviewed; the page must say so in words.
      expect(byline).toContain('Not yet medically reviewed');
      expect(byline).toContain('<dt>Next review</dt>');
      expect(byline).toContain('Written <time datetime="2013-06-20">20 June 2013</time>');
    });

    it('has a table of contents whose every link lands on a heading of the page', async () => {
      const page = await get(TOPIC);
      const toc = /<nav class="toc" aria-labelledby="toc-title">(.*?)<\/nav>/s.exec(page)![1]!;
      const targets = all(toc, /href="#([^"]+)"/g);
      expect(targets.length).toBeGreaterThan(3);
      for (const id of targets) expect(page, `#${id}`).toMatch(new RegExp(`<h2 id="${id}">`));
    });

    it('shows a page not written yet to readers as plain text, never as a link into the editors\' tools', async () => {
      const page = await get(TOPIC);
      expect(page).toContain('<span class="wanted">Types of Scleroderma</span>');
      expect(page).not.toContain('href="/wanted');
      // Into the editor (/edit, /edit?…, /edit/…); the footer's /editorial-policy is for readers.
      expect(page).not.toMatch(/href="\/edit[?"/]/);
      expect(page).not.toMatch(/<a [^>]*class="wanted"/);
    });

    it('gives signed-in editors a link to write each page not written yet, in a response no shared cache keeps', async () => {
      const editor = await seedUser(testApp.database.handle.db, 'editor');
      const client = await SessionClient.signedInAs(testApp, testApp.database.handle.db, editor.id);
      const res = await client.get(TOPIC);
      const page = await res.text();
      expect(page).toMatch(/<a href="\/edit\?title=Types\+of\+Scleroderma&amp;slug=types-of-scleroderma" class="wanted">Types of Scleroderma<span class="wanted-note"> \(page not written yet\)<\/span><\/a>/);
      expect(res.headers.get('cache-control')).toMatch(/private|no-store/);
      // The next anonymous reader still gets the reader's page, not the editor's.
      const anonymous = await (await testApp.request(TOPIC)).text();
      expect(anonymous).not.toContain('href="/edit?title=');
      expect(anonymous).toContain('<span class="wanted">Types of Scleroderma</span>');
    });

    it('has Also see, references, footnotes with their in-text links, backlinks, previous/next and the disclaimer link', async () => {
      const page = await get(TOPIC);
      expect(page).toMatch(/<aside class="also-see" aria-labelledby="page-also-see">/);
      expect(page).toMatch(/<p class="also-see-inline"><strong>Also see: <\/strong><a href="\/directory\/causes-autoimmunity">Causes: Autoimmunity<\/a><\/p>/);
      expect(page).toMatch(/<section class="references" aria-labelledby="references">/);
      expect(page).toContain('<li id="ref-1">');
      expect(page).toContain('href="https://doi.org/10.1371/journal.pone.0001693"');
      for (const n of [1, 2]) {
        expect(page).toContain(`<li id="footnote-${n}">`);
        expect(page).toContain(`href="#footnote-${n}"`);
      }
      expect(page).toMatch(/<section class="backlinks" aria-labelledby="backlinks-title">.*<a href="\/directory\/causes-genetics">Causes: Genetics<\/a>/s);
      expect(page).toMatch(/<a class="pager-prev" href="\/directory\/scleroderma-symptoms" rel="prev">/);
      expect(page).toMatch(/<a class="pager-next" href="\/directory\/causes-advanced-glycation-endproducts-ages" rel="next">/);
      expect(page).toContain('<a href="/disclaimer">medical disclaimer</a>');
    });

    it('lists its sub-articles, wanted ones marked', async () => {
      const page = await get('/directory/causes-silica');
      const block = /<div class="sub-articles">(.*?)<\/div>/s.exec(page);
      expect(block, 'causes-silica has sub-articles').not.toBeNull();
      expect(block![1]).toMatch(/<h3>More about this<\/h3>/);
      expect(block![1]).toContain('<li><span class="wanted">Overview of Silica Exposure<span class="wanted-note"> (not written yet)</span></span></li>');
      expect(block![1]).not.toContain('<a ');
    });

    it('shows research and news digests, each with its source', async () => {
      const page = await get('/directory/causes-proteins');
      expect(page).toMatch(/<p class="entry-kind">What a study from 2013 found<\/p>/);
      expect(page).toMatch(/<span class="source-label">Source \[1\]: <\/span>Increased expression of S100A8 and S100A9/);
      expect(page).toMatch(/<p class="entry-kind">In the news: EurekAlert, <time datetime="2012-11-20">20 November 2012<\/time><\/p>/);
      expect(page).toMatch(/<p class="entry-kind">In the news: OrthoSuperSite, <time datetime="2010-09-10">10 September 2010<\/time><\/p>/);
    });

    it('is a MedicalWebPage in JSON-LD, with its breadcrumb and citations', async () => {
      const ld = jsonLdOf(await get(TOPIC))!;
      expect(ld).toMatchObject({
        '@type': 'MedicalWebPage',
        name: 'Causes of Scleroderma',
        url: `${BASE}${TOPIC}`,
        inLanguage: 'en',
        dateCreated: '2013-06-20',
        publisher: { '@type': 'Organization', name: 'Example Scleroderma Network' },
      });
      // Never reviewed: no review date is claimed.
      expect(ld).not.toHaveProperty('lastReviewed');
      expect((ld.breadcrumb as { itemListElement: unknown[] }).itemListElement).toHaveLength(4);
      expect(ld.citation).toEqual(expect.arrayContaining([expect.objectContaining({ sameAs: 'https://doi.org/10.1371/journal.pone.0001693' })]));
    });

    it('links a citation with a PubMed id to PubMed and its DOI to doi.org', async () => {
      const key = 'reader-test-pubmed-citation';
      await testApp.atoz.database.db.transaction().execute(async (tx) => {
        await upsertCitation(
          tx,
          citationFromBibliographyEntry(key, {
            type: 'article-journal',
            title: 'A citation used only by the reader tests',
            'container-title': 'Test Journal',
            issued: 2020,
            PMID: '27933103',
            DOI: '10.1000/reader-test',
          }),
        );
      });
      const doc = parsePageFile(readFileSync(join(packageRoot(), 'content', 'pages', 'causes-radiation.md'), 'utf8'), 'causes-radiation');
      doc.sections = [...doc.sections, { heading: 'Reader test', entries: [{ kind: 'research', citationKey: key, body: 'A digest used only by the reader tests.' }] }];
      await testApp.atoz.store.savePage(doc);
      await testApp.atoz.contentChanged();
      const page = await (await testApp.request('/directory/causes-radiation')).text();
      expect(page).toContain('href="https://pubmed.ncbi.nlm.nih.gov/27933103/"');
      expect(page).toContain('href="https://doi.org/10.1000/reader-test"');
    });
  });

  describe('index pages', () => {
    it('the directory tree and the A–Z index link every topic', async () => {
      const tree = await get('/directory');
      const az = await get('/directory/a-z');
      for (const slug of DEMO_SLUGS) {
        expect(tree, slug).toContain(`href="/directory/${slug}"`);
        expect(az, slug).toContain(`href="/directory/${slug}"`);
      }
    });

    it('the A–Z index is in alphabetical order and its letters jump to their groups', async () => {
      const az = await get('/directory/a-z');
      const titles = all(az, /<ul class="az-list">(.*?)<\/ul>/gs).flatMap((list) => all(list, /<a href="[^"]+">([^<]+)<\/a>/g));
      expect(titles).toHaveLength(DEMO_SLUGS.length);
      expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
      for (const letter of all(az, /<a href="#(letter-[^"]+)">/g)) expect(az).toContain(`<h2 id="${letter}">`);
    });

    it('the A–Z files pages under the name they are listed as: "Causes: Silica" under S, every letter with entries in the letter row', async () => {
      const az = await get('/directory/a-z');
      const group = (letter: string) => all(az, new RegExp(`<h2 id="letter-${letter}">${letter}</h2><ul class="az-list">(.*?)</ul>`, 'gs'))[0] ?? '';
      expect(group('S')).toContain('<a href="/directory/causes-silica">Silica</a> <span class="az-context">(Causes)</span>');
      expect(group('C')).not.toContain('href="/directory/causes-silica"');
      // No letter holds almost everything any more.
      const letters = all(az, /<h2 id="letter-([A-Z]|other)">/g);
      for (const letter of letters) expect(all(group(letter), /(<li>)/g).length, letter).toBeLessThan(DEMO_SLUGS.length / 2);
      expect(letters.length).toBeGreaterThan(10);
      expect(all(az, /<a href="#letter-([^"]+)">/g)).toEqual(letters);
      // The tree lists a cause by its own name under its parent.
      expect(await get('/directory')).toContain('<a href="/directory/causes-silica">Silica</a>');
    });

    it('the wanted list puts the most-linked pages first and names who links to them', async () => {
      const wanted = await get('/wanted');
      const counts = all(wanted, /<td data-label="Links">(\d+)<\/td>/g).map(Number);
      expect(counts.length).toBeGreaterThan(10);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(wanted).toMatch(/<tr id="raynauds"><th scope="row">Raynaud&#39;s<\/th><td data-label="Links">3<\/td>/);
    });

    it('the bibliography lists every citation with the pages citing it', async () => {
      const bib = await get('/bibliography');
      expect(all(bib, /<li id="(cite-\d+)">/g).length).toBeGreaterThanOrEqual(7);
      expect(bib).toMatch(/Cited on:.*<a href="\/directory\/causes-proteins">Causes: Proteins<\/a>/s);
    });

    it('home leads to the directory, the A–Z index and help', async () => {
      const home = await get('/');
      expect(home).toContain('<a href="/directory">Medical Directory</a>');
      expect(home).toContain('<a href="/directory/a-z">A–Z of topics</a>');
      expect(home).toContain('<a href="/support">How we can support you</a>');
      expect(jsonLdOf(home)).toMatchObject({ '@type': 'WebSite', url: `${BASE}/` });
    });
  });

  describe('sitemap.xml and robots.txt', () => {
    it('the sitemap lists every topic page with an absolute URL and a date', async () => {
      const res = await testApp.request('/sitemap.xml');
      expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const xml = await res.text();
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml="http:\/\/www.w3.org\/1999\/xhtml">/);
      for (const slug of DEMO_SLUGS) expect(xml, slug).toMatch(new RegExp(`<url><loc>${BASE}/directory/${slug}</loc><lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>(<xhtml:link [^>]+/>)*</url>`));
      expect(xml).toContain(`<url><loc>${BASE}/</loc><xhtml:link rel="alternate" hreflang="en" href="${BASE}/"/>`);
    });

    it('robots.txt points at the sitemap and keeps crawlers out of search results', async () => {
      const res = await testApp.request('/robots.txt');
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      const text = await res.text();
      expect(text).toContain(`Sitemap: ${BASE}/sitemap.xml`);
      expect(text).toContain('Disallow: /search');
    });
  });
});
