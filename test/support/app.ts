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

/** The demo directory in a fresh database of the run's dialect, served in-process. */
export async function createTestApp(
  options: { importDemo?: boolean; config?: Partial<Config> } & Pick<CreateOptions, 'fetch' | 'citationHttp' | 'mail' | 'rateLimits'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {},
    // PubMed/Crossref are configured but reached through recorded answers (fixtureFetch): tests never use the network.
    { dataDir: database.dataDir, contentDir: join(packageRoot(), 'content'), publicUrl: 'http://atoz.test', ncbiEmail: 'editors@atoz.test', ...options.config },
  );
  const atoz = await createAtoz(config, {
    database: database.handle,
    importIfEmpty: options.importDemo !== false,
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
