import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { ContentSyntaxError } from '../content/page-file.js';
import { type ImportResult, importContent } from '../content/import.js';
import { type Db, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createDirectoryStore } from '../directory/store.js';
import { createSearch } from '../search/search.js';
import { translationSourceIndexer } from '../translations/store.js';
import { type CliCommand, UsageError, parseCommandLine } from './command.js';

/** Imports a content folder through the same store (and search indexer) the editor uses. */
export async function runImport(db: Db, folder: string): Promise<ImportResult> {
  const search = createSearch(db);
  const store = createDirectoryStore(db, [search.indexer, translationSourceIndexer()]);
  return importContent(db, store, folder);
}

/** `import [folder]`: (re)imports Markdown content; pages with the same slugs are replaced, others kept. */
export const importCommand: CliCommand = {
  summary: 'import a content folder (docs/content-format.md) into the database, all or nothing',
  usage: 'import [folder]   (default: ATOZ_CONTENT_DIR or ./content)',
  async run(args) {
    const { positionals } = parseCommandLine(args, {}, true);
    if (positionals.length > 1) throw new UsageError('give at most one folder');
    const config = loadConfig(process.env);
    const folder = resolve(positionals[0] ?? config.contentDir);
    const handle = openDatabase(config);
    try {
      await migrateToLatest(handle.db);
      const started = performance.now();
      const result = await runImport(handle.db, folder);
      console.log(
        `Imported ${result.pages} pages, ${result.translations} translations, ${result.news} news items, ${result.citations} citations and ${result.authors} authors from ${folder} ` +
          `into ${handle.location} in ${Math.round(performance.now() - started)} ms. Running servers show the change within a second.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof ContentSyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
        console.error(`atoz import: nothing was imported. ${(error as Error).message}`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
