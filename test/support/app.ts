import { join } from 'node:path';
import { type Atoz, createAtoz } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
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
export async function createTestApp(options: { importDemo?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {},
    { dataDir: database.dataDir, contentDir: join(packageRoot(), 'content'), publicUrl: 'http://atoz.test' },
  );
  const atoz = await createAtoz(config, { database: database.handle, importIfEmpty: options.importDemo !== false });
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
