// The Hardware tab over the web API over the real core on test-bed host h1: a running tiny domain (ACPI, so PCI
// hot-plug works under TCG) gets more vCPUs (waits for a restart, marked so), a hot-plugged new disk, CD-ROM media,
// a hot-plugged NIC and the boot menu; each step checked with virsh, a foreign <metadata> element unchanged (c14n);
// screenshots in en and zh-CN.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalXml } from '../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../electron/libvirt/xml/domain.js';
import { expect, openVmTab, shot, test } from './webapi-fixture.js';

const FOREIGN_NS = 'https://example.org/xmlns/other-app';

test('Hardware tab: live and next-boot changes of a running VM, en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(300_000);
  const tag = randomBytes(3).toString('hex');
  const vm = `rdr-hw-${tag}`;
  const pool = `rdr-hw-pool-${tag}`;
  const net = `rdr-hw-net-${tag}`;
  const dir = `/var/lib/libvirt/images/${pool}`;
  const virsh = (...args: string[]) => tb.virsh(1, ...args);
  const quiet = (...args: string[]) => {
    try {
      virsh(...args);
    } catch {
      /* already gone */
    }
  };
  const config = () => DomainXml.parse(virsh('dumpxml', '--inactive', vm));
  const live = () => DomainXml.parse(virsh('dumpxml', vm));
  const foreign = () => canonicalXml(virsh('metadata', vm, '--uri', FOREIGN_NS, '--config'));
  try {
    const tmp = mkdtempSync(path.join(tmpdir(), 'vd-e2e-hw-'));
    writeFileSync(path.join(tmp, 'net.xml'), `<network><name>${net}</name><bridge name='vdhe${tag}' stp='off' delay='0'/></network>`);
    virsh('net-define', path.join(tmp, 'net.xml'));
    virsh('net-start', net);
    virsh('pool-define-as', pool, 'dir', '--target', dir);
    virsh('pool-build', pool);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'disk.qcow2', '16M', '--format', 'qcow2');
    virsh('vol-create-as', pool, 'media.iso', '1M', '--format', 'raw');
    writeFileSync(
      path.join(tmp, 'dom.xml'),
      `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${dir}/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>
</devices></domain>`,
    );
    virsh('define', path.join(tmp, 'dom.xml'));
    virsh('metadata', vm, '--uri', FOREIGN_NS, '--key', 'other', '--config', '--set', "<app version='3'><keep a='1'>text</keep></app>");
    const foreignBefore = foreign();
    virsh('start', vm);

    await openVmTab(page, webapi, tb, vm, 'hardware');
    const panel = page.getByTestId('hw-panel');
    await expect(panel).toHaveAttribute('data-running', 'true', { timeout: 20_000 });
    await expect(page.getByTestId('hw-disk-vda')).toBeVisible();
    await shot(page, 'hardware-1-running');

    // vCPUs beyond the live maximum: the config changes, the tab says it waits for a restart.
    await page.getByTestId('hw-vcpus').fill('2');
    await page.getByTestId('hw-resources-apply').click();
    await expect(page.getByTestId('hw-change-notice')).toContainText('Applies after a restart: vCPUs', { timeout: 20_000 });
    await expect(page.getByTestId('hw-resources').getByTestId('hw-pending-next-boot').first()).toBeVisible();
    expect([config().vcpus, live().vcpus]).toEqual([2, 1]);

    // A new 16 MiB disk in the pool, hot-plugged.
    await page.getByTestId('hw-attach-pool').click();
    await page.getByRole('option', { name: pool }).click();
    await page.getByTestId('hw-attach-size').fill('0.016');
    await page.getByTestId('hw-attach-apply').click();
    await expect(page.getByTestId('hw-disk-vdb')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('hw-change-notice')).toContainText('Applied now: disk');
    expect(live().disks.map((d) => d.targetDev)).toContain('vdb');
    expect(config().disks.find((d) => d.targetDev === 'vdb')?.sourceFile).toBe(`${dir}/${vm}-vdb.qcow2`);

    // CD-ROM media, live.
    const cd = page.getByTestId('hw-disk-hdc');
    await cd.getByPlaceholder('Pool').click();
    await page.getByRole('option', { name: pool }).click();
    await cd.getByPlaceholder('Volume').click();
    await page.getByRole('option', { name: 'media.iso' }).click();
    await page.getByTestId('hw-cdrom-insert-hdc').click();
    await expect(cd).toContainText(`${dir}/media.iso`, { timeout: 20_000 });
    expect(live().disks.find((d) => d.targetDev === 'hdc')?.sourceFile).toBe(`${dir}/media.iso`);

    // A NIC on the network, hot-plugged.
    await page.getByTestId('hw-nic-network').click();
    await page.getByRole('option', { name: net }).click();
    await page.getByTestId('hw-nic-add').click();
    await expect(page.getByTestId('hw-nics').locator('tbody tr')).toHaveCount(1, { timeout: 20_000 });
    const mac = live().interfaces[0]?.mac ?? '';
    expect(config().interfaces.map((n) => n.mac)).toEqual([mac]);
    await expect(page.getByTestId(`hw-nic-${mac}`)).toContainText(net);

    // Boot menu: the config only, marked as waiting for a restart.
    await page.getByTestId('hw-boot-menu').click();
    await page.getByTestId('hw-boot-apply').click();
    await expect(page.getByTestId('hw-boot').getByTestId('hw-pending-next-boot')).toBeVisible({ timeout: 20_000 });
    expect(config().bootMenu).toBe(true);
    expect(foreign()).toBe(foreignBefore);
    await page.getByTestId('hw-change-notice').scrollIntoViewIfNeeded();
    await shot(page, 'hardware-2-changed');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('hw-change-notice')).toContainText('重启后生效');
    await expect(page.getByTestId('tab-hardware')).toHaveText('硬件');
    await shot(page, 'hardware-3-zh-CN');
  } finally {
    quiet('destroy', vm);
    quiet('undefine', vm);
    for (const v of ['disk.qcow2', 'media.iso', `${vm}-vdb.qcow2`]) quiet('vol-delete', '--pool', pool, v);
    quiet('pool-destroy', pool);
    quiet('pool-delete', pool);
    quiet('pool-undefine', pool);
    quiet('net-destroy', net);
    quiet('net-undefine', net);
  }
});
