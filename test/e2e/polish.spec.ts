// Issue 10's smaller promises, seen in Chromium over the web API over the real core and test bed, in en and zh-CN:
// the empty list's call to action, add-host name clash and connection hints, storage totals per filesystem, libvirt's
// own bridge, the subnet and IPAM proposals, the filter in Chinese with the bundled CJK face, console tabs, guest
// SSH without an address, and the small words (no disks, default snapshot name).
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addHostViaWizard, defineTiny, expect, pickKnownHosts, purge, shot, test, vmRow } from './webapi-fixture.js';

async function language(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-${lang}`).click();
}

test('empty list: a centred call to action; add host: a taken name at step 1, a hint per connection failure', async ({ page, webapi, tb }) => {
  test.setTimeout(120_000);
  await page.goto(webapi.url);
  const empty = page.getByTestId('vm-empty');
  await expect(empty.getByTestId('empty-add-host')).toBeVisible({ timeout: 20_000 });
  // Centred in the list area: the button's centre is within a few pixels of the area's.
  const [area, button] = [await empty.boundingBox(), await empty.getByTestId('empty-add-host').boundingBox()];
  expect(Math.abs((area?.x ?? 0) + (area?.width ?? 0) / 2 - ((button?.x ?? 0) + (button?.width ?? 0) / 2))).toBeLessThan(4);
  await shot(page, 'polish-empty-en');
  await language(page, 'zh-CN');
  await expect(empty.getByTestId('empty-add-host')).toHaveText('添加主机');
  await shot(page, 'polish-empty-zh-CN');
  await language(page, 'en');

  await addHostViaWizard(page, tb, 1, webapi.knownHosts);
  await expect(empty.getByTestId('empty-launch')).toBeVisible();

  // A second host named like the first: refused on the name field before anything is contacted.
  const h1 = tb.hosts[0];
  if (!h1) throw new Error('no test-bed host 1');
  await page.getByTestId('add-host').click();
  await page.getByTestId('wizard-address').fill(`root@${h1.sshHost}:${h1.sshPort}`);
  await page.getByTestId('wizard-name').fill(h1.name);
  await expect(page.getByTestId('add-host-wizard')).toContainText(`A host named “${h1.name}” already exists`);
  await expect(page.getByTestId('wizard-next')).toBeDisabled();
  await shot(page, 'polish-host-name-taken-en');

  // A port where nothing listens: the error says refused, the hint says what to check.
  await page.getByTestId('wizard-name').fill('nowhere');
  await page.getByTestId('wizard-address').fill('root@127.0.0.1:1');
  await page.getByTestId('wizard-identity').fill(tb.keyFile);
  await page.getByTestId('wizard-advanced').click();
  await pickKnownHosts(page, webapi.knownHosts);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-hint')).toHaveText(/is sshd running on the host/, { timeout: 20_000 });
  await shot(page, 'polish-host-refused-en');
  await page.keyboard.press('Escape');
  await language(page, 'zh-CN');
  await page.getByTestId('add-host').click();
  await page.getByTestId('wizard-address').fill('root@127.0.0.1:1');
  await page.getByTestId('wizard-name').fill('nowhere');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-hint')).toContainText('sshd 是否在运行', { timeout: 20_000 });
  await shot(page, 'polish-host-refused-zh-CN');
});

test('a host named by its own hostname, then edited and renamed from its menu', async ({ page, webapi, tb }) => {
  test.setTimeout(150_000);
  const h2 = tb.hosts[1];
  if (!h2) throw new Error('no test-bed host 2');
  await page.goto(webapi.url);
  // Added under a made-up name: once connected, the host's own name is offered.
  await page.getByTestId('add-host').click();
  await page.getByTestId('wizard-address').fill(`root@${h2.sshHost}:${h2.sshPort}`);
  await page.getByTestId('wizard-name').fill('new-host');
  await page.getByTestId('wizard-identity').fill(tb.keyFile);
  await page.getByTestId('wizard-advanced').click();
  await pickKnownHosts(page, webapi.knownHosts);
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-fingerprint')).toHaveText(/^SHA256:/, { timeout: 20_000 });
  if ((await page.getByTestId('wizard-fingerprint').getAttribute('data-status')) === 'unknown') await page.getByTestId('wizard-accept').click();
  await page.getByTestId('wizard-add').click();
  await expect(page.getByTestId('wizard-use-hostname')).toHaveText(`Name it “${h2.name}”`, { timeout: 30_000 });
  await shot(page, 'polish-host-hostname-offer-en');
  await page.getByTestId('wizard-use-hostname').click();
  await expect(page.getByTestId('wizard-added')).toContainText(`${h2.name} added`, { timeout: 30_000 });
  await page.getByTestId('wizard-done').click();
  await expect(page.getByTestId(`host-item-${h2.name}`)).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
  await expect(page.getByTestId('host-item-new-host')).toHaveCount(0);

  // Edit: the wizard opens with the host's settings; a new name is saved and the host reconnects under it.
  await page.getByTestId(`host-item-${h2.name}`).getByTestId('host-menu').click();
  await page.getByTestId('host-edit').click();
  await expect(page.getByTestId('wizard-address')).toHaveValue(`root@${h2.sshHost}:${h2.sshPort}`);
  await expect(page.getByTestId('wizard-identity')).toHaveValue(tb.keyFile);
  await page.getByTestId('wizard-name').fill(`${h2.name}-lab`);
  await shot(page, 'polish-host-edit-en');
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('wizard-fingerprint')).toHaveAttribute('data-status', 'known', { timeout: 20_000 });
  await page.getByTestId('wizard-add').click();
  await expect(page.getByTestId('wizard-added')).toContainText(`${h2.name}-lab saved`, { timeout: 30_000 });
  await page.getByTestId('wizard-done').click();
  await expect(page.getByTestId(`host-item-${h2.name}-lab`)).toHaveAttribute('data-status', 'online', { timeout: 30_000 });
  await expect(page.getByTestId(`host-item-${h2.name}`)).toHaveCount(0);
  await language(page, 'zh-CN');
  await page.getByTestId(`host-item-${h2.name}-lab`).getByTestId('host-menu').click();
  await page.getByTestId('host-edit').click();
  await expect(page.getByTestId('add-host-wizard')).toContainText(`编辑主机 ${h2.name}-lab`);
  await shot(page, 'polish-host-edit-zh-CN');
});

test('storage counted per filesystem; virbr0 belongs to "default"; free subnet and IPAM proposed', async ({ page, webapi, tb }) => {
  test.setTimeout(150_000);
  const pool = `pol-fs-${randomBytes(3).toString('hex')}`;
  try {
    // A second dir pool on the filesystem of "default".
    tb.virsh(1, 'pool-define-as', pool, 'dir', '--target', `/var/lib/libvirt/images/${pool}`);
    tb.virsh(1, 'pool-build', pool);
    tb.virsh(1, 'pool-start', pool);
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-storage').click();
    await expect(page.getByTestId(`pool-row-${pool}`)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    const capacityOf = async (testId: string, scope = page.locator('body')) =>
      /of (\S+ \S+) used/.exec((await scope.getByTestId(testId).first().textContent()) ?? '')?.[1];
    const one = await capacityOf('pool-usage', page.getByTestId('pool-row-default'));
    expect(one).toBeTruthy();
    expect(await capacityOf('storage-host-usage')).toBe(one);
    await shot(page, 'polish-storage-total-en');

    await page.getByTestId('tab-networks').click();
    const virbr0 = page.getByTestId('bridge-row-virbr0');
    await expect(virbr0.getByTestId('bridge-network')).toHaveText('network default', { timeout: 20_000 });
    await expect(virbr0.getByTestId('bridge-delete')).toHaveCount(0);
    await expect(virbr0.getByTestId('bridge-locked')).toBeVisible();

    // The wizard opens addressing with a subnet no network of h1 uses.
    await page.getByTestId('net-add').click();
    await page.getByTestId('net-name').fill('pol-net');
    await page.getByTestId('net-next').click();
    await expect(page.getByTestId('net-cidr')).toHaveValue(/^192\.168\.(1\d\d|2\d\d)\.1\/24$/);
    await expect(page.getByTestId('net-cidr')).not.toHaveValue('192.168.122.1/24');
    await shot(page, 'polish-net-wizard-subnet-en');
    await page.keyboard.press('Escape');

    // IPAM from the network's row, proposed from its address.
    await page.getByTestId('net-row-default').getByTestId('net-menu').click();
    await page.getByTestId('net-ipam').click();
    const dialog = page.getByTestId('net-ipam-dialog');
    await expect(dialog.getByTestId('ipam-cidr')).toHaveValue('192.168.122.0/24', { timeout: 20_000 });
    await expect(dialog.getByTestId('ipam-gateway')).toHaveValue('192.168.122.1');
    await shot(page, 'polish-ipam-from-network-en');
    await page.keyboard.press('Escape');
    await language(page, 'zh-CN');
    await page.getByTestId('net-row-default').getByTestId('net-menu').click();
    await page.getByTestId('net-ipam').click();
    await expect(dialog).toContainText('已按网络地址给出建议', { timeout: 20_000 });
    await shot(page, 'polish-ipam-from-network-zh-CN');
    await page.keyboard.press('Escape');
    await expect(virbr0.getByTestId('bridge-network')).toHaveText('网络 default');
    await shot(page, 'polish-bridges-zh-CN');
  } finally {
    for (const args of [['pool-destroy', pool], ['pool-delete', pool], ['pool-undefine', pool]]) {
      try {
        tb.virsh(1, ...args);
      } catch {
        /* not there */
      }
    }
  }
});

test('zh-CN: the filter takes Chinese state words, rendered in the bundled CJK face; console tabs; guest SSH needs an address', async ({ page, webapi, tb }) => {
  test.setTimeout(150_000);
  const tag = randomBytes(3).toString('hex');
  const [on, off] = [`pol-on-${tag}`, `pol-off-${tag}`];
  defineTiny(tb, 1, on, { serial: true, vnc: true });
  defineTiny(tb, 1, off, { serial: true, vnc: true });
  tb.virsh(1, 'start', on);
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await expect(await vmRow(page, 'h1', on)).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
    await language(page, 'zh-CN');
    await page.getByTestId('vm-filter').fill(`state:运行中 name:pol-`);
    await expect(page.getByTestId(`vm-row-h1-${on}`)).toBeVisible();
    await expect(page.getByTestId(`vm-row-h1-${off}`)).toHaveCount(0);
    await page.getByTestId('vm-filter').fill(`状态：已关机 名称:pol-`);
    await expect(page.getByTestId(`vm-row-h1-${off}`)).toBeVisible();
    await expect(page.getByTestId(`vm-row-h1-${on}`)).toHaveCount(0);
    // The Chinese on screen is drawn with the bundled Noto Sans SC (loaded by the page, not a system font).
    await expect
      .poll(() => page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans SC').map((f) => f.status);
      }), { timeout: 20_000 })
      .toContain('loaded');
    await shot(page, 'polish-filter-zh-CN');
    await language(page, 'en');

    // Console tabs: labelled by VM, console and host; the main tabs stay in view however many are open.
    const row = await vmRow(page, 'h1', on);
    const uuid = tb.virsh(1, 'domuuid', on);
    await row.getByTestId('vm-open').click();
    const details = page.getByTestId(`vm-details-h1-${on}`);
    for (const which of ['serial', 'vnc'] as const) {
      await page.getByTestId(`tab-vm:h1/${uuid}`).click();
      await details.getByTestId('vm-consoles').click();
      await page.getByTestId(`open-${which}`).click();
    }
    await expect(page.getByTestId(`tab-vnc:h1/${uuid}`)).toHaveText(`${on} · VNC · h1`);
    await expect(page.getByTestId(`tab-serial:h1/${uuid}`)).toHaveText(`${on} · Serial · h1`);
    await expect(page.getByTestId(`tab-vnc:h1/${uuid}`)).toBeInViewport();
    await expect(page.getByTestId('tab-list')).toBeInViewport();
    await page.getByTestId('tabs-menu').click();
    await shot(page, 'polish-tabs-menu-en');
    await page.getByTestId('tabs-close-others').click();
    await expect(page.getByTestId(`tab-serial:h1/${uuid}`)).toHaveCount(0);
    await expect(page.getByTestId(`tab-vm:h1/${uuid}`)).toHaveCount(0);
    await expect(page.getByTestId(`tab-vnc:h1/${uuid}`)).toHaveAttribute('aria-selected', 'true');

    // Guest SSH on a VM with no agent and no IPAM reservation: Open waits for a typed address and says why.
    await (await vmRow(page, 'h1', on)).getByTestId('vm-open').click();
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('open-ssh').click();
    await expect(page.getByTestId('ssh-no-address')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('ssh-open')).toBeDisabled();
    await shot(page, 'polish-ssh-no-address-en');
    await page.getByTestId('ssh-address').fill('10.0.0.300');
    await expect(page.getByRole('dialog')).toContainText('Not an IP address');
    await page.getByTestId('ssh-address').fill('10.0.0.30');
    await expect(page.getByTestId('ssh-open')).toBeEnabled();
    await page.keyboard.press('Escape');
    await language(page, 'zh-CN');
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('open-ssh').click();
    await expect(page.getByTestId('ssh-no-address')).toContainText('请输入客户机地址');
    await shot(page, 'polish-ssh-no-address-zh-CN');
    await page.keyboard.press('Escape');

    // A diskless VM's disk graph says so; a new snapshot has a name ready.
    await page.getByTestId(`tab-vm:h1/${uuid}`).click();
    await details.getByTestId('tab-performance').click();
    await expect(details.getByTestId('graph-disk')).toContainText('没有磁盘', { timeout: 20_000 });
    await shot(page, 'polish-no-disks-zh-CN');
    await language(page, 'en');
    await expect(details.getByTestId('graph-disk')).toContainText('No disks');
    await shot(page, 'polish-no-disks-en');
    await details.getByTestId('tab-snapshots').click();
    await details.getByTestId('snap-add').click();
    await expect(page.getByTestId('snap-name')).toHaveValue(/^snap-\d{8}-\d{4}$/);
    await shot(page, 'polish-snapshot-default-name-en');
  } finally {
    purge(tb, 1, on);
    purge(tb, 1, off);
  }
});

