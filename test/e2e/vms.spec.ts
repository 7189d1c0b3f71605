// A real VM through the UI: it appears in the table, starts, shows live stats and its serial console, refuses
// to stop while locked, is forced off with confirmation, and is deleted.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addHostViaWizard, expect, test, vmRow } from './bridge-fixture.js';

function defineTiny(tb: { virsh(i: number, ...a: string[]): string }, host: number, name: string): void {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-dom-')), 'dom.xml');
  writeFileSync(
    file,
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os>
<devices><serial type='pty'/><console type='pty'/><graphics type='vnc' autoport='yes' listen='127.0.0.1'/></devices></domain>`,
  );
  tb.virsh(host, 'define', file);
}

function purge(tb: { virsh(i: number, ...a: string[]): string }, host: number, name: string): void {
  for (const args of [['destroy', name], ['undefine', name]]) {
    try {
      tb.virsh(host, ...args);
    } catch {
      /* already gone */
    }
  }
}

test('lifecycle of a VM from the table and the details view', async ({ page, bridge, tb }) => {
  const name = `rdr-e2e-${randomBytes(3).toString('hex')}`;
  defineTiny(tb, 1, name);
  try {
    await page.goto(bridge.url);
    await addHostViaWizard(page, tb, 1, bridge.knownHosts);

    const row = await vmRow(page, 'h1', name);
    await expect(row).toHaveAttribute('data-state', 'shutoff', { timeout: 20_000 });

    // Start from the row menu; the state arrives by event.
    await row.getByTestId('vm-menu').click();
    await page.getByRole('menuitem').and(page.getByTestId('vm-action-start')).click();
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect(row.getByTestId('cpu-cell')).toBeVisible({ timeout: 15_000 });

    // Details: performance graphs fill from the stats ticks; XML is the real domain.
    await row.getByTestId('vm-open').click();
    const details = page.getByTestId(`vm-details-h1-${name}`);
    await expect(details).toHaveAttribute('data-state', 'running');
    await page.getByTestId('tab-xml').click();
    await expect(page.getByTestId('vm-xml')).toContainText(`<name>${name}</name>`);
    await page.getByTestId('tab-performance').click();
    await expect(page.getByTestId('graph-cpu')).not.toContainText('Waiting for samples', { timeout: 15_000 });
    await page.screenshot({ path: test.info().outputPath('vm-performance.png') });

    // Serial console: SeaBIOS or at least a connected terminal.
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('open-serial').click();
    await expect(page.getByTestId('console-serial').getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 20_000 });
    await page.screenshot({ path: test.info().outputPath('vm-serial.png') });
    await page.getByTestId(`tab-vm:h1/${tb.virsh(1, 'domuuid', name)}`).click();

    // Locked: stop actions are disabled.
    await details.getByTestId('vm-lock').click({ force: true });
    await expect(details.getByTestId('vm-action-shutdown')).toBeDisabled({ timeout: 10_000 });
    await details.getByTestId('vm-lock').click({ force: true });
    await expect(details.getByTestId('vm-action-shutdown')).toBeEnabled({ timeout: 10_000 });

    // Force off asks first.
    await details.getByTestId('vm-more').click();
    await page.getByTestId('vm-action-destroy').click();
    await page.getByTestId('confirm-ok').click();
    await expect(details).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });

    // Delete needs the name typed.
    await details.getByTestId('vm-more').click();
    await page.getByTestId('vm-action-delete').click();
    await expect(page.getByTestId('delete-confirm')).toBeDisabled();
    await page.getByTestId('delete-type-name').fill(name);
    await page.getByTestId('delete-confirm').click();
    await page.getByTestId('tab-list').click();
    await expect(page.getByTestId(`vm-row-h1-${name}`)).toHaveCount(0, { timeout: 30_000 });
  } finally {
    purge(tb, 1, name);
  }
});
