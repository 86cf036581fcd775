import { defineConfig } from 'vitest/config';

// Database tests share one database per worker (PGlite in memory, or the PostgreSQL named by
// TEST_DATABASE_URL) and isolate themselves by building their own district with fresh units and users.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'common/src/**/*.test.ts'],
    globalSetup: ['server/src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // A worker's first test also starts its PGlite and migrates it: tens of seconds on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
