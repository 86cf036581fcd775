import { defineConfig } from 'vitest/config';

// Database tests share one database per worker (PGlite in memory, or the PostgreSQL named by
// TEST_DATABASE_URL) and isolate themselves by building their own district with fresh units and users.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'common/src/**/*.test.ts'],
    globalSetup: ['server/src/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
