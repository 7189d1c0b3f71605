// Virtual networks through the UI over the web API over the real core on test-bed host h1: the wizard refuses a range
// that overlaps "default" at its check step (nothing defined), then creates a NAT network with a DHCP range and a
// static host; stop/start/autostart from the list; an isolated network without DHCP; delete.
import { randomBytes, randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addHostViaWizard, expect, shot, test } from './webapi-fixture.js';
import { fieldError } from './field-error.js';

async function rowMenu(page: Page, name: string, item: string): Promise<void> {
  await page.getByTestId(`net-row-${name}`).getByTestId('net-menu').click();
  await page.getByTestId(item).click();
}

test('network wizard and lifecycle on a real host', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const tag = randomBytes(3).toString('hex');
  const nat = `rdr-nat-${tag}`;
  const iso = `rdr-iso-${tag}`;
  const octet = randomInt(100, 250);
  const names = () => tb.virsh(1, 'net-list', '--all', '--name').split('\n').map((s) => s.trim());
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-networks').click();
    await expect(page.getByTestId('net-row-default')).toHaveAttribute('data-active', 'true', { timeout: 20_000 });

    // Step 1: name and mode.
    await page.getByTestId('net-add').click();
    await page.getByTestId('net-name').fill(nat);
    await page.getByTestId('net-mode-nat').click();
    await shot(page, 'networks-wizard-1-mode');
    await page.getByTestId('net-next').click();

    // Step 2 with the range of "default": the check names the overlap on the address, Next stays; nothing is
    // defined.
    await page.getByTestId('net-cidr').fill('192.168.122.50/24');
    await page.getByTestId('net-next').click();
    await expect(fieldError(page, 'net-cidr')).toContainText('overlaps 192.168.122.0/24 of network “default”', { timeout: 20_000 });
    await expect(page.getByTestId('net-step-addressing')).toBeVisible();
    await shot(page, 'networks-wizard-2-overlap');
    expect(names()).not.toContain(nat);

    // A free range, a DHCP range and one static host.
    await page.getByTestId('net-cidr').fill(`10.77.${octet}.1/24`);
    await page.getByTestId('net-range-start').fill(`10.77.${octet}.100`);
    await page.getByTestId('net-range-end').fill(`10.77.${octet}.150`);
    await page.getByTestId('net-host-add').click();
    await page.getByTestId('net-host-mac').fill('52:54:00:aa:bb:cc');
    await page.getByTestId('net-host-ip').fill(`10.77.${octet}.20`);
    await page.getByTestId('net-host-name').fill('web');
    await shot(page, 'networks-wizard-2-addressing');
    await page.getByTestId('net-next').click();
    await expect(page.getByTestId('net-check-ok')).toBeVisible({ timeout: 20_000 });
    await shot(page, 'networks-wizard-3-check-ok');
    await page.getByTestId('net-create').click();
    await expect(page.getByTestId('net-created')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'networks-wizard-4-created');
    await page.getByTestId('net-done').click();

    const row = page.getByTestId(`net-row-${nat}`);
    await expect(row).toHaveAttribute('data-active', 'true');
    await expect(row.getByTestId('net-addresses')).toHaveText(`10.77.${octet}.1/24`);
    await expect(row.getByTestId('net-dhcp-cell')).toHaveText(`10.77.${octet}.100 – 10.77.${octet}.150`);
    const xml = tb.virsh(1, 'net-dumpxml', nat);
    expect(xml).toContain("<forward mode='nat'");
    expect(xml).toContain(`<range start='10.77.${octet}.100' end='10.77.${octet}.150'`);
    expect(xml).toContain(`<host mac='52:54:00:aa:bb:cc' name='web' ip='10.77.${octet}.20'/>`);
    expect(tb.virsh(1, 'net-info', nat)).toMatch(/Active:\s+yes[\s\S]*Autostart:\s+yes/);

    // Stop, start, autostart off.
    await rowMenu(page, nat, 'net-stop');
    await expect(row).toHaveAttribute('data-active', 'false', { timeout: 20_000 });
    expect(tb.virsh(1, 'net-info', nat)).toMatch(/Active:\s+no/);
    await rowMenu(page, nat, 'net-start');
    await expect(row).toHaveAttribute('data-active', 'true', { timeout: 20_000 });
    await row.getByTestId('net-autostart').click({ force: true });
    await expect(row.getByTestId('net-autostart')).not.toBeChecked({ timeout: 20_000 });
    expect(tb.virsh(1, 'net-info', nat)).toMatch(/Autostart:\s+no/);

    // Isolated, DHCP off.
    await page.getByTestId('net-add').click();
    await page.getByTestId('net-name').fill(iso);
    await page.getByTestId('net-mode-isolated').click();
    await page.getByTestId('net-next').click();
    await page.getByTestId('net-cidr').fill(`10.78.${octet}.1/24`);
    await page.getByTestId('net-dhcp').click({ force: true });
    await page.getByTestId('net-next').click();
    await expect(page.getByTestId('net-check-ok')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('net-create').click();
    await expect(page.getByTestId('net-created')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('net-done').click();
    const isoRow = page.getByTestId(`net-row-${iso}`);
    await expect(isoRow.getByTestId('net-mode')).toHaveText('isolated');
    await expect(isoRow.getByTestId('net-dhcp-cell')).toHaveText('off');
    expect(tb.virsh(1, 'net-dumpxml', iso)).not.toContain('<dhcp>');
    await shot(page, 'networks-list');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.getByTestId('net-add')).toHaveText('新建网络');
    await shot(page, 'networks-zh-CN');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();

    // Delete both.
    for (const name of [nat, iso]) {
      await rowMenu(page, name, 'net-delete');
      await page.getByTestId('confirm-ok').click();
      await expect(page.getByTestId(`net-row-${name}`)).toHaveCount(0, { timeout: 20_000 });
    }
    expect(names()).not.toContain(nat);
    expect(names()).not.toContain(iso);
  } finally {
    for (const name of [nat, iso]) {
      if (!names().includes(name)) continue;
      for (const cmd of ['net-destroy', 'net-undefine']) {
        try {
          tb.virsh(1, cmd, name);
        } catch {
          /* not running */
        }
      }
    }
  }
});
