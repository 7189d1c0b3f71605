// Storage through the UI over the web API over the real core on test-bed host h1: the pool wizard (a missing
// directory refused at the check step, then built), capacity bars, volumes (create with units, linked clone with its
// backing chain, resize, clone, upload and download with equal SHA-256, delete), and pool delete from the core's plan
// (which names a VM that uses a volume and cannot be confirmed until nothing does).
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addHostViaWizard, expect, shot, test } from './webapi-fixture.js';
import { fieldError } from './field-error.js';

const sha = (buf: Buffer): string => createHash('sha256').update(buf).digest('hex');

async function pickOption(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function volumeMenu(page: Page, volume: string, item: string): Promise<void> {
  await page.getByTestId(`volume-row-${volume}`).getByTestId('volume-menu').click();
  await page.getByTestId(item).click();
}

test('pool wizard, volumes and pool delete on a real host', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const pool = `rdr-pool-${tag}`;
  const dir = `/var/lib/libvirt/rdr-e2e/${pool}`;
  const vm = `rdr-vm-${tag}`;
  const inHost = (...argv: string[]) =>
    execFileSync(`${tb.dir}/bin/tbns`, ['1', ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-storage').click();
    await expect(page.getByTestId('pool-row-default')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('pool-row-default').getByTestId('pool-usage')).toBeVisible();

    // Step 1: name and type.
    await page.getByTestId('pool-add').click();
    await page.getByTestId('pool-name').fill(pool);
    await page.getByTestId('pool-type-dir').click();
    await shot(page, 'storage-wizard-1-type');
    await page.getByTestId('pool-next').click();

    // Step 2: a directory that does not exist, without build → the check refuses it on the directory's input,
    // Next stays on the step, and nothing is defined.
    await page.getByTestId('pool-target').fill(dir);
    await page.getByTestId('pool-build-opt').click();
    await shot(page, 'storage-wizard-2-source');
    await page.getByTestId('pool-next').click();
    await expect(fieldError(page, 'pool-target')).toContainText(`${dir} does not exist on h1`, { timeout: 20_000 });
    await expect(page.getByTestId('pool-step-source')).toBeVisible();
    await shot(page, 'storage-wizard-2-check-refused');
    expect(tb.virsh(1, 'pool-list', '--all', '--name')).not.toContain(pool);

    // Turn build on: the problem goes, the review's check passes and the pool is built, started and autostarted.
    await page.getByTestId('pool-build-opt').click();
    await expect(fieldError(page, 'pool-target')).toHaveCount(0, { timeout: 20_000 });
    await page.getByTestId('pool-next').click();
    await expect(page.getByTestId('pool-check-ok')).toBeVisible({ timeout: 20_000 });
    await shot(page, 'storage-wizard-3-check-ok');
    await page.getByTestId('pool-create').click();
    await expect(page.getByTestId('pool-created')).toBeVisible({ timeout: 30_000 });
    await shot(page, 'storage-wizard-4-created');
    await page.getByTestId('pool-done').click();
    const row = page.getByTestId(`pool-row-${pool}`);
    await expect(row).toHaveAttribute('data-state', 'running');
    await expect(row.getByTestId('pool-autostart')).toBeChecked();
    expect(tb.virsh(1, 'pool-info', pool)).toMatch(/State:\s+running[\s\S]*Autostart:\s+yes/);
    expect(inHost('stat', '-c', '%F', dir)).toBe('directory');

    // Volumes: a 64 MiB qcow2.
    await row.click();
    const volumes = page.getByTestId(`volumes-${pool}`);
    await expect(volumes).toBeVisible();
    await page.getByTestId('volume-add').click();
    await page.getByTestId('volume-name').fill('base.qcow2');
    await pickOption(page, 'volume-size-unit', 'MiB');
    await page.getByTestId('volume-size').fill('64');
    await pickOption(page, 'volume-prealloc', 'Metadata');
    await shot(page, 'storage-volume-create');
    await page.getByTestId('volume-create-ok').click();
    await expect(page.getByTestId('volume-row-base.qcow2')).toHaveAttribute('data-capacity', String(64 * 2 ** 20), { timeout: 20_000 });
    expect(tb.virsh(1, 'vol-info', '--pool', pool, 'base.qcow2')).toMatch(/Capacity:\s+64\.00 MiB/);

    // A linked clone on it: its backing chain names the base.
    await page.getByTestId('volume-add').click();
    await page.getByTestId('volume-name').fill('linked.qcow2');
    await pickOption(page, 'volume-backing', 'base.qcow2');
    await page.getByTestId('volume-create-ok').click();
    const linked = page.getByTestId('volume-row-linked.qcow2');
    await expect(linked.getByTestId('volume-chain')).toContainText(`${dir}/base.qcow2`, { timeout: 20_000 });
    expect(tb.virsh(1, 'vol-dumpxml', '--pool', pool, 'linked.qcow2')).toContain(`<path>${dir}/base.qcow2</path>`);
    await shot(page, 'storage-volumes-chain');

    // The base cannot go while the linked clone uses it.
    await volumeMenu(page, 'base.qcow2', 'volume-delete');
    await page.getByTestId('confirm-ok').click();
    await expect(page.locator('.mantine-Notification-description').getByText(`is in use by volume ${pool}/linked.qcow2`)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('volume-row-base.qcow2')).toBeVisible();

    // Resize the linked clone to 128 MiB.
    await volumeMenu(page, 'linked.qcow2', 'volume-resize');
    await pickOption(page, 'volume-resize-size-unit', 'MiB');
    await page.getByTestId('volume-resize-size').fill('128');
    await shot(page, 'storage-volume-resize');
    await page.getByTestId('volume-resize-ok').click();
    await expect(linked).toHaveAttribute('data-capacity', String(128 * 2 ** 20), { timeout: 20_000 });

    // Full clone of the base.
    await volumeMenu(page, 'base.qcow2', 'volume-clone');
    await page.getByTestId('volume-clone-name').fill('copy.qcow2');
    await page.getByTestId('volume-clone-ok').click();
    await expect(page.getByTestId('volume-row-copy.qcow2')).toHaveAttribute('data-format', 'qcow2', { timeout: 30_000 });

    // Upload a local file (staged through the web API), then download it back: the same bytes everywhere.
    const data = randomBytes(2 * 1024 * 1024 + 4099);
    const local = path.join(mkdtempSync(path.join(tmpdir(), 'rdr-e2e-up-')), 'payload.raw');
    writeFileSync(local, data);
    await volumes.locator('input[type=file]').setInputFiles(local);
    const result = page.getByTestId('volume-transfer-result');
    await expect(result).toHaveAttribute('data-sha256', sha(data), { timeout: 60_000 });
    await expect(page.getByTestId('volume-row-payload.raw')).toBeVisible();
    expect(inHost('sha256sum', `${dir}/payload.raw`).split(/\s+/)[0]).toBe(sha(data));
    await page.getByTestId('tasks-toggle').click();
    await expect(page.getByTestId('task-panel').getByText(/^Upload .* to .*\/payload\.raw$/).first()).toBeVisible();
    await shot(page, 'storage-upload-done');
    await page.getByTestId('tasks-toggle').click();

    const downloading = page.waitForEvent('download');
    await volumeMenu(page, 'payload.raw', 'volume-download');
    const download = await downloading;
    const saved = path.join(path.dirname(local), 'back.raw');
    await download.saveAs(saved);
    expect(sha(readFileSync(saved))).toBe(sha(data));

    // Delete a volume.
    await volumeMenu(page, 'copy.qcow2', 'volume-delete');
    await shot(page, 'storage-volume-delete-confirm');
    await page.getByTestId('confirm-ok').click();
    await expect(page.getByTestId('volume-row-copy.qcow2')).toHaveCount(0, { timeout: 20_000 });

    // zh-CN.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.getByTestId('pool-add')).toHaveText('新建存储池');
    await shot(page, 'storage-zh-CN');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();

    // A shut-off VM on one of the pool's volumes: the plan with data names it and the delete cannot be confirmed.
    const vmXml = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-vm-')), 'vm.xml');
    writeFileSync(vmXml, `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>32</memory><os><type arch='x86_64' machine='pc'>hvm</type></os>
      <devices><disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${dir}/payload.raw'/><target dev='vda' bus='virtio'/></disk></devices></domain>`);
    tb.virsh(1, 'define', vmXml);

    // Pool delete: first the plan without data, then with data; the statement comes from the core.
    await row.getByTestId('pool-menu').click();
    await page.getByTestId('pool-delete').click();
    const statement = page.getByTestId('pool-delete-statement');
    await expect(statement).toContainText(`Its data stays in ${dir}`, { timeout: 20_000 });
    await shot(page, 'storage-pool-delete-keep');
    await page.getByTestId('pool-delete-data').click();
    await expect(page.getByTestId('pool-delete-volume-users')).toHaveText(` — In use by VM ${vm}`, { timeout: 20_000 });
    await expect(page.getByTestId('pool-delete-in-use')).toBeVisible();
    await expect(page.getByTestId('pool-delete-confirm')).toBeDisabled();
    await shot(page, 'storage-pool-delete-in-use');
    tb.virsh(1, 'undefine', vm);
    await page.getByTestId('pool-delete-data').click();
    await page.getByTestId('pool-delete-data').click(); // a fresh plan, now that nothing uses the volume
    await expect(statement).toContainText('DESTROYS 3 volumes', { timeout: 20_000 });
    await expect(page.getByTestId('pool-delete-volume-users')).toHaveCount(0);
    await expect(statement).toContainText(`Then removes the directory ${dir}`);
    await shot(page, 'storage-pool-delete-data');
    await page.getByTestId('pool-delete-confirm').click();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    expect(tb.virsh(1, 'pool-list', '--all', '--name')).not.toContain(pool);
    expect(() => inHost('stat', dir)).toThrow();
  } finally {
    if (tb.virsh(1, 'list', '--all', '--name').split('\n').includes(vm)) tb.virsh(1, 'undefine', vm);
    if (tb.virsh(1, 'pool-list', '--all', '--name').split('\n').includes(pool)) {
      for (const args of [['pool-destroy', pool], ['pool-undefine', pool]]) {
        try {
          tb.virsh(1, ...args);
        } catch {
          /* not running */
        }
      }
    }
    inHost('rm', '-rf', dir);
  }
});
