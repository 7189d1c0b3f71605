// Every resource live, in the open app over the loopback web API over the real core on test-bed host h1: a pool, a volume, a
// network and a snapshot made and removed with virsh behind the app's back appear and go without a reload (a marker
// set in the page at the start is still there at the end).
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addHostViaWizard, defineTiny, expect, shot, test, vmRow } from './webapi-fixture.js';

test('pools, volumes, networks and snapshots made with virsh appear in the open app', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const pool = `rdr-live-pool-${tag}`;
  const net = `rdr-live-net-${tag}`;
  const vm = `rdr-live-vm-${tag}`;
  const virsh = (...args: string[]) => tb.virsh(1, ...args);
  const quiet = (...args: string[]) => {
    try {
      execFileSync('virsh', ['-c', `qemu+unix:///system?socket=${tb.hosts[0]?.socket}`, ...args], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
  };
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.evaluate(() => Object.assign(window, { vdNoReload: true }));

    // A pool behind the app's back: it shows up, runs, and its volumes follow.
    await page.getByTestId('tab-storage').click();
    await expect(page.getByTestId('pool-row-default')).toBeVisible({ timeout: 20_000 });
    virsh('pool-define-as', pool, 'dir', '--target', `/var/lib/libvirt/images/${pool}`);
    const poolRow = page.getByTestId(`pool-row-${pool}`);
    await expect(poolRow).toBeVisible({ timeout: 10_000 });
    virsh('pool-build', pool);
    virsh('pool-start', pool);
    await expect(poolRow).toHaveAttribute('data-state', 'running', { timeout: 10_000 });
    await poolRow.click();
    await expect(page.getByTestId(`volumes-${pool}`)).toBeVisible();
    virsh('vol-create-as', pool, 'disk.qcow2', '16M', '--format', 'qcow2');
    await expect(page.getByTestId('volume-row-disk.qcow2')).toBeVisible({ timeout: 10_000 });
    await shot(page, 'live-1-pool-and-volume-from-virsh');

    // A network behind the app's back: appears, starts, stops, goes.
    await page.getByTestId('tab-networks').click();
    await expect(page.getByTestId('net-row-default')).toBeVisible({ timeout: 20_000 });
    const xml = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-live-')), 'net.xml');
    writeFileSync(xml, `<network><name>${net}</name><ip address='10.78.${randomInt(100, 250)}.1' prefix='24'/></network>`);
    virsh('net-define', xml);
    const netRow = page.getByTestId(`net-row-${net}`);
    await expect(netRow).toHaveAttribute('data-active', 'false', { timeout: 10_000 });
    virsh('net-start', net);
    await expect(netRow).toHaveAttribute('data-active', 'true', { timeout: 10_000 });
    await shot(page, 'live-2-network-from-virsh');
    virsh('net-destroy', net);
    virsh('net-undefine', net);
    await expect(netRow).toHaveCount(0, { timeout: 10_000 });

    // A snapshot behind the app's back (libvirt sends no event for it: the open VM's list is looked at).
    defineTiny(tb, 1, vm, { disk: virsh('vol-path', '--pool', pool, 'disk.qcow2') });
    const row = await vmRow(page, 'h1', vm);
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByTestId('vm-open').click();
    await page.getByTestId('tab-snapshots').click();
    await expect(page.getByTestId('snap-none')).toBeVisible({ timeout: 20_000 });
    virsh('snapshot-create-as', vm, 'from-virsh');
    await expect(page.getByTestId('snap-row-from-virsh')).toBeVisible({ timeout: 20_000 });
    await shot(page, 'live-3-snapshot-from-virsh');
    virsh('snapshot-delete', vm, 'from-virsh');
    await expect(page.getByTestId('snap-row-from-virsh')).toHaveCount(0, { timeout: 20_000 });

    // The volume and the pool go away again, still without a reload.
    await page.getByTestId('tab-storage').click();
    await poolRow.click();
    await expect(page.getByTestId('volume-row-disk.qcow2')).toBeVisible({ timeout: 10_000 });
    virsh('undefine', vm, '--snapshots-metadata');
    virsh('vol-delete', '--pool', pool, 'disk.qcow2');
    await expect(page.getByTestId('volume-row-disk.qcow2')).toHaveCount(0, { timeout: 10_000 });
    virsh('pool-destroy', pool);
    await expect(poolRow).toHaveAttribute('data-state', 'inactive', { timeout: 10_000 });
    virsh('pool-undefine', pool);
    await expect(poolRow).toHaveCount(0, { timeout: 10_000 });
    await shot(page, 'live-4-gone');
    expect(await page.evaluate(() => (window as unknown as { vdNoReload?: boolean }).vdNoReload)).toBe(true);
  } finally {
    for (const args of [['undefine', vm, '--snapshots-metadata'], ['vol-delete', '--pool', pool, 'disk.qcow2'], ['pool-destroy', pool], ['pool-delete', pool], ['pool-undefine', pool], ['net-destroy', net], ['net-undefine', net]]) {
      quiet(...args);
    }
  }
});
