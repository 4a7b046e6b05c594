import { defineConfig } from 'vitest/config';

// Unit and API tests. API tests run on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
