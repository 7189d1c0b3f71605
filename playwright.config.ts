import { defineConfig } from '@playwright/test';

// e2e: the real renderer in Debian's Chromium, over the loopback web API, over the real core and test bed.
// The Electron smoke test launches the app itself (and is skipped where no Electron binary exists).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its outputDir at start: keep it to its own folder, so the bench results and the kept
  // screenshots (test-results/e2e-shots, emptied by the global setup) are not swept away with it.
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  timeout: 60_000,
  // One shared test bed: specs run one after another.
  workers: 1,
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
});
