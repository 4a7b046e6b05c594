import { defineConfig } from 'vitest/config';

// Unit and API tests. API tests run on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set. Web component tests
// (web/**/*.test.tsx) run in jsdom (their `// @vitest-environment jsdom` line) with web/test/setup-dom.ts.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.ts', 'web/**/*.test.tsx'],
    setupFiles: ['web/test/setup-dom.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
