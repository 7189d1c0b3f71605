// Screenshots of every screen, kept as test artifacts in test-results/e2e-shots/<name>.png (outside Playwright's
// own outputDir, which it empties at start; global-setup.ts empties this folder instead).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const SHOTS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'e2e-shots');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // The CJK face comes in unicode-range pieces loaded when a character first shows: wait for them, or a
  // screenshot catches boxes that the screen shows a moment later.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}
