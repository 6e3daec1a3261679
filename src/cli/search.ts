import { loadConfig } from '../config.js';
import { type Db, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createSearch } from '../search/search.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** Rebuilds the search index of the configured database; `out` receives the report. */
export async function runSearchRebuild(db: Db, out: (line: string) => void): Promise<number> {
  const started = performance.now();
  const { pages, documents } = await createSearch(db).rebuild();
  out(`Search index rebuilt: ${pages} pages, ${documents} documents, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

/** `search rebuild`: after a bulk import, or if the index is ever in doubt. Readers keep the old index until the new one is committed. */
export const searchCommand: CliCommand = {
  summary: 'search index: "rebuild" indexes every published page again, in one transaction',
  usage: 'search rebuild',
  async run(args) {
    const { positionals } = parseCommandLine(args, {}, true);
    if (positionals.length !== 1 || positionals[0] !== 'rebuild') throw new UsageError(positionals.length ? `unknown search action "${positionals.join(' ')}"` : 'say "rebuild"');
    const handle = openDatabase(loadConfig(process.env));
    try {
      await migrateToLatest(handle.db);
      return await runSearchRebuild(handle.db, (line) => console.log(line));
    } finally {
      await handle.close();
    }
  },
};
