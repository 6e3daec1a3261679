import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { POSTGRES_ADMIN_URL, probePostgres } from './test/support/postgres-probe.js';

// One suite, every backend (as Kysely's own suite does): each test file runs
// once per database project; tests that need a database take it from
// `test/support/database.ts`, which reads ATOZ_TEST_DB.
//
// The postgres project runs when a server answers at ATOZ_TEST_POSTGRES_URL;
// otherwise `npm test` says "skipped: no PostgreSQL" and runs SQLite only,
// unless ATOZ_REQUIRE_POSTGRES=1 (.ci/run), which makes that a failure.
const postgres = await probePostgres(POSTGRES_ADMIN_URL);
if (!postgres) {
  if (process.env.ATOZ_REQUIRE_POSTGRES === '1') {
    throw new Error(`PostgreSQL is required (ATOZ_REQUIRE_POSTGRES=1) but ${POSTGRES_ADMIN_URL} does not answer; start it or set ATOZ_TEST_POSTGRES_URL`);
  }
  // Vitest evaluates this file once per project: say it once.
  const said = globalThis as { atozSaidNoPostgres?: boolean };
  if (!said.atozSaidNoPostgres) console.log(`skipped: no PostgreSQL (nothing answers at ${POSTGRES_ADMIN_URL}); running the SQLite suite only`);
  said.atozSaidNoPostgres = true;
}

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default leaves a core idle (one worker on a two-core machine); the tests wait on databases and browsers often enough to use it.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          // The fault suite starts many real servers: `npm run test:faults` (vitest.faults.config.ts).
          exclude: [...configDefaults.exclude, 'test/faults/**'],
          env: { ATOZ_TEST_DB: 'sqlite' },
          // Migrates one database and imports the demo into another, once; test databases are copies.
          globalSetup: ['./test/support/template-databases.ts'],
        },
      },
      // Browser and pure-logic tests need no second run; only files that touch the database.
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/**/*.db.test.{ts,tsx}', 'test/**/*.db.test.{ts,tsx}'],
                env: { ATOZ_TEST_DB: 'postgres' },
                globalSetup: ['./test/support/template-databases.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
