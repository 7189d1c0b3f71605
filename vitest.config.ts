import { defineConfig } from 'vitest/config';
import { testbedLanes } from './test/integration/global-setup.js';
import { globSync } from 'node:fs';
import { bootsRealGuest, LongFilesFirst } from './test/integration/sequencer.js';

// Integration files run one after another on each test bed; VIRTDECK_TESTBED_LANES=N (test/run-all.sh: 2) gives
// N test beds and N workers, worker k on lane k's test bed (global-setup.ts, testbed.ts).
const lanes = testbedLanes();

// VIRTDECK_INTEGRATION_FILES=guest|light: only the files that boot the real cloud-init guest, or only the others.
// test/run-all.sh runs the two sets side by side (two vitest runs, two test beds): one TCG guest at a time keeps a
// core busy while the light files and the browser tests use the other.
const INTEGRATION = 'test/integration/**/*.test.ts';
const part = process.env.VIRTDECK_INTEGRATION_FILES;
const guestFiles = part ? globSync(INTEGRATION).filter(bootsRealGuest) : [];
const integrationFiles = part === 'guest' ? { include: guestFiles } : { include: [INTEGRATION], exclude: guestFiles };

// Two projects: `unit` (fast, no real hosts) and `integration` (real test-bed hosts over real SSH).
export default defineConfig({
  test: {
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // A hang still fails, but on a busy 2-core machine (test/run-all.sh runs the real-guest files beside the
          // unit tests) a rendered-table test may take far more than the default 5 s.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          ...integrationFiles,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One test bed per lane: the files of a lane run one after another.
          fileParallelism: lanes > 1,
          maxWorkers: lanes,
          ...(lanes > 1 ? { sequence: { groupOrder: 1 } } : {}),
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
      {
        // `npm run bench`: ratios against virsh/OpenSSH on the same hosts, printed by test/bench/run.sh.
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
    ],
  },
});
