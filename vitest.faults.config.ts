import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the real server under faults (kill -9, a full disk, a
// read-only file, PostgreSQL connections killed or silently cut off, backup
// and restore), kept out of `npm test` because it starts many server
// processes. One file at a time: each one owns the machine's two cores.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    env: { ATOZ_TEST_DB: 'sqlite' },
  },
});
