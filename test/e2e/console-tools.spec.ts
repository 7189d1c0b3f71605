// Several consoles at once and their tools, on two real running VMs over the web API: consoles of two VMs (and the
// serial and graphical console of one) stay connected in their tabs while others are shown, and are shown side by
// side when tiled; the grouped send-keys menu's Ctrl+Alt+Del reaches the guest (SeaBIOS reboots: a new banner on the
// serial console); a screenshot is a PNG of the guest's screen downloaded by the browser; a console detaches into a
// window of its own (the app's page at the console's address), where it connects and draws, and its tab closes. en
// and zh-CN screenshots.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { decodePng, distinctColours } from '../fixtures/png-decode.js';
import { addHostViaWizard, defineTiny, expect, purge, shot, test, vmRow } from './webapi-fixture.js';
import { drawnPixels } from './vnc-pixels.js';

async function openConsole(page: Page, host: string, name: string, which: 'serial' | 'vnc'): Promise<void> {
  const row = await vmRow(page, host, name);
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await row.getByTestId('vm-open').click();
  await page.getByTestId(`vm-details-${host}-${name}`).getByTestId('vm-consoles').click();
  await page.getByTestId(`open-${which}`).click();
}

const connected = async (panel: Locator, connects = 1) => {
  await expect(panel.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 20_000 });
  // Still the first session: switching tabs never reconnects.
  await expect(panel.getByTestId('console-bar')).toHaveAttribute('data-connects', String(connects));
};

test('consoles of two VMs at once, send keys, a PNG screenshot, and a console in its own window', async ({ page, webapi, tb, context }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const suffix = randomBytes(3).toString('hex');
  const a = `tools-a-${suffix}`;
  const b = `tools-b-${suffix}`;
  defineTiny(tb, 1, a, { serial: true, vnc: true });
  defineTiny(tb, 1, b, { serial: false, vnc: true });
  tb.virsh(1, 'start', a);
  tb.virsh(1, 'start', b);
  try {
    const uuidA = tb.virsh(1, 'domuuid', a);
    const uuidB = tb.virsh(1, 'domuuid', b);
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);

    // Three consoles: A's serial and graphical, B's graphical.
    await openConsole(page, 'h1', a, 'serial');
    const serialA = page.getByTestId('console-serial');
    await connected(serialA);
    await openConsole(page, 'h1', a, 'vnc');
    const vncA = page.getByTestId('console-vnc').filter({ hasText: a });
    await connected(vncA);
    await openConsole(page, 'h1', b, 'vnc');
    const vncB = page.getByTestId('console-vnc').filter({ hasText: b });
    await connected(vncB);
    await expect.poll(() => drawnPixels(vncB), { timeout: 30_000 }).toBeGreaterThan(500);

    // Switching between them: every one keeps its first session, and A's screen is still drawn.
    for (const id of [`vnc:h1/${uuidA}`, `serial:h1/${uuidA}`, `vnc:h1/${uuidB}`, `vnc:h1/${uuidA}`]) {
      await page.getByTestId(`tab-${id}`).click();
      await connected(serialA);
      await connected(vncA);
      await connected(vncB);
    }
    await expect.poll(() => drawnPixels(vncA), { timeout: 30_000 }).toBeGreaterThan(500);

    // Side by side: the three consoles are shown at once, each in its own place and still on its first session;
    // picking a tile makes its tab the active one. Back to one at a time, only the active one is shown.
    const tile = page.getByTestId('tabs-tile');
    await tile.click();
    await expect(page.getByTestId('console-area')).toHaveAttribute('data-tiled', 'true');
    const places = new Set<string>();
    for (const panel of [serialA, vncA, vncB]) {
      await expect(panel).toBeVisible();
      await connected(panel);
      const box = await panel.boundingBox();
      places.add(`${Math.round(box?.x ?? -1)},${Math.round(box?.y ?? -1)}`);
    }
    expect(places.size).toBe(3);
    await expect.poll(() => drawnPixels(vncA), { timeout: 30_000 }).toBeGreaterThan(500);
    await expect.poll(() => drawnPixels(vncB), { timeout: 30_000 }).toBeGreaterThan(500);
    await page.getByTestId(`console-cell-vnc:h1/${uuidB}`).getByTestId('console-bar').click({ position: { x: 4, y: 4 } });
    await expect(page.getByTestId(`tab-vnc:h1/${uuidB}`)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId(`console-cell-vnc:h1/${uuidB}`)).toHaveAttribute('data-active', 'true');
    await shot(page, 'consoles-tiled-en');
    await tile.click();
    await expect(page.getByTestId('console-area')).toHaveAttribute('data-tiled', 'false');
    await expect(vncB).toBeVisible();
    await expect(vncA).toBeHidden();
    await expect(serialA).toBeHidden();
    await page.getByTestId(`tab-vnc:h1/${uuidA}`).click();
    for (const panel of [serialA, vncA, vncB]) await connected(panel);

    // Send keys, grouped; Ctrl+Alt+Del from the menu reboots SeaBIOS, which the open serial console shows.
    await vncA.getByTestId('vnc-keys').click();
    await expect(page.getByTestId('vnc-key-ctrl-alt-f12')).toBeVisible();
    await expect(page.getByTestId('vnc-key-sysrq-b')).toContainText('reboot now');
    await shot(page, 'console-keys-menu-en');
    const rx = Number(await serialA.getAttribute('data-rx-bytes'));
    await page.getByTestId('vnc-key-ctrl-alt-del').click();
    await expect.poll(async () => Number(await serialA.getAttribute('data-rx-bytes')), { timeout: 30_000 }).toBeGreaterThan(rx + 100);
    await connected(vncA);

    // A screenshot: the core takes the screen through libvirt, the browser downloads the PNG.
    const download = page.waitForEvent('download');
    await vncA.getByTestId('vnc-screenshot').click();
    const file = await (await download).path();
    const png = decodePng(readFileSync(file));
    expect(png.width).toBeGreaterThanOrEqual(640);
    expect(png.height).toBeGreaterThanOrEqual(350);
    expect(distinctColours(png)).toBeGreaterThan(1);
    await expect(vncA.getByTestId('vnc-screenshot')).toHaveAttribute('data-last-size', `${png.width}x${png.height}`);
    expect((await download).suggestedFilename()).toMatch(new RegExp(`^${a}-\\d{8}-\\d{6}\\.png$`));

    // B's console detaches into its own window: the app's page at the console's address, connected and drawing.
    await page.getByTestId(`tab-vnc:h1/${uuidB}`).click();
    const popup = context.waitForEvent('page');
    await vncB.getByTestId('console-detach').click();
    const win = await popup;
    expect(new URL(win.url()).search).toBe(`?console=vnc&vm=h1%2F${uuidB}`);
    const detached = win.getByTestId('console-vnc');
    await expect(detached.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 30_000 });
    await expect.poll(() => drawnPixels(detached), { timeout: 30_000 }).toBeGreaterThan(500);
    await expect(detached.getByTestId('console-detach')).toHaveCount(0);
    await expect(win).toHaveTitle(new RegExp(`${b} .* h1 — VirtDeck`));
    await shot(win, 'console-detached-window-en');
    // The tab is gone from the main window; A's consoles are untouched.
    await expect(page.getByTestId(`tab-vnc:h1/${uuidB}`)).toHaveCount(0);
    await page.getByTestId(`tab-vnc:h1/${uuidA}`).click();
    await connected(vncA);
    await connected(serialA);
    await shot(page, 'console-tools-en');

    // zh-CN: the menu's groups and the tools' words.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(vncA.getByTestId('vnc-screenshot')).toHaveText('截图');
    await vncA.getByTestId('vnc-keys').click();
    await expect(page.getByTestId('vnc-key-sysrq-b')).toContainText('立即重启');
    await shot(page, 'console-keys-menu-zh-CN');
    await page.keyboard.press('Escape');
    await win.close();
    // The console's address opens directly too (the session token in the fragment, like the main page's).
    const direct = await context.newPage();
    await direct.goto(`${new URL(webapi.url).origin}/?console=vnc&vm=h1%2F${uuidB}${new URL(webapi.url).hash}`);
    await expect(direct.getByTestId('console-vnc').getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 30_000 });
    await expect(direct.getByTestId('vnc-keys')).toHaveText('发送按键');
    await expect.poll(() => drawnPixels(direct.getByTestId('console-vnc')), { timeout: 30_000 }).toBeGreaterThan(500);
    await shot(direct, 'console-detached-window-zh-CN');
    await direct.close();

    expect(errors).toEqual([]);
  } finally {
    purge(tb, 1, a);
    purge(tb, 1, b);
  }
});
