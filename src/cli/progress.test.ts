import { describe, expect, it } from 'vitest';
import type { CopyProgress } from '../db/copy/copy-database.js';
import { backupProgressReporter, copyProgressReporter } from './progress.js';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (t: string) => writes.push(t) };
}

const events: CopyProgress[] = [
  { kind: 'plan', tables: [{ name: 'pages', rows: 3 }, { name: 'links', rows: 1 }], totalRows: 4 },
  { kind: 'rows', table: 'pages', tableCopied: 3, tableRows: 3, totalCopied: 3, totalRows: 4 },
  { kind: 'table-done', table: 'pages', rows: 3 },
  { kind: 'rows', table: 'links', tableCopied: 1, tableRows: 1, totalCopied: 4, totalRows: 4 },
  { kind: 'table-done', table: 'links', rows: 1 },
  { kind: 'verifying', table: 'pages' },
  { kind: 'verifying', table: 'links' },
];

describe('copy progress on stderr', () => {
  it('writes plain lines, one per table, when stderr is not a terminal', () => {
    const out = output(false);
    const report = copyProgressReporter(out);
    for (const e of events) report(e);
    expect(out.writes.join('')).toBe(
      'Copying 2 tables, 4 rows.\n  pages: 3 rows copied\n  links: 1 row copied\nVerifying row counts and checksums of every table…\n',
    );
  });

  it('redraws one bar in place on a terminal', () => {
    const out = output(true);
    const report = copyProgressReporter(out);
    for (const e of events) report(e);
    const text = out.writes.join('');
    expect(text).toContain('\r\x1b[2K[');
    expect(text).toMatch(/\[#{40}\] 100%  4\/4 rows  links/);
    expect(text).not.toContain('rows copied\n');
  });
});

describe('backup progress on stderr', () => {
  const pages = (copiedPages: number) => ({ kind: 'copy' as const, copiedPages, totalPages: 200, pageSize: 4096 });

  it('writes two plain lines when stderr is not a terminal', () => {
    const out = output(false);
    const report = backupProgressReporter(out);
    for (const e of [pages(0), pages(100), pages(200), { kind: 'verify' as const }]) report(e);
    expect(out.writes.join('')).toBe('Copying 200 pages (0.8 MB).\nVerifying: integrity check, row counts and checksums of every table…\n');
  });

  it('redraws a bar of pages on a terminal', () => {
    const out = output(true);
    const report = backupProgressReporter(out);
    for (const e of [pages(0), pages(200)]) report(e);
    expect(out.writes.join('')).toMatch(/\r\x1b\[2K\[#{40}\] 100%  200\/200 pages/);
  });
});
