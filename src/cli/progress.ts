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
        const width = Math.max(10, Math.min(40, (out.columns ?? 80) - 50));
        const share = event.totalRows ? event.totalCopied / event.totalRows : 1;
        const filled = Math.round(share * width);
        clear();
        out.write(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${event.totalCopied.toLocaleString('en')}/${event.totalRows.toLocaleString('en')} rows  ${event.table}`);
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
