// The cloud-init launch wizard end to end over the web API over the real core on test-bed host h1: the real test
// guest image (test/guest) uploaded through the image library, IPAM set on a network without DHCP, live validation
// (an address outside the subnet is refused as it is typed), the generated user-data and network-config previewed,
// then a real TCG launch whose task shows clone, seed, define, boot and cloud-init with timings; then a template of
// it made from its menu (a taken name refused in words; en + zh-CN) lands in the library.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guestImage, guestImageUnavailable } from '../guest/guest-image.js';
import { addHostViaWizard, expect, shot, test, vmRow } from './webapi-fixture.js';
import { fieldError, pick } from './field-error.js';

test('launch wizard: image upload, IPAM, live validation, preview, real launch', async ({ page, webapi, tb }) => {
  const unavailable = guestImageUnavailable();
  test.skip(!!unavailable, `no guest image: ${unavailable}`);
  test.setTimeout(600_000);
  const tag = randomBytes(3).toString('hex');
  const net = `rdr-ln-${tag}`;
  const img = `rdr-img-${tag}`;
  const vm = `rdr-vm-${tag}`;
  const subnet = `10.79.${randomInt(100, 250)}`;
  const PASSWORD = `e2e-${tag}-Pw`;
  const quiet = (...args: string[]) => {
    try {
      tb.virsh(1, ...args);
    } catch {
      /* not there */
    }
  };
  const work = mkdtempSync(path.join(tmpdir(), 'rdr-e2e-launch-'));
  const netXml = path.join(work, 'net.xml');
  writeFileSync(netXml, `<network><name>${net}</name><ip address='${subnet}.1' prefix='24'/></network>`);
  tb.virsh(1, 'net-define', netXml);
  tb.virsh(1, 'net-start', net);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'rdr-e2e', '-f', path.join(work, 'id')]);
  const publicKey = readFileSync(path.join(work, 'id.pub'), 'utf8').trim();
  // The image file gets the name the library derives the image name from.
  const imageFile = path.join(work, `${img}.qcow2`);
  execFileSync('cp', ['--reflink=auto', guestImage().qcow2, imageFile]);
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-instances').click();

    // Image library: upload from "this computer" (staged through the web API, then a volume upload task).
    await page.getByTestId('image-add').click();
    await page.getByTestId('image-add-dialog').locator('input[type=file]').setInputFiles(imageFile);
    await page.getByTestId('image-user').fill('debian');
    await shot(page, 'instances-image-add');
    await page.getByTestId('image-add-ok').click();
    const imageRow = page.getByTestId(`image-row-${img}`);
    await expect(imageRow).toBeVisible({ timeout: 180_000 });
    await expect(imageRow).toContainText('qcow2');
    await shot(page, 'instances-images');

    // IPAM on the network without DHCP.
    await page.getByTestId('instances-section').getByText('IP addresses').click();
    await pick(page, 'ipam-network', net);
    await page.getByTestId('ipam-cidr').fill(`${subnet}.0/24`);
    await page.getByTestId('ipam-gateway').fill(`${subnet}.1`);
    await page.getByTestId('ipam-range-start').fill(`${subnet}.10`);
    await page.getByTestId('ipam-range-end').fill(`${subnet}.50`);
    await page.getByTestId('ipam-save').click();
    await expect(page.getByTestId('ipam-summary')).toHaveText('41 free, 0 in use', { timeout: 20_000 });
    await expect(page.getByTestId(`ipam-ip-${subnet}.1`)).toHaveAttribute('data-state', 'gateway');
    await shot(page, 'instances-ipam');

    // The wizard. Step 1: basics.
    await page.getByTestId('launch-open').click();
    await page.getByTestId('launch-name').fill(vm);
    await pick(page, 'launch-image', img);
    await pick(page, 'launch-flavor', 'small · 1 vCPU · 1.0 GiB · 10.0 GiB');
    await page.getByTestId('launch-virt').getByText('QEMU (emulated)').click();
    await shot(page, 'launch-1-basics');
    await page.getByTestId('launch-next').click();

    // Step 2: network; a manual address outside the subnet is refused live, then "next free address".
    await pick(page, 'launch-network', net);
    await page.getByTestId('launch-ip-mode').getByText('Manual').click();
    await page.getByTestId('launch-ip').fill('10.98.0.5');
    await expect(fieldError(page, 'launch-ip')).toContainText(`10.98.0.5 is outside ${subnet}.0/24`, { timeout: 10_000 });
    await shot(page, 'launch-2-network-invalid');
    await page.getByTestId('launch-ip-mode').getByText('Next free address').click();
    // Nothing left to fix on this step (users come next, so the whole spec is not valid yet).
    await expect(page.getByTestId('launch-ip-error')).toHaveCount(0, { timeout: 10_000 });
    await shot(page, 'launch-2-network');
    await page.getByTestId('launch-next').click();

    // Step 3: users.
    await page.getByTestId('launch-user').fill('tester');
    await page.getByTestId('launch-keys').fill(publicKey);
    // A plain password, typed: only its SHA-512 crypt hash reaches the user-data.
    await page.getByTestId('launch-password').fill(PASSWORD);
    await shot(page, 'launch-3-users');
    await page.getByTestId('launch-next').click();

    // Step 4: the plan and the generated files.
    await expect(page.getByTestId('launch-validation')).toHaveAttribute('data-ok', 'true', { timeout: 10_000 });
    await expect(page.getByTestId('launch-plan')).toContainText(`${vm} on h1`);
    await expect(page.getByTestId('launch-plan')).toContainText(`address ${subnet}.10/24`);
    await expect(page.getByTestId('preview-user-data')).toContainText('tester');
    await expect(page.getByTestId('preview-user-data')).toContainText(publicKey);
    await expect(page.getByTestId('preview-user-data')).toContainText(/\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}/);
    await expect(page.getByTestId('preview-user-data')).not.toContainText(PASSWORD);
    await shot(page, 'launch-4-review-user-data');
    await page.getByTestId('preview-tab-network-config').click();
    await expect(page.getByTestId('preview-network-config')).toContainText(`${subnet}.10/24`);
    await expect(page.getByTestId('preview-network-config')).toContainText(`gateway4: ${subnet}.1`);
    await shot(page, 'launch-4-review-network-config');

    // Launch for real (TCG guest): the task's steps with timings.
    await page.getByTestId('launch-go').click();
    const progress = page.getByTestId('launch-step-progress');
    await expect(progress.getByTestId('task-step-clone')).toHaveAttribute('data-state', 'succeeded', { timeout: 60_000 });
    await expect(progress.getByTestId('task-step-cloud-init')).toHaveAttribute('data-state', 'running', { timeout: 120_000 });
    await expect(page.getByTestId('launch-elapsed')).toBeVisible();
    await shot(page, 'launch-5-progress');
    await expect(page.getByTestId('launch-done')).toBeVisible({ timeout: 480_000 });
    for (const s of ['clone', 'seed', 'define', 'boot', 'cloud-init']) {
      await expect(progress.getByTestId(`task-step-${s}`)).toHaveAttribute('data-state', 'succeeded');
    }
    await expect(page.getByTestId('launch-done')).toContainText(`${subnet}.10`);
    await shot(page, 'launch-6-done');
    expect(tb.virsh(1, 'domstate', vm)).toBe('running');
    await page.getByTestId('launch-close').click();

    // The address now shows as held by the VM.
    await pick(page, 'ipam-network', 'default');
    await pick(page, 'ipam-network', net);
    await expect(page.getByTestId(`ipam-ip-${subnet}.10`)).toHaveAttribute('data-state', 'used', { timeout: 20_000 });
    await expect(page.getByTestId(`ipam-ip-${subnet}.10`)).toContainText(vm);
    await shot(page, 'instances-ipam-used');

    // Make a template of the running instance from its menu: a taken image name is refused in words before the guest
    // is touched; then the VM is cleaned, shut down, and its disk lands in the library as a read-only image.
    const tpl = `${vm}-template`;
    const openTemplate = async () => {
      const row = await vmRow(page, 'h1', vm);
      await row.getByTestId('vm-menu').click();
      await page.getByTestId('vm-action-template').click();
      await expect(page.getByTestId('template-name')).toHaveValue(tpl);
    };
    await openTemplate();
    await shot(page, 'vm-template-dialog');
    await page.getByTestId('template-name').fill(img);
    await page.getByTestId('template-confirm').click();
    await expect(page.getByRole('alert')).toContainText(`An image named “${img}” already exists on h1`, { timeout: 30_000 });
    expect(tb.virsh(1, 'domstate', vm)).toBe('running');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await openTemplate();
    await shot(page, 'vm-template-dialog-zh-CN');
    await page.getByTestId('template-confirm').click();
    await page.getByTestId('tab-instances').click();
    await expect(page.getByTestId(`image-row-${tpl}`)).toBeVisible({ timeout: 300_000 });
    expect(tb.virsh(1, 'domstate', vm)).toBe('shut off');
    expect(tb.virsh(1, 'vol-dumpxml', '--pool', 'default', `${tpl}.qcow2`)).not.toContain('<backingStore>');
    await shot(page, 'vm-template-in-library-zh-CN');
  } finally {
    quiet('destroy', vm);
    quiet('undefine', vm, '--remove-all-storage', '--nvram');
    for (const v of tb.virsh(1, 'vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '')) {
      if (v.startsWith(img) || v.startsWith(vm)) quiet('vol-delete', '--pool', 'default', v);
    }
    quiet('net-destroy', net);
    quiet('net-undefine', net);
  }
});
