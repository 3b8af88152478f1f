import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'sim/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Two cores: integration and e2e suites start servers and Chromium; run files one or two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
