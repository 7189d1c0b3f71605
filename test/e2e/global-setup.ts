// Playwright global setup: start every run with an empty screenshot folder, so test-results/e2e-shots holds
// exactly the screens of the latest run.
import { rmSync } from 'node:fs';
import { SHOTS_DIR } from './shots.js';

export default function globalSetup(): void {
  rmSync(SHOTS_DIR, { recursive: true, force: true });
}
