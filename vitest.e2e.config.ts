import { defineConfig } from 'vitest/config';

// Browser tests: start the real server (bin/zhifa.mjs serve) and drive the built console with Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
