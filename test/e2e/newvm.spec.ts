// The New VM wizard over the web API over the real core on test-bed host h1: each source (ISO, import, PXE,
// manual) with the core's live check worded on screen (a missing ISO, a missing disk path), then a real define of a
// UEFI VM with TPM 2.0 that libvirt stores as asked; an ISO uploaded from the wizard with its progress, an ISO by URL
// with its SHA-256 field; a VM from the uploaded ISO, then "eject and boot from disk" on its Hardware tab; the wizard
// again in zh-CN. Screenshots of each.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addHostViaWizard, expect, shot, test, vmRow } from './webapi-fixture.js';

test('New VM wizard: four sources, live checks, ISO upload with progress, a real UEFI + TPM define, zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const name = `rdr-nv-${randomBytes(3).toString('hex')}`;
  const wizard = page.getByTestId('newvm-wizard');
  const errors = page.getByTestId('newvm-errors');
  const source = (label: string) => page.getByTestId('newvm-source').getByText(label, { exact: true }).click();
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-instances').click();
    await page.getByTestId('newvm-open').click();
    await expect(page.getByTestId('newvm-name')).toBeVisible();
    await page.getByTestId('newvm-name').fill(name);

    await source('Install from ISO');
    await page.getByTestId('newvm-media').fill('default/nope.iso');
    await expect(errors).toContainText('No volume “nope.iso” in pool “default” on h1', { timeout: 20_000 });
    await expect(page.getByTestId('newvm-create')).toBeDisabled();
    await shot(page, 'newvm-iso-missing');

    // Upload an ISO from this machine: staged with its progress, written to the pool by the core's task; the ISO
    // field then names the new volume and the live check is satisfied.
    const iso = join(mkdtempSync(join(tmpdir(), 'rdr-e2e-iso-')), `${name}.iso`);
    const data = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(iso, data);
    await wizard.locator('input[type=file]').setInputFiles(iso);
    const progress = page.getByTestId('newvm-upload-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(progress).toHaveAttribute('data-sha256', createHash('sha256').update(data).digest('hex'));
    await expect(progress).toContainText(`${name}.iso uploaded (3.0 MiB)`);
    await expect(page.getByTestId('newvm-media')).toHaveValue(`default/${name}.iso`);
    await expect(errors).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId('newvm-create')).toBeEnabled();
    expect(tb.virsh(1, 'vol-info', '--pool', 'default', `${name}.iso`)).toMatch(/Capacity:\s+3\.00 MiB/);
    await shot(page, 'newvm-iso-uploaded');

    // An ISO by URL: the host downloads it; its SHA-256 can be given.
    await page.getByTestId('newvm-media').fill('https://example.invalid/netinst.iso');
    await expect(page.getByTestId('newvm-sha256')).toBeVisible();
    await page.getByTestId('newvm-sha256').fill('12');
    await expect(errors).toContainText('“12” is not a SHA-256: 64 hex digits', { timeout: 20_000 });
    await shot(page, 'newvm-iso-url');

    await source('Import disk');
    await page.getByTestId('newvm-media').fill('/nowhere/old.qcow2');
    await expect(errors).toContainText('No readable disk image at /nowhere/old.qcow2 on h1', { timeout: 20_000 });
    await expect(page.getByTestId('newvm-convert')).toBeVisible();
    await shot(page, 'newvm-import-missing');

    await source('Network boot (PXE)');
    await expect(errors).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId('newvm-create')).toBeEnabled();
    await shot(page, 'newvm-pxe');

    await source('Manual (no media)');
    await page.getByTestId('newvm-virt').getByText('QEMU (emulated)').click();
    await page.getByTestId('newvm-firmware').click();
    await page.getByRole('option', { name: 'UEFI', exact: true }).click();
    await page.getByTestId('newvm-tpm').check();
    await page.getByTestId('newvm-start').uncheck();
    await expect(page.getByTestId('newvm-create')).toBeEnabled({ timeout: 20_000 });
    await shot(page, 'newvm-manual');
    // defined from the uploaded ISO: the CD-ROM boots first
    await source('Install from ISO');
    await page.getByTestId('newvm-media').fill(`default/${name}.iso`);
    await expect(page.getByTestId('newvm-create')).toBeEnabled({ timeout: 20_000 });
    await page.getByTestId('newvm-create').click();
    await expect(page.getByTestId('newvm-name')).toBeHidden();
    await expect.poll(() => {
      try {
        return tb.virsh(1, 'dumpxml', '--inactive', name);
      } catch {
        return '';
      }
    }, { timeout: 60_000 }).toContain("<os firmware='efi'>");
    expect(tb.virsh(1, 'dumpxml', '--inactive', name)).toContain("<backend type='emulator' version='2.0'/>");
    expect(tb.virsh(1, 'dumpxml', '--inactive', name)).toMatch(/<boot dev='cdrom'\/>\s*<boot dev='hd'\/>/);

    // After the install: eject and boot from disk, one click on the Hardware tab
    await (await vmRow(page, 'h1', name)).getByTestId('vm-open').click();
    await page.getByTestId('tab-hardware').click();
    const ejectBoot = page.getByTestId('hw-cdrom-eject-boot-sdb');
    await expect(ejectBoot).toBeVisible({ timeout: 20_000 });
    await shot(page, 'newvm-eject-boot-disk');
    await ejectBoot.click();
    await expect(ejectBoot).toBeHidden({ timeout: 20_000 });
    const after = tb.virsh(1, 'dumpxml', '--inactive', name);
    expect(after).toMatch(/<boot dev='hd'\/>\s*<boot dev='cdrom'\/>/);
    expect(after).not.toContain(`${name}.iso`);
    await page.getByTestId('tab-instances').click();

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('newvm-open').click();
    await expect(wizard).toContainText('在 h1 上新建虚拟机');
    await expect(page.getByTestId('newvm-source')).toContainText('从 ISO 安装');
    await expect(page.getByTestId('newvm-upload')).toContainText('上传 ISO');
    await page.getByTestId('newvm-name').fill(`${name}-zh`);
    await page.getByTestId('newvm-media').fill('default/nope.iso');
    await expect(errors).toContainText('h1 上存储池“default”中没有卷“nope.iso”', { timeout: 20_000 });
    await shot(page, 'newvm-zh-CN');
  } finally {
    for (const args of [['undefine', name, '--nvram', '--tpm'], ['vol-delete', '--pool', 'default', `${name}.qcow2`], ['vol-delete', '--pool', 'default', `${name}.iso`]]) {
      try {
        tb.virsh(1, ...args);
      } catch {
        /* not there */
      }
    }
  }
});
