import { createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { join } from 'node:path';
import { packageRoot } from '../../src/web/package-root.js';

/** Fills `dataDir` with the demo directory in SQLite, once, as a first `npm start` would; returns the page count. */
export async function prepareSqliteDemo(dataDir: string): Promise<number> {
  const config = loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), databaseUrl: undefined });
  const atoz = await createAtoz(config);
  try {
    return await atoz.queries.pageCount();
  } finally {
    await atoz.close();
  }
}
