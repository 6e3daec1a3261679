import { join } from 'node:path';
import { type Atoz, type CreateOptions, createAtoz } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { fixtureFetch } from '../../src/citations/test-support/fixture-fetch.js';
import { packageRoot } from '../../src/web/package-root.js';
import { type TestDatabase, createTestDatabase } from './database.js';

export interface TestApp {
  atoz: Atoz;
  database: TestDatabase;
  /** Sends a request to the app in-process: `request('/directory')`. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The configuration every test app starts from: its own data directory, the demo content, recorded PubMed/Crossref answers. */
function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  // PubMed/Crossref are configured but reached through recorded answers (fixtureFetch): tests never use the network.
  return loadConfig({}, { dataDir, contentDir: join(packageRoot(), 'content'), publicUrl: 'http://atoz.test', ncbiEmail: 'editors@atoz.test', ...overrides });
}

/** Imports the demo directory into an open, empty database as a first start does (the project's demo template is made so). */
export async function importDemoInto(database: TestDatabase['handle'], dataDir: string): Promise<void> {
  const atoz = await createAtoz(testConfig(dataDir, { worker: false }), { database, fetch: fixtureFetch().fetch });
  await atoz.close();
}

/**
 * The demo directory in a fresh database of the run's dialect, served in-process.
 * The database is a copy of the project's demo template, so the app starts as on
 * a database a first start has filled; `ownImport` makes this app's start do the
 * import itself (tests of the first start).
 */
export async function createTestApp(
  options: { importDemo?: boolean; ownImport?: boolean; config?: Partial<Config> } & Pick<CreateOptions, 'fetch' | 'citationHttp' | 'mail' | 'rateLimits'> = {},
): Promise<TestApp> {
  const importDemo = options.importDemo !== false;
  const fromTemplate = importDemo && !options.ownImport && options.config?.contentDir === undefined;
  const database = await createTestDatabase({ from: fromTemplate ? 'demo' : 'migrated' });
  const config = testConfig(database.dataDir, options.config);
  const atoz = await createAtoz(config, {
    database: database.handle,
    importIfEmpty: importDemo,
    fetch: options.fetch ?? fixtureFetch().fetch,
    citationHttp: options.citationHttp,
    mail: options.mail,
    rateLimits: options.rateLimits,
  });
  return {
    atoz,
    database,
    request: (path, init) => Promise.resolve(atoz.app.request(path, init)),
    close: async () => {
      await atoz.close();
      await database.drop();
    },
  };
}
