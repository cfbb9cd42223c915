import { defineConfig } from '@playwright/test';

/**
 * Two suites: the web mode in Debian's (or any system) Chromium, and the
 * Electron app where an Electron runtime is installed. Playwright never
 * downloads a browser here: the executable is given.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two at once: each test starts its own server over its own store, and most of a test is waiting on the browser.
  workers: 2,
  retries: 0,
  outputDir: '.test-output/playwright',
  reporter: [['list']],
  projects: [
    { name: 'e2e-web', testDir: 'tests/e2e-web' },
    { name: 'e2e-electron', testDir: 'tests/e2e-electron' },
  ],
});
