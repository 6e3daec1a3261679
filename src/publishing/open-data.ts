/**
 * An open-data release of the directory (`npm run atoz -- export-data <folder>`):
 * pages with their digests, citations and review dates as JSON (the API's
 * shapes, src/api/schemas.ts) and CSV, a release.json naming the licence
 * from site settings and each file's SHA-256, and diff.json: what was added,
 * removed or changed since the previous release in the same folder.
 *
 * Each release is a folder of its own (<folder>/<UTC instant>/), written
 * under a temporary name and renamed into place when complete, so a reader
 * never sees half a release.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from '@hono/zod-openapi';
import { presentCitation, presentPage } from '../api/presenters.js';
import type { CitationSummary, Page } from '../api/schemas.js';
import type { DirectoryQueries } from '../directory/queries.js';
import type { SiteSettings } from '../site/settings.js';

export const OPEN_DATA_FORMAT = 'atoz-open-data/1';

type PageRecord = z.infer<typeof Page>;
type CitationRecord = z.infer<typeof CitationSummary> & { citedBy: string[] };

export interface ReleaseInfo {
  format: typeof OPEN_DATA_FORMAT;
  id: string;
  generatedAt: string;
  publisher: string;
  site: string;
  /** From site settings; null when none is stated (reusers must then ask). */
  licence: string | null;
  copyright: string | null;
  counts: { pages: number; digests: number; citations: number };
  files: Record<string, { sha256: string; bytes: number }>;
  previous: string | null;
}

export interface ReleaseDiff {
  format: typeof OPEN_DATA_FORMAT;
  from: string | null;
  to: string;
  pages: { added: string[]; removed: string[]; changed: Array<{ slug: string; fields: string[] }> };
  citations: { added: string[]; removed: string[]; changed: Array<{ key: string; fields: string[] }> };
}

export interface ExportResult {
  folder: string;
  release: ReleaseInfo;
  diff: ReleaseDiff;
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Fields of two records that differ (top level, compared as JSON). */
function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: string[] = []): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !ignore.includes(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

function diffBy<T>(before: T[], after: T[], key: (item: T) => string, ignore: string[]) {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  return {
    added: [...now.keys()].filter((k) => !old.has(k)).sort(),
    removed: [...old.keys()].filter((k) => !now.has(k)).sort(),
    changed: [...now]
      .filter(([k]) => old.has(k))
      .map(([k, x]) => ({ key: k, fields: changedFields(old.get(k) as Record<string, unknown>, x as Record<string, unknown>, ignore) }))
      .filter((c) => c.fields.length > 0),
  };
}

/** The newest complete release in the folder, if any. */
function previousRelease(folder: string): string | null {
  if (!existsSync(folder)) return null;
  const ids = readdirSync(folder)
    .filter((name) => /^\d{4}-\d{2}-\d{2}T[\d-]+Z(-\d+)?$/.test(name) && existsSync(join(folder, name, 'release.json')))
    .sort();
  return ids.at(-1) ?? null;
}

export async function exportOpenData(deps: { queries: DirectoryQueries; settings: SiteSettings; baseUrl: string; now?: Date }, folder: string): Promise<ExportResult> {
  const now = deps.now ?? new Date();
  const tree = await deps.queries.tree();
  const pages: PageRecord[] = [];
  const citations = new Map<string, CitationRecord>();
  for (const node of tree.order) {
    const view = await deps.queries.page(node.slug);
    if (!view) continue;
    const parent = node.parentId === null ? null : (tree.byId.get(node.parentId)?.slug ?? null);
    pages.push(presentPage(view, parent, deps.baseUrl));
    for (const c of view.citations) {
      const known = citations.get(c.key) ?? { ...presentCitation(c), citedBy: [] };
      if (!known.citedBy.includes(view.slug)) known.citedBy.push(view.slug);
      citations.set(c.key, known);
    }
  }
  const citationList = [...citations.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const digests = pages.flatMap((p) => p.sections.flatMap((s) => s.entries.map((e) => ({ page: p.slug, section: s.heading, anchor: s.anchor, ...e }))));

  const files: Record<string, string> = {
    'pages.json': JSON.stringify(pages, null, 1),
    'citations.json': JSON.stringify(citationList, null, 1),
    'pages.csv': toCsv(
      ['slug', 'title', 'summary', 'url', 'parent', 'created_on', 'updated_on', 'reviewed_on', 'reviewed_by', 'next_review_on', 'changed_at', 'citations'],
      pages.map((p) => [p.slug, p.title, p.summary, p.url, p.parent, p.createdOn, p.updatedOn, p.review.on, p.review.by?.name, p.review.next, p.changedAt, p.citations.map((c) => c.key)]),
    ),
    'digests.csv': toCsv(
      ['page', 'section', 'anchor', 'kind', 'text', 'citation', 'source_outlet', 'source_headline', 'source_url', 'source_published_on'],
      digests.map((d) => [d.page, d.section, d.anchor, d.kind, d.text, d.citation, d.source?.outlet, d.source?.headline, d.source?.url, d.source?.publishedOn]),
    ),
    'citations.csv': toCsv(
      ['key', 'title', 'journal', 'year', 'pmid', 'pmcid', 'doi', 'url', 'study_type', 'retraction', 'cited_by'],
      citationList.map((c) => [c.key, c.title, c.journal, c.year, c.pmid, c.pmcid, c.doi, c.url, c.studyType.id, c.retraction, c.citedBy]),
    ),
  };

  let id = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  for (let n = 2; existsSync(join(folder, id)); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
  const previous = previousRelease(folder);
  const before = previous
    ? {
        pages: JSON.parse(readFileSync(join(folder, previous, 'pages.json'), 'utf8')) as PageRecord[],
        citations: JSON.parse(readFileSync(join(folder, previous, 'citations.json'), 'utf8')) as CitationRecord[],
      }
    : { pages: [], citations: [] };
  // changedAt moves with any write to a page; the diff names what a reuser sees change.
  const pageDiff = diffBy(before.pages, pages, (p) => p.slug, ['changedAt']);
  const citationDiff = diffBy(before.citations, citationList, (c) => c.key, []);
  const diff: ReleaseDiff = {
    format: OPEN_DATA_FORMAT,
    from: previous,
    to: id,
    pages: { added: pageDiff.added, removed: pageDiff.removed, changed: pageDiff.changed.map((c) => ({ slug: c.key, fields: c.fields })) },
    citations: citationDiff,
  };
  files['diff.json'] = JSON.stringify(diff, null, 1);

  const release: ReleaseInfo = {
    format: OPEN_DATA_FORMAT,
    id,
    generatedAt: now.toISOString(),
    publisher: deps.settings.organisation,
    site: deps.baseUrl,
    licence: deps.settings.licence || null,
    copyright: deps.settings.copyright || null,
    counts: { pages: pages.length, digests: digests.length, citations: citationList.length },
    files: Object.fromEntries(Object.entries(files).map(([name, text]) => [name, { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) }])),
    previous,
  };

  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${id}.tmp-${process.pid}`);
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(temporary, name), text);
  writeFileSync(join(temporary, 'release.json'), JSON.stringify(release, null, 1));
  renameSync(temporary, join(folder, id));
  return { folder: join(folder, id), release, diff };
}
