// Launches the packaged-layout app (out/ + dist/renderer) with Playwright's Electron driver: one locked-down
// window whose page sees window.api and nothing of Node. Skipped where Electron has no binary (offline CI).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { shot } from './shots.js';

const require = createRequire(import.meta.url);

/** The Electron binary, when its install step has fetched one (electron's own index.js would throw otherwise). */
function electronBinary(): string | null {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.skip(binary === null, 'no Electron binary');

test('the app opens one sandboxed window with the contract API', async () => {
  const root = process.cwd();
  test.skip(!existsSync(path.join(root, 'out/main/main.js')), 'app not built (npm run build:app)');
  const app = await electron.launch({
    executablePath: binary!,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    env: { ...process.env, VIRTDECK_HOME: mkdtempSync(path.join(tmpdir(), 'vd-e2e-home-')) },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('VirtDeck');
    const seen = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown> & { api: Record<string, (i: unknown) => Promise<unknown>> };
      return {
        keys: Object.keys(w.api).sort(),
        node: typeof w.require + typeof w.process,
        hosts: await w.api['hosts.list']!({}),
        bad: await w.api['hosts.remove']!({ name: 'a/b' }),
      };
    });
    expect(seen.keys).toContain('hosts.list');
    expect(seen.keys).toContain('openConsole');
    expect(seen.node).toBe('undefinedundefined');
    expect(seen.hosts).toMatchObject({ ok: true });
    expect(seen.bad).toMatchObject({ ok: false, code: 'call.bad-input' });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // Navigation away from the app is refused.
    await page.evaluate(() => (window.location.href = 'https://example.com/'));
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^file:/);
    await shot(page, 'electron-window');
  } finally {
    await app.close();
  }
});
