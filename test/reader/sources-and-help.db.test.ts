import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpContentVersion } from '../../src/directory/store.js';
import { loadSettings, saveSettings } from '../../src/site/settings.js';
import { packageRoot } from '../../src/web/package-root.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { skipWithoutDatabase } from '../support/database.js';

// Sources a reader can follow in plain words, and a way to urgent help on every topic page.

const DEMO_SLUGS = readdirSync(join(packageRoot(), 'content', 'pages'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3));

const all = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

describe.skipIf(await skipWithoutDatabase())('sources and urgent help on topic pages', () => {
  let testApp: TestApp;
  const get = async (path: string) => (await testApp.request(path)).text();
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('names where each source can be read in plain words, never "DOI" or "No PubMed record linked"', async () => {
    const page = await get('/directory/causes-of-scleroderma');
    expect(page).toContain('<a class="cite-link" href="https://doi.org/10.1371/journal.pone.0001693">Read the study (journal site)</a>');
    for (const slug of DEMO_SLUGS) {
      const html = await get(`/directory/${slug}`);
      expect(html, slug).not.toMatch(/>(DOI|PMC|PubMed)<\/a>/);
      expect(html, slug).not.toContain('No PubMed record linked');
    }
    const bibliography = await get('/bibliography');
    expect(bibliography).not.toMatch(/>(DOI|PMC|PubMed)<\/a>/);
    expect(bibliography).toContain('>Read the study (journal site)</a>');
  });

  it('in Spanish, the same links speak Spanish', async () => {
    const page = await get('/es/directory/causes-of-scleroderma');
    expect(page).toContain('>Leer el estudio (sitio de la revista)</a>');
  });

  it('links each reference back to every place that cites it, and each of those places exists', async () => {
    let checked = 0;
    for (const slug of DEMO_SLUGS) {
      const html = await get(`/directory/${slug}`);
      const references = all(html, /<section class="references" aria-labelledby="references">(.*?)<\/section>/gs)[0];
      if (!references) continue;
      for (const item of all(references, /<li id="ref-\d+">(.*?)<\/li>/gs)) {
        const backs = all(item, /<span class="ref-back">(.*?)<\/span>/gs)[0];
        expect(backs, `${slug}: a reference without a way back`).toBeDefined();
        for (const target of all(backs!, /href="#([^"]+)"/g)) {
          expect(html, `${slug}#${target}`).toMatch(new RegExp(`id="${target}"`));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
    // A marker in the text carries the id its reference links back to; a digest's study links back to its "Source" line.
    const page = await get('/directory/causes-of-scleroderma');
    expect(page).toContain('<a href="#ref-2" id="cite-2-1" class="cite-ref" aria-label="Reference 2">[2]</a>');
    expect(page).toContain('<span class="ref-back"> <a href="#cite-2-1">Back to where it is cited</a></span>');
    expect(page).toMatch(/<p class="entry-source" id="source-\d+">/);
  });

  it('labels digests, sub-pages, backlinks and evidence in plain words', async () => {
    const page = await get('/directory/causes-proteins');
    expect(page).toContain('<p class="entry-kind">What a study from 2013 found</p>');
    expect(page).toMatch(/<dt>Studies used<\/dt><dd>Published (in \d{4}|between \d{4} and \d{4})<\/dd>/);
    expect(page).toContain('<h2 id="backlinks-title">Other pages that mention this topic</h2>');
    expect(await get('/directory/causes-silica')).toContain('<h3>More about this</h3>');
    for (const word of ['Research digest', 'Sub-articles', 'Pages that link here', 'Evidence<']) expect(page).not.toContain(word);
  });

  it('every topic page has "If you need help now" from the settings, with the phone lines', async () => {
    const settings = await loadSettings(testApp.database.handle.db);
    expect(settings.urgentHelp).not.toBe('');
    for (const slug of DEMO_SLUGS) {
      const html = await get(`/directory/${slug}`);
      const box = all(html, /<aside class="urgent-help" aria-labelledby="urgent-help-title">(.*?)<\/aside>/gs)[0];
      expect(box, slug).toBeDefined();
      expect(box).toContain('<h2 id="urgent-help-title">If you need help now</h2>');
      expect(box).toContain(`<p>${settings.urgentHelp.replace(/'/g, '&#39;')}</p>`);
      expect(box).toContain('<a href="tel:+15550100" dir="ltr">+1 555 0100</a>');
    }
  });

  it('a print button waits for JavaScript (hidden in the HTML), and the callout goes when the setting is emptied', async () => {
    const path = '/directory/causes-stress';
    expect(await get(path)).toContain('<button type="button" class="button secondary print-button" data-print="" hidden="">Print this page</button>');
    const db = testApp.database.handle.db;
    const settings = await loadSettings(db);
    await db.transaction().execute(async (tx) => {
      await saveSettings(tx, { ...settings, urgentHelp: '' });
      await bumpContentVersion(tx);
    });
    await testApp.atoz.contentChanged();
    expect(await get(path)).not.toContain('urgent-help');
    await db.transaction().execute(async (tx) => {
      await saveSettings(tx, settings);
      await bumpContentVersion(tx);
    });
    await testApp.atoz.contentChanged();
    expect(await get(path)).toContain('urgent-help');
  });
});
