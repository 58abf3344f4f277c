import { defineConfig } from 'vitest/config';

// Tests talk to the real Postgres, Redis, PGlite and Chromium, so they are slower than unit
// tests and share two cores: generous timeouts, files in at most two forks.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
