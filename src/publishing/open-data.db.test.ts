import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { bumpContentVersion } from '../directory/store.js';
import { loadSettings, saveSettings } from '../site/settings.js';
import type { PublishingDomain } from './domain.js';
import { toCsv } from './open-data.js';

/** A strict RFC 4180 reader, to check what the export writes reads back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

test('CSV cells with commas, quotes and line breaks are quoted and read back the same', () => {
  const values = ['plain', 'a, b', 'say "hi"', 'two\nlines', null];
  expect(readCsv(toCsv(['a', 'b', 'c', 'd', 'e'], [values]))).toEqual([['a', 'b', 'c', 'd', 'e'], ['plain', 'a, b', 'say "hi"', 'two\nlines', '']]);
});

describe.skipIf(await skipWithoutDatabase())('npm run atoz -- export-data: open-data releases', () => {
  let t: TestApp;
  let folder: string;
  let publishing: PublishingDomain;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
    folder = mkdtempSync(join(tmpdir(), 'atoz-open-data-'));
    publishing = t.atoz.domains.find((d): d is PublishingDomain => d.name === 'publishing')!;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a release has every page, digest and citation as JSON and CSV, with the licence from settings and checksums', async () => {
    // As the settings form saves them: with the content version moved, so every server's cached settings drop.
    const settings = { ...(await loadSettings(t.atoz.database.db)), licence: 'CC BY 4.0' };
    await t.atoz.database.db.transaction().execute(async (tx) => {
      await saveSettings(tx, settings);
      await bumpContentVersion(tx);
    });
    await t.atoz.contentChanged();
    const { release, folder: dir, diff } = await publishing.exportData(folder);
    expect(release.licence).toBe('CC BY 4.0');
    expect(release.previous).toBeNull();
    const pageCount = (await t.atoz.queries.tree()).order.length;
    expect(release.counts.pages).toBe(pageCount);
    expect(diff.pages.added).toHaveLength(pageCount);

    const pages = JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as Array<{ slug: string; review: { on: string | null }; sections: Array<{ entries: unknown[] }>; citations: Array<{ key: string }> }>;
    const silica = pages.find((p) => p.slug === 'causes-silica')!;
    expect(silica.sections.flatMap((s) => s.entries).length).toBeGreaterThan(0);
    const csv = readCsv(readFileSync(join(dir, 'pages.csv'), 'utf8'));
    expect(csv[0]).toContain('reviewed_on');
    expect(csv.slice(1).map((r) => r[0])).toEqual(pages.map((p) => p.slug));
    const digests = readCsv(readFileSync(join(dir, 'digests.csv'), 'utf8'));
    expect(digests.length - 1).toBe(release.counts.digests);
    const citations = readCsv(readFileSync(join(dir, 'citations.csv'), 'utf8'));
    expect(citations.length - 1).toBe(release.counts.citations);
    expect(release.counts.citations).toBeGreaterThan(0);
    const cited = new Set(pages.flatMap((p) => p.citations.map((c) => c.key)));
    expect(new Set(citations.slice(1).map((r) => r[0]))).toEqual(cited);
    for (const [name, { sha256 }] of Object.entries(release.files)) expect(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')).toBe(sha256);
  });

  test('the next release says what changed since the previous one', async () => {
    const view = (await t.atoz.queries.page('causes-silica'))!;
    await t.atoz.store.savePage({
      slug: view.slug,
      title: view.title,
      parentSlug: 'causes-of-scleroderma',
      position: 0,
      summary: 'Summary changed for the open-data test.',
      createdOn: view.createdOn,
      sections: [{ heading: null, entries: [{ kind: 'summary', body: 'Changed for the open-data test.' }] }],
    });
    await t.atoz.store.savePage({
      slug: 'open-data-test',
      title: 'Open data test page',
      parentSlug: null,
      position: 999,
      summary: 'Added by the open-data test.',
      createdOn: '2024-01-01',
      sections: [{ heading: 'About', entries: [{ kind: 'summary', body: 'Written for the open-data test.' }] }],
    });
    await t.atoz.contentChanged();
    const second = await publishing.exportData(folder);
    expect(second.diff.from).not.toBeNull();
    expect(second.diff.pages.added).toEqual(['open-data-test']);
    expect(second.diff.pages.removed).toEqual([]);
    expect(second.diff.pages.changed).toContainEqual({ slug: 'causes-silica', fields: expect.arrayContaining(['summary', 'sections']) as string[] });
    // Silica's citations are gone from its text: those cited nowhere else leave the release, exactly those.
    const keys = (dir: string) => new Set((JSON.parse(readFileSync(join(dir, 'citations.json'), 'utf8')) as Array<{ key: string }>).map((c) => c.key));
    const [was, now] = [keys(join(folder, second.diff.from!)), keys(second.folder)];
    expect(second.diff.citations.removed).toEqual([...was].filter((k) => !now.has(k)).sort());
    expect(second.diff.citations.changed.every((c) => c.fields.includes('citedBy'))).toBe(true);
    expect(JSON.parse(readFileSync(join(second.folder, 'diff.json'), 'utf8'))).toEqual(second.diff);

    await t.atoz.store.deletePage('open-data-test');
    await t.atoz.contentChanged();
    const third = await publishing.exportData(folder);
    expect(third.diff).toMatchObject({ from: second.release.id, pages: { added: [], removed: ['open-data-test'], changed: [] } });
    expect(readdirSync(folder).sort()).toEqual([second.diff.from, second.release.id, third.release.id]);
  });
});
