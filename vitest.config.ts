import { defineConfig } from 'vitest/config';

// One suite, every backend (as Kysely's own suite does): each test file runs
// once per database project; tests that need a database take it from
// `test/support/database.ts`, which reads ATOZ_TEST_DB.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
          env: { ATOZ_TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          // Browser and pure-logic tests need no second run; only files that touch the database.
          include: ['src/**/*.db.test.{ts,tsx}', 'test/**/*.db.test.{ts,tsx}'],
          env: { ATOZ_TEST_DB: 'postgres' },
        },
      },
    ],
  },
});
