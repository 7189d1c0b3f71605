// Consoles of a real running VM, opened from the UI over the web API: the serial console shows what SeaBIOS writes
// to the serial port and stays connected across resets; the graphical console draws the guest's VGA screen in
// noVNC's canvas and passes Ctrl+Alt+Del to the guest; the guest SSH terminal opens and reports why it cannot log in.
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { defineTiny, expect, openVmRow, purge, shot, test } from './webapi-fixture.js';
import { drawnPixels } from './vnc-pixels.js';

async function openConsole(page: Page, details: Locator, which: 'serial' | 'vnc' | 'ssh'): Promise<void> {
  await details.getByTestId('vm-consoles').click();
  await page.getByTestId(`open-${which}`).click();
}

test('serial, graphical and guest SSH consoles of a running VM', async ({ page, webapi, tb }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const name = `con-e2e-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 1, name, { serial: true, vnc: true });
  tb.virsh(1, 'start', name);
  try {
    const row = await openVmRow(page, webapi, tb, name, 'running');
    await row.getByTestId('vm-open').click();
    const details = page.getByTestId(`vm-details-h1-${name}`);
    const uuid = tb.virsh(1, 'domuuid', name);

    // Serial: what the guest writes from now on. Resetting the VM reruns SeaBIOS, which prints its banner.
    await openConsole(page, details, 'serial');
    const serial = page.getByTestId('console-serial');
    await expect(serial.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 20_000 });
    await page.getByTestId(`tab-vm:h1/${uuid}`).click();
    await details.getByTestId('vm-more').click();
    await page.getByTestId('vm-action-reset').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`tab-serial:h1/${uuid}`).click();
    await expect(serial.locator('.xterm-rows')).toContainText('SeaBIOS', { timeout: 30_000 });
    await expect(serial.locator('.xterm-rows')).toContainText('No bootable device', { timeout: 30_000 });
    await shot(page, 'console-serial');

    // The console survives a reset from outside (the guest reboots, the stream stays): new bytes arrive.
    const before = Number(await serial.getAttribute('data-rx-bytes'));
    expect(before).toBeGreaterThan(100);
    tb.virsh(1, 'reset', name);
    await expect.poll(async () => Number(await serial.getAttribute('data-rx-bytes')), { timeout: 30_000 }).toBeGreaterThan(before + 100);
    await expect(serial.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected');
    await expect(serial.locator('.xterm-rows')).toContainText('SeaBIOS', { timeout: 30_000 });
    await shot(page, 'console-serial-after-reset');

    // Graphical: noVNC over the host's SSH connection draws the VGA screen.
    await page.getByTestId(`tab-vm:h1/${uuid}`).click();
    await openConsole(page, details, 'vnc');
    const vnc = page.getByTestId('console-vnc');
    await expect(vnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 20_000 });
    await expect.poll(() => drawnPixels(page), { timeout: 30_000 }).toBeGreaterThan(500);
    await shot(page, 'console-vnc');
    // Ctrl+Alt+Del reaches the guest: SeaBIOS reboots on it, so the (still open) serial console gets a new banner.
    // The VNC session stays up and the screen is drawn again.
    const beforeCad = Number(await serial.getAttribute('data-rx-bytes'));
    await vnc.getByTestId('vnc-cad').click();
    await expect.poll(async () => Number(await serial.getAttribute('data-rx-bytes')), { timeout: 30_000 }).toBeGreaterThan(beforeCad + 100);
    await expect(vnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected');
    await expect.poll(() => drawnPixels(page), { timeout: 30_000 }).toBeGreaterThan(500);
    await shot(page, 'console-vnc-after-cad');

    // Both consoles stay open side by side in their tabs.
    await page.getByTestId(`tab-serial:h1/${uuid}`).click();
    await expect(serial.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected');

    // Guest SSH: this guest has no agent and no IPAM reservation, so Open waits for an address and says why; with
    // one typed (a documentation address the host has no route to), the terminal tab opens and shows the failure.
    await page.getByTestId(`tab-vm:h1/${uuid}`).click();
    await openConsole(page, details, 'ssh');
    await page.getByTestId('ssh-user').fill('root');
    await expect(page.getByTestId('ssh-no-address')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('ssh-open')).toBeDisabled();
    await shot(page, 'console-ssh-no-ip');
    await page.getByTestId('ssh-address').fill('192.0.2.1');
    await page.getByTestId('ssh-open').click();
    const ssh = page.getByTestId('console-ssh');
    await expect(ssh.getByTestId('console-state')).toHaveAttribute('data-conn', 'disconnected', { timeout: 60_000 });
    await expect(ssh).toContainText('192.0.2.1');
    await shot(page, 'console-ssh-typed-address');

    expect(errors).toEqual([]);
  } finally {
    purge(tb, 1, name);
  }
});
