import { copyDatabase } from '../db/copy/copy-database.js';
import { openLocation, parseLocation } from '../db/copy/location.js';
import { createForumSearch } from '../community/search.js';
import { createRecordIndex } from '../search/records.js';
import { createSearch } from '../search/search.js';
import { createStoryStore } from '../stories/store.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';
import { copyProgressReporter } from './progress.js';

/** `copy-database --from <…> --to <…>`: moves a whole directory between SQLite and PostgreSQL. */
export const copyDatabaseCommand: CliCommand = {
  summary: 'copy a whole atoz database into an empty one (SQLite ⇄ PostgreSQL), verified by checksums',
  usage:
    'copy-database --from <sqlite file, data folder or postgres://…> --to <empty target> [--batch-size 500]\n\n' +
    '  Stop atoz (or stop editing) first. The target must be empty: a new PostgreSQL database\n' +
    '  (createdb atoz) or a SQLite file that does not exist yet.',
  async run(args) {
    const { values } = parseCommandLine(args, { from: { type: 'string' }, to: { type: 'string' }, 'batch-size': { type: 'string' } });
    if (!values.from || !values.to) throw new UsageError('both --from and --to are required');
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
      throw new UsageError(`--batch-size must be a whole number from 1 to 10000, not "${values['batch-size']}"`);
    }
    const report = await copyDatabase({ from: values.from, to: values.to, batchSize, onProgress: copyProgressReporter() });
    console.log(`Copied ${report.totalRows.toLocaleString('en')} rows in ${report.tables.length} tables from ${report.from} to ${report.to} in ${(report.ms / 1000).toFixed(1)} s.`);
    console.log('Every table matches the source (row counts and sha256 content checksums).');
    if (report.onlyInSource.length) console.log(`Not copied (only the source's database kind has them): ${report.onlyInSource.join(', ')}`);
    await rebuildSearch(values.to);
    return 0;
  },
};

/**
 * The search index is derived data kept in backend-specific form (FTS5
 * tables on SQLite, tsvector columns on PostgreSQL) that a row copy cannot
 * carry over, so the target builds its own from the copied pages, forum
 * posts and stories.
 */
async function rebuildSearch(to: string): Promise<void> {
  process.stderr.write('Rebuilding the search index on the target…\n');
  const target = openLocation(parseLocation(to), 'target');
  try {
    const { pages, documents } = await createSearch(target.db).rebuild();
    await createRecordIndex(target.db).clear();
    const posts = await createForumSearch(target.db).catchUp();
    const stories = await createStoryStore(target.db).indexMissing();
    console.log(`Search index rebuilt: ${pages} pages, ${documents} documents, ${posts} forum posts, ${stories} stories.`);
  } finally {
    await target.close();
  }
}
