import type { BackupProgress } from '../db/backup/sqlite-backup.js';
import type { CopyProgress } from '../db/copy/copy-database.js';

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Shows copy progress on stderr: on a terminal one bar redrawn in place (at
 * most ten times a second); in logs and pipes plain lines, one per table, so
 * nothing fills a log file with carriage returns.
 *
 * Hand-written on purpose: the bar libraries (cli-progress, progress) draw the
 * terminal bar well, but off a terminal they either print nothing or repeat
 * the bar every few seconds, while a CI log of a copy wants one line per
 * table; that part would stay ours, and the bar is a dozen lines.
 */
export function copyProgressReporter(out: Output = process.stderr): (event: CopyProgress) => void {
  const tty = out.isTTY === true;
  let lastDraw = 0;
  let verifying = false;
  const clear = () => tty && out.write('\r\x1b[2K');
  return (event) => {
    switch (event.kind) {
      case 'plan':
        out.write(`Copying ${event.tables.length} tables, ${event.totalRows.toLocaleString('en')} rows.\n`);
        break;
      case 'rows': {
        if (!tty) return;
        const now = Date.now();
        if (now - lastDraw < 100 && event.totalCopied < event.totalRows) return;
        lastDraw = now;
        clear();
        out.write(`${bar(out, event.totalRows ? event.totalCopied / event.totalRows : 1)}  ${event.totalCopied.toLocaleString('en')}/${event.totalRows.toLocaleString('en')} rows  ${event.table}`);
        break;
      }
      case 'table-done':
        if (tty) return;
        out.write(`  ${event.table}: ${event.rows.toLocaleString('en')} ${event.rows === 1 ? 'row' : 'rows'} copied\n`);
        break;
      case 'verifying':
        if (verifying) return;
        verifying = true;
        clear();
        if (tty) out.write('\n');
        out.write('Verifying row counts and checksums of every table…\n');
        break;
    }
  };
}

/**
 * Shows backup and restore progress on stderr, the same way: a bar of pages
 * redrawn in place on a terminal; in logs one line when copying starts and
 * one when verifying does.
 */
export function backupProgressReporter(out: Output = process.stderr): (event: BackupProgress) => void {
  const tty = out.isTTY === true;
  let lastDraw = 0;
  let announced = false;
  return (event) => {
    if (event.kind === 'verify') {
      if (tty) out.write('\r\x1b[2K');
      out.write('Verifying: integrity check, row counts and checksums of every table…\n');
      return;
    }
    if (!announced && event.totalPages > 0) {
      announced = true;
      out.write(`Copying ${event.totalPages.toLocaleString('en')} pages (${megabytes(event.totalPages * event.pageSize)}).\n`);
    }
    if (!tty) return;
    const now = Date.now();
    if (now - lastDraw < 100 && event.copiedPages < event.totalPages) return;
    lastDraw = now;
    out.write(`\r\x1b[2K${bar(out, event.totalPages ? event.copiedPages / event.totalPages : 1)}  ${event.copiedPages.toLocaleString('en')}/${event.totalPages.toLocaleString('en')} pages`);
  };
}

/** `[#####-----]  50%`, as wide as the terminal allows (10 to 40 marks). */
function bar(out: Output, share: number): string {
  const width = Math.max(10, Math.min(40, (out.columns ?? 80) - 50));
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
