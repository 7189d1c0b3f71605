import { defineConfig } from '@playwright/test';

// e2e: the real renderer in Debian's Chromium, over the loopback web API, over the real core and test bed.
// The Electron smoke test launches the app itself (and is skipped where no Electron binary exists).
// Specs that boot the real cloud-init guest (TCG): run after all the others, and after test/run-all.sh's background
// integration files that boot it too (test/e2e/guest-lane.ts). `npx playwright test --no-deps FILE` runs one alone.
const REAL_GUEST_SPECS = ['**/clipboard.spec.ts'];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its outputDir at start: keep it to its own folder, so the bench results and the kept
  // screenshots (test-results/e2e-shots, emptied by the global setup) are not swept away with it.
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/global-setup.ts',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  timeout: 60_000,
  // One worker per test bed: the specs on one run one after another. test/run-all.sh hands on the test beds of the
  // integration tests' lanes (VIRTDECK_TESTBED_LANE<k>, see test/integration/global-setup.ts): worker k gets lane k's.
  workers: 1 + Object.keys(process.env).filter((k) => /^VIRTDECK_TESTBED_LANE\d+$/.test(k)).length,
  projects: [
    { name: 'app', testIgnore: REAL_GUEST_SPECS },
    { name: 'real-guest', testMatch: REAL_GUEST_SPECS, dependencies: ['app'] },
  ],
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
