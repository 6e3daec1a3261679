import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { ContentSyntaxError, parsePageFile } from '../content/page-file.js';
import { loadPublishedDocument } from '../editing/published-document.js';
import type { PageDocumentInput } from './document.js';
import { ContentValidationError } from './errors.js';

const skip = await skipWithoutDatabase();

/** A page with placeholder text; only its codes matter here. */
function page(slug: string, codes: PageDocumentInput['codes']): PageDocumentInput {
  return {
    slug,
    title: `Codes test ${slug}`,
    parentSlug: null,
    position: 90,
    createdOn: '2024-01-15',
    codes,
    sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Placeholder text.' }] }],
  };
}

async function problemsOf(work: Promise<unknown>): Promise<Record<string, string>> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ContentValidationError);
  return Object.fromEntries((error as ContentValidationError).problems.map((p) => [p.path, p.message]));
}

describe.skipIf(skip)('clinical codes of a topic', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('the demo overview page shows its codes in a "Medical codes" box, each linked to its source', async () => {
    const html = await (await app.request('/directory/scleroderma-symptoms')).text();
    const box = /<aside class="medical-codes"[\s\S]*?<\/aside>/.exec(html)?.[0] ?? '';
    expect(box).toContain('<h2 id="medical-codes-title">Medical codes</h2>');
    expect(box).toContain('href="https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&amp;mainSearchCriteria.v.c=M34.0&amp;knowledgeResponseType=text/html"');
    expect(box).toContain('>M34.9</a>');
    expect(box).toContain('href="https://www.orpha.net/en/disease/detail/90291"');
    expect(box).toContain('>ORPHA:90291</a>');
    expect(box).toContain('href="https://meshb.nlm.nih.gov/record/ui?ui=D012595"');
    // A page without codes has no box.
    expect(await (await app.request('/directory/causes-silica')).text()).not.toContain('medical-codes');
  });

  it('the JSON-LD names the condition with MedicalCode entries', async () => {
    const html = await (await app.request('/directory/scleroderma-symptoms')).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { about?: { '@type': string; code: unknown[] } };
    expect(ld.about?.['@type']).toBe('MedicalCondition');
    expect(ld.about?.code).toEqual([
      { '@type': 'MedicalCode', codeValue: 'M34.0', codingSystem: 'ICD-10-CM' },
      { '@type': 'MedicalCode', codeValue: 'M34.9', codingSystem: 'ICD-10-CM' },
      { '@type': 'MedicalCode', codeValue: 'ORPHA:90291', codingSystem: 'ORPHANET' },
      { '@type': 'MedicalCode', codeValue: 'D012595', codingSystem: 'MeSH' },
    ]);
  });

  it('the API gives the codes with their links', async () => {
    const body = (await (await app.request('/api/v1/pages/scleroderma-symptoms')).json()) as { codes: unknown[] };
    expect(body.codes).toContainEqual({ system: 'ORPHA', code: 'ORPHA:90291', url: 'https://www.orpha.net/en/disease/detail/90291' });
    expect(body.codes).toHaveLength(4);
  });

  it('search finds the page by any of its codes, written as readers write them', async () => {
    for (const q of ['M34.9', 'ORPHA:90291', 'D012595', '90291']) {
      const body = (await (await app.request(`/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as { items: Array<{ url: string }> };
      expect({ q, found: body.items.some((r) => r.url.includes('/directory/scleroderma-symptoms')) }).toEqual({ q, found: true });
    }
  });

  it('codes are saved in order, read back into the page document, and a changed list replaces the old one', async () => {
    const store = app.atoz.store;
    const id = await store.savePage(page('codes-round-trip', [{ system: 'OMIM', code: '601863' }, { system: 'ICD-11', code: '4A40', whoEntity: '1234567' }]));
    expect((await loadPublishedDocument(app.database.handle.db, id))!.codes).toEqual([
      { system: 'OMIM', code: '601863' },
      { system: 'ICD-11', code: '4A40', whoEntity: '1234567' },
    ]);
    await store.savePage(page('codes-round-trip', [{ system: 'MeSH', code: 'D012595' }]));
    expect((await loadPublishedDocument(app.database.handle.db, id))!.codes).toEqual([{ system: 'MeSH', code: 'D012595' }]);
    const html = await (await app.request('/directory/codes-round-trip')).text();
    expect(html).toContain('>D012595</a>');
    expect(html).not.toContain('601863');
  });

  it('a malformed code, an unknown system or a code listed twice is refused and nothing is written', async () => {
    expect(await problemsOf(app.atoz.store.savePage(page('codes-bad', [{ system: 'ICD-10-CM', code: 'M34-9' }])))).toEqual({
      'codes.0.code': '"M34-9" is not in the form of ICD-10-CM codes (for example M34.9)',
    });
    const unknown = await problemsOf(app.atoz.store.savePage(page('codes-bad', [{ system: 'ICD-9' as 'OMIM', code: '710.1' }])));
    expect(Object.keys(unknown)).toEqual(['codes.0.system']);
    expect(await problemsOf(app.atoz.store.savePage(page('codes-bad', [{ system: 'MeSH', code: 'D012595' }, { system: 'MeSH', code: 'D012595' }])))).toEqual({
      'codes.1': 'MeSH D012595 is listed twice',
    });
    expect(await (await app.request('/directory/codes-bad')).text()).not.toContain('codes-bad');
    expect((await app.request('/directory/codes-bad')).status).toBe(404);
  });
});

describe('codes in page files', () => {
  const file = (codes: string) => `---\ntitle: A page\ncreated: 2024-01-01\ncodes: ${codes}\n---\n\nText.\n`;

  it('are read in canonical form', () => {
    expect(parsePageFile(file('["icd-10-cm:m349", "ORPHA:90291"]'), 'a-page').codes).toEqual([
      { system: 'ICD-10-CM', code: 'M34.9' },
      { system: 'ORPHA', code: '90291' },
    ]);
  });

  it('an unknown system or malformed code names the file and what is wrong', () => {
    expect(() => parsePageFile(file('["ICD-9:710.1"]'), 'a-page')).toThrow(
      new ContentSyntaxError('a-page.md', null, 'front matter field "codes": "ICD-9" is not a code system we know: use ICD-10-CM, ICD-11, ORPHA, MeSH, SNOMED CT or OMIM'),
    );
    expect(() => parsePageFile(file('["MeSH:12595"]'), 'a-page')).toThrow(/"12595" is not in the form of MeSH codes/);
  });
});
