import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { type Search, createSearch } from './search.js';

const skip = await skipWithoutDatabase();

/**
 * Realistic queries against the demo directory (content/pages) and the page
 * a reader means. `needs` marks queries that only work thanks to one
 * feature: switched off, each of those must fail, proving the feature is
 * what finds the page (and that the list is not rigged).
 */
const RELEVANCE: Array<{ q: string; page: string; needs?: 'synonyms' | 'typos' }> = [
  // Abbreviations and spellings clinicians use
  { q: 'SSc lung', page: 'causes-serum-timp-2' },
  { q: 'dcSSc', page: 'causes-proteins' },
  { q: 'TGF beta', page: 'causes-molecular-defect-tgf-beta-dysregulation' },
  { q: 'TGFβ', page: 'causes-molecular-defect-tgf-beta-dysregulation' },
  { q: 'NK cells', page: 'causes-natural-killer-cells' },
  { q: 'AGEs', page: 'causes-advanced-glycation-endproducts-ages' },
  { q: 'Sjögren', page: 'causes-gluten-sensitivity' },
  { q: 'vit D', page: 'causes-vitamin-d-deficiency' },
  { q: 'dSSc', page: 'causes-proteins', needs: 'synonyms' },
  { q: 'lSSc', page: 'causes-serum-scd40', needs: 'synonyms' },
  { q: 'RP', page: 'causes-drugs-and-medications', needs: 'synonyms' },
  { q: 'TGFbeta', page: 'causes-molecular-defect-tgf-beta-dysregulation', needs: 'synonyms' },
  { q: 'TNFalpha', page: 'causes-interleukins', needs: 'synonyms' },
  { q: 'cholecalciferol', page: 'causes-vitamin-d-deficiency', needs: 'synonyms' },
  { q: 'scleroderma lung', page: 'causes-serum-timp-2', needs: 'synonyms' },
  { q: 'Sjoegren', page: 'causes-gluten-sensitivity' },
  { q: 'CREST', page: 'causes-genetics' },
  // How patients type
  { q: 'raynauds', page: 'causes-drugs-and-medications' },
  { q: "Reynaud's", page: 'causes-drugs-and-medications' },
  { q: 'mercury fillings', page: 'causes-mercury-exposure-dental-amalgam' },
  { q: 'white blood cells', page: 'causes-b-cells-and-t-cells' },
  { q: 'overactive thyroid', page: 'causes-thyroid-disease' },
  { q: 'sleep apnea', page: 'causes-sleep-disorders' },
  { q: 'breast implants', page: 'causes-artificial-joints-and-silicone-breast-implants' },
  { q: 'paint thinners', page: 'causes-environmental-exposures' },
  { q: 'is scleroderma contagious', page: 'causes-of-scleroderma' },
  { q: 'gatekeeper protein', page: 'causes-proteins' },
  { q: 'lupus silica', page: 'causes-silica' },
  { q: 'twins genes', page: 'causes-genetics' },
  { q: 'sunshine vitamin', page: 'causes-vitamin-d-deficiency' },
  // Studies by author and journal
  { q: 'Klareskog', page: 'causes-of-scleroderma' },
  { q: 'Mediators of Inflammation', page: 'causes-serum-timp-2' },
  { q: 'skin autofluorescence', page: 'causes-advanced-glycation-endproducts-ages' },
  // Misspellings
  { q: 'sclerodema', page: 'causes-of-scleroderma', needs: 'typos' },
  { q: 'fibroblats', page: 'causes-fibroblasts', needs: 'typos' },
  { q: 'kallikrien', page: 'causes-tissue-kallikrein', needs: 'typos' },
  { q: 'endotheline', page: 'causes-endothelin', needs: 'typos' },
  { q: 'autofluoresence', page: 'causes-advanced-glycation-endproducts-ages', needs: 'typos' },
  { q: 'glutten', page: 'causes-gluten-sensitivity', needs: 'typos' },
  { q: 'thyriod', page: 'causes-thyroid-disease', needs: 'typos' },
  { q: 'raynuads', page: 'causes-drugs-and-medications', needs: 'typos' },
  { q: 'silca', page: 'causes-silica', needs: 'typos' },
  { q: 'interleukines', page: 'causes-interleukins', needs: 'typos' },
];

async function top3(search: Search, q: string): Promise<string[]> {
  return (await search.search({ text: q })).pages.slice(0, 3).map((p) => p.slug);
}

describe.skipIf(skip)('relevance on the demo directory', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it.each(RELEVANCE)('"$q" has $page in the top 3', async ({ q, page }) => {
    expect(await top3(app.atoz.search, q)).toContain(page);
  });

  it('needs its synonym table: without it, every query marked "synonyms" misses its page', async () => {
    const withoutSynonyms = createSearch(app.database.handle.db, { synonyms: false });
    const marked = RELEVANCE.filter((r) => r.needs === 'synonyms');
    const stillFound = [];
    for (const r of marked) if ((await top3(withoutSynonyms, r.q)).includes(r.page)) stillFound.push(r.q);
    expect(stillFound).toEqual([]);
    expect(marked.length).toBeGreaterThanOrEqual(5);
  });

  it('needs typo tolerance: without it, every query marked "typos" misses its page', async () => {
    const withoutTypos = createSearch(app.database.handle.db, { typos: false });
    const marked = RELEVANCE.filter((r) => r.needs === 'typos');
    const stillFound = [];
    for (const r of marked) if ((await top3(withoutTypos, r.q)).includes(r.page)) stillFound.push(r.q);
    expect(stillFound).toEqual([]);
    expect(marked.length).toBeGreaterThanOrEqual(5);
  });
});
