import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { restoreSqlite } from '../db/backup/sqlite-backup.js';
import { ensureWritableDir, redactUrl } from '../db/database.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';
import { backupProgressReporter } from './progress.js';

/** `restore <file>`: puts a backup in place of the SQLite database, keeping the old one aside. */
export const restoreCommand: CliCommand = {
  summary: 'put a backup in place of the SQLite database (atoz must be stopped); the old file is kept aside',
  usage:
    'restore <backup file>\n\n' +
    '  Stop every atoz server first: restore refuses while the database is open.\n' +
    '  The backup is checked (integrity, every table) before anything changes; the database it\n' +
    '  replaces is kept as atoz.sqlite.before-restore-<time> in the data folder.\n' +
    '  On PostgreSQL, use pg_restore (the commands are printed).',
  async run(args) {
    const [named, ...rest] = parseCommandLine(args, {}, true).positionals;
    if (!named || rest.length) throw new UsageError(named ? `unexpected "${[named, ...rest].join(' ')}"` : 'name the backup file');
    const config = loadConfig(process.env);
    const from = resolve(named);
    if (config.databaseUrl) {
      console.error(
        `atoz restore: this atoz runs on PostgreSQL (${redactUrl(config.databaseUrl)}); restore a pg_dump backup with PostgreSQL's own tools ` +
          'into a new database, check it, then point DATABASE_URL at it:\n\n' +
          '  createdb atoz_restore\n' +
          `  pg_restore --no-owner --exit-on-error --dbname=atoz_restore ${from}\n\n` +
          'Nothing was changed. docs/postgresql.md ("Backups and a restore drill") has the whole drill.',
      );
      return 1;
    }
    ensureWritableDir(config.dataDir);
    const report = await restoreSqlite({ from, to: join(config.dataDir, 'atoz.sqlite'), onProgress: backupProgressReporter() });
    console.log(
      `Restored ${report.to} from ${report.from} in ${(report.ms / 1000).toFixed(1)} s: ` +
        `integrity check ok, every table matches the backup (${report.tables.length} tables, ${report.totalRows.toLocaleString('en')} rows).`,
    );
    for (const warning of report.warnings) console.error(`Warning: ${warning}`);
    if (report.keptAs) console.log(`The database it replaced is kept as ${report.keptAs}; delete it once the site looks right.`);
    console.log('Start atoz again (npm start).');
    return 0;
  },
};
