// Snapshots through the UI over the web API over the real core on test-bed host h1: a tiny OS-less domain with a
// small qcow2 disk in a dir pool; two internal snapshots while it runs (tree, current marker, memory), a name that
// exists refused in the dialog, revert to the first (confirmation says what is discarded), delete the second;
// each step checked with virsh; the operations show in the task panel.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openVmTab, shot, test } from './webapi-fixture.js';

async function createSnapshot(page: Page, name: string, description: string): Promise<void> {
  await page.getByTestId('snap-add').click();
  await page.getByTestId('snap-name').fill(name);
  await page.getByTestId('snap-description').fill(description);
  await page.getByTestId('snap-kind-internal').check();
  await page.getByTestId('snap-create').click();
  await expect(page.getByTestId(`snap-row-${name}`)).toBeVisible({ timeout: 60_000 });
}

test('snapshots of a running VM: create, tree, revert, delete', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const vm = `rdr-snap-${tag}`;
  const pool = `rdr-snap-pool-${tag}`;
  const dir = `/var/lib/libvirt/images/${pool}`;
  const virsh = (...args: string[]) => tb.virsh(1, ...args);
  const snapNames = () => virsh('snapshot-list', vm, '--name').split('\n').map((s) => s.trim()).filter(Boolean).sort();
  try {
    virsh('pool-define-as', pool, 'dir', '--target', dir);
    virsh('pool-build', pool);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'disk.qcow2', '16M', '--format', 'qcow2');
    const disk = virsh('vol-path', '--pool', pool, 'disk.qcow2');
    const xml = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-snap-')), 'dom.xml');
    writeFileSync(
      xml,
      `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>
<os><type arch='x86_64' machine='pc'>hvm</type></os><devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${disk}'/><target dev='vda' bus='virtio'/></disk>
</devices></domain>`,
    );
    virsh('define', xml);
    virsh('start', vm);

    await openVmTab(page, webapi, tb, vm, 'snapshots');
    await expect(page.getByTestId('snap-none')).toBeVisible({ timeout: 20_000 });
    await shot(page, 'snapshots-1-empty');

    // The dialog: internal while running says it saves memory.
    await page.getByTestId('snap-add').click();
    await page.getByTestId('snap-name').fill('first');
    await page.getByTestId('snap-description').fill('before changes');
    await expect(page.getByRole('dialog')).toContainText('memory');
    await shot(page, 'snapshots-2-create-dialog');
    await page.getByTestId('snap-create').click();
    const first = page.getByTestId('snap-row-first');
    await expect(first).toHaveAttribute('data-current', 'true', { timeout: 60_000 });
    await expect(first.getByTestId('snap-memory')).toBeVisible();
    await expect(first.getByTestId('snap-description-cell')).toHaveText('before changes');
    expect(snapNames()).toEqual(['first']);

    await createSnapshot(page, 'second', 'after changes');
    const second = page.getByTestId('snap-row-second');
    await expect(second).toHaveAttribute('data-current', 'true');
    await expect(second).toHaveAttribute('data-parent', 'first');
    await expect(second).toHaveAttribute('data-depth', '1');
    await expect(first).toHaveAttribute('data-current', 'false');
    await expect(first).toHaveAttribute('data-depth', '0');
    expect(snapNames()).toEqual(['first', 'second']);
    expect(virsh('snapshot-current', vm, '--name')).toBe('second');
    expect(virsh('snapshot-parent', vm, 'second')).toBe('first');
    await shot(page, 'snapshots-3-tree');

    // A name that exists: the dialog says so and will not submit.
    await page.getByTestId('snap-add').click();
    await page.getByTestId('snap-name').fill('first');
    await expect(page.getByRole('dialog')).toContainText('already has a snapshot named “first”');
    await expect(page.getByTestId('snap-create')).toBeDisabled();
    await shot(page, 'snapshots-4-name-exists');
    await page.keyboard.press('Escape');
    expect(snapNames()).toEqual(['first', 'second']);

    // Revert to the first: the confirmation says what is discarded and that the memory comes back.
    await first.getByTestId('snap-revert').click();
    await expect(page.getByRole('dialog')).toContainText('Every change to its disks since that snapshot is discarded');
    await expect(page.getByRole('dialog')).toContainText('resumes running');
    await shot(page, 'snapshots-5-revert-confirm');
    await page.getByTestId('confirm-ok').click();
    await expect(first).toHaveAttribute('data-current', 'true', { timeout: 60_000 });
    await expect(second).toHaveAttribute('data-current', 'false');
    expect(virsh('snapshot-current', vm, '--name')).toBe('first');
    expect(virsh('domstate', vm)).toBe('running');
    await shot(page, 'snapshots-6-reverted');

    // The operations ran as core tasks: the task panel lists them.
    await page.getByTestId('tasks-toggle').click();
    const panel = page.getByTestId('task-panel');
    // Titles are worded by the UI from the task's {op, args}; the VM is named, though the renderer asked by UUID.
    await expect(panel).toContainText(`Snapshot ${vm}: revert to first`);
    await expect(panel).toContainText(`Snapshot ${vm}: create second`);
    await shot(page, 'snapshots-7-tasks');
    await page.getByTestId('tasks-toggle').click();

    // Delete the second: the confirmation says the current state is kept.
    await second.getByTestId('snap-delete').click();
    await expect(page.getByRole('dialog')).toContainText('current state is kept');
    await shot(page, 'snapshots-8-delete-confirm');
    await page.getByTestId('confirm-ok').click();
    await expect(second).toHaveCount(0, { timeout: 60_000 });
    await expect(first).toHaveAttribute('data-current', 'true');
    expect(snapNames()).toEqual(['first']);
    await shot(page, 'snapshots-9-deleted');
  } finally {
    const steps = [['destroy', vm], ['undefine', vm, '--snapshots-metadata'], ['vol-delete', '--pool', pool, 'disk.qcow2'], ['pool-destroy', pool], ['pool-delete', pool], ['pool-undefine', pool]];
    for (const args of steps) {
      try {
        virsh(...args);
      } catch {
        /* already gone */
      }
    }
  }
});
