import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutDatabase } from '../../test/support/database.js';
import type { SearchResults } from './search.js';
import { type SearchFixture, createSearchFixture, slugsFor } from './test-support/fixture-directory.js';

const skip = await skipWithoutDatabase();

/** Text that breaks naive full-text search: query syntax of FTS5 and tsquery, SQL, control characters, scripts, huge input. */
const NASTY = [
  '', ' ', '\t\n', '"', '""', '"zephyrine', 'zephyrine"', '*', 'zeph*', '^zephyrine', 'zephyrine^2', 'NEAR', 'NEAR(zephyrine marble)',
  'zephyrine NEAR/2 marble', 'AND', 'OR', 'NOT', 'zephyrine AND', 'OR zephyrine', 'NOT zephyrine', '(', ')', '((((zephyrine', 'zephyrine)))',
  'title:zephyrine', '{title heading}: zephyrine', '- zephyrine', '-zephyrine', '+zephyrine', 'zephyrine:*', '!zephyrine', 'zephyrine & marble',
  'zephyrine | marble', 'zephyrine <-> marble', "'zephyrine'", "'; drop table pages; --", '%', '_', '\\', '\\"', '\u0000', '\u0000zephyrine',
  '\u0007\u001b[31mzephyrine', '😀', '👩‍⚕️ zephyrine', 'שלום עולם', 'مرحبا zephyrine', '\u202Ezephyrine', 'zephyrine\u200B', '\uFEFF', '\uFFFF',
  '\uD800', 'z\uDFFFz', 'a'.repeat(2000), 'zephyrine '.repeat(300), 'ж'.repeat(2000), '<script>alert(1)</script>', '&amp;', 'NULL', 'undefined',
  '1e999', '-1', '0x10', 'ß'.repeat(500), '̸̢̧'.repeat(300),
];

function wellFormed(r: SearchResults): void {
  expect(r.total).toBeGreaterThanOrEqual(0);
  expect(r.pages.length).toBeLessThanOrEqual(r.perPage);
  expect(r.text.length).toBeLessThanOrEqual(200);
  for (const p of r.pages) expect(p.slug).toMatch(/^[a-z0-9-]+$/);
}

describe.skipIf(skip)('search and bad input', () => {
  let f: SearchFixture;
  beforeAll(async () => {
    f = await createSearchFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('answers every known-nasty query without an error', async () => {
    for (const text of NASTY) {
      wellFormed(await f.search.search({ text }));
      expect(Array.isArray(await f.search.suggest(text))).toBe(true);
      wellFormed(await f.search.search({ text, kinds: ['research'], yearFrom: 1900, yearTo: 2100, page: 3 }));
    }
  });

  it('answers any string at all without an error (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 2500 })), async (text) => {
        wellFormed(await f.search.search({ text }));
        await f.search.suggest(text);
      }),
      { numRuns: 120 },
    );
  });

  it('reads quotes, stars, carets, colons, parentheses and minus signs as spaces (property)', async () => {
    const word = fc.constantFrom('zephyrine', 'marble', 'lanternfish', 'counting', 'gravelin', 'coeliac', 'quendelby', 'dcssc');
    const junk = fc.constantFrom('"', '*', '^', '(', ')', ':', '-', '+', '{', '}', '!', '&', '|', '<->', ',', ';', "'");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(junk, word, junk), { minLength: 1, maxLength: 3 }), async (parts) => {
        const decorated = parts.map(([a, w, b]) => `${a}${w}${b}`).join(' ');
        const plain = parts.map(([, w]) => w).join(' ');
        expect(await slugsFor(f.search, decorated)).toEqual(await slugsFor(f.search, plain));
      }),
      { numRuns: 60 },
    );
  });

  it('reads AND, OR, NOT and NEAR as words, never operators', async () => {
    // If NOT were an operator, the Zephyrine Overview page would be left out.
    expect(await slugsFor(f.search, 'zephyrine NOT overview')).toContain('zephyrine-overview');
    // If OR were an operator, both pages would match fully; as words they are two words no page has together.
    expect((await f.search.search({ text: 'zephyrine OR lanternfish' })).relaxed).toBe(true);
    expect(await slugsFor(f.search, 'zephyrine OR lanternfish')).toEqual(await slugsFor(f.search, 'zephyrine lanternfish'));
    expect(await slugsFor(f.search, 'NEAR(zephyrine overview)')).toEqual(await slugsFor(f.search, 'near zephyrine overview'));
  });
});
