import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { backupSqlite } from '../db/backup/sqlite-backup.js';
import { redactUrl } from '../db/database.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';
import { backupProgressReporter, megabytes } from './progress.js';

/** `backup <file>`: a checked copy of the SQLite database, safe while atoz runs. */
export const backupCommand: CliCommand = {
  summary: 'copy the SQLite database into one file while atoz runs, then check the copy (integrity, every table)',
  usage:
    'backup <new file, or a folder for atoz-<date>.sqlite>\n\n' +
    '  Safe while atoz is serving and saving: the backup holds every save made before it started.\n' +
    '  Never copy data/atoz.sqlite with cp: the newest saves are in atoz.sqlite-wal beside it.\n' +
    '  On PostgreSQL, use pg_dump (the command is printed).',
  async run(args) {
    const [named, ...rest] = parseCommandLine(args, {}, true).positionals;
    if (!named || rest.length) throw new UsageError(named ? `unexpected "${[named, ...rest].join(' ')}"` : 'name the backup file');
    const config = loadConfig(process.env);
    const folder = existsSync(named) && statSync(named).isDirectory();
    const target = folder ? join(resolve(named), `atoz-${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}.sqlite`) : resolve(named);
    if (config.databaseUrl) {
      console.error(
        `atoz backup: this atoz runs on PostgreSQL (${redactUrl(config.databaseUrl)}); back it up with PostgreSQL's own tool, ` +
          'which takes a consistent snapshot while atoz runs:\n\n' +
          `  pg_dump --format=custom --file=${target} "$DATABASE_URL"\n\n` +
          'Nothing was written. docs/postgresql.md ("Backups and a restore drill") has the restore drill.',
      );
      return 1;
    }
    const report = await backupSqlite({ from: join(config.dataDir, 'atoz.sqlite'), to: target, onProgress: backupProgressReporter() });
    console.log(
      `Backed up ${report.from} to ${report.to} (${megabytes(report.bytes)}) in ${(report.ms / 1000).toFixed(1)} s: ` +
        `integrity check ok, every table matches (${report.tables.length} tables, ${report.totalRows.toLocaleString('en')} rows).`,
    );
    console.log(`It holds every save made before ${report.snapshotAt}. To restore it: stop atoz, then npm run atoz -- restore ${report.to}`);
    return 0;
  },
};
