import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.ts';

// `npm test` (scripts/test.ts) starts the test PostgreSQL with its migrated template and passes
// it on as TEST_DATABASE_URL; each worker then tests its own copy of the template on its own
// server, on a free port (workerApp in e2e/support/fixtures.ts, which also sets baseURL).

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  forbidOnly: Boolean(process.env.CI),
  // npm test adds a JSON report to count the results in its summary.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]] : [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
  },
});
