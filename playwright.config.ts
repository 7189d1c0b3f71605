import { defineConfig } from '@playwright/test';

// e2e: the real renderer in Debian's Chromium, over the loopback bridge, over the real core and test bed.
// The Electron smoke test launches the app itself (and is skipped where no Electron binary exists).
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
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
