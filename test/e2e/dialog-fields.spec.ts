// Dialogs that help on the field, over the web API over the real core on test-bed host h1: in the add-host wizard,
// the volume, IPAM and snapshot dialogs an invalid value shows the core's check on its input, in English and in
// zh-CN (screenshots), the submit stays disabled, nothing is created, and no raw schema text is rendered.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { fieldError, rawSchemaText } from './field-error.js';
import { addHostViaWizard, defineTiny, expect, purge, shot, test, vmRow } from './webapi-fixture.js';

async function language(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId(`language-${lang}`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

const WORDS = { en: /[A-Za-z]{3}/, 'zh-CN': /[\u4e00-\u9fff]/ } as const;

test('add-host, volume, IPAM and snapshot dialogs show each problem on its input before submit, in en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(300_000);
  const tag = randomBytes(3).toString('hex');
  const pool = `rdr-df-${tag}`;
  const vm = `rdr-df-${tag}`;
  const virsh = (...args: string[]) => tb.virsh(1, ...args);
  const h1 = tb.hosts[0];
  if (!h1) throw new Error('no test-bed host 1');
  try {
    virsh('pool-define-as', pool, 'dir', '--target', `/var/lib/libvirt/images/${pool}`);
    virsh('pool-build', pool);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'disk.qcow2', '16M', '--format', 'qcow2');
    defineTiny(tb, 1, vm, { disk: virsh('vol-path', '--pool', pool, 'disk.qcow2') });
    virsh('snapshot-create-as', vm, 'first');

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);

    for (const lang of ['en', 'zh-CN'] as const) {
      if (lang === 'zh-CN') await language(page, 'zh-CN');
      const words = WORDS[lang];

      // Add host: a taken name, a port out of range and a missing key, each on its input; Next stays disabled.
      await page.getByTestId('add-host').click();
      await page.getByTestId('wizard-address').fill(`root@${h1.sshHost}:70000`);
      await page.getByTestId('wizard-name').fill(h1.name);
      await page.getByTestId('wizard-identity').fill('/nonexistent/id_ed25519');
      await expect(fieldError(page, 'wizard-name')).toContainText(h1.name, { timeout: 20_000 });
      await expect(fieldError(page, 'wizard-name')).toContainText(words);
      await expect(fieldError(page, 'wizard-address')).toContainText('65535');
      await expect(fieldError(page, 'wizard-identity')).toContainText('/nonexistent/id_ed25519');
      await expect(page.getByTestId('wizard-next')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-host`);
      expect(await rawSchemaText(page)).toEqual([]);
      // Fixed, the problems go and Next is offered again.
      await page.getByTestId('wizard-identity').fill(tb.keyFile);
      await page.getByTestId('wizard-address').fill(`root@${h1.sshHost}:${h1.sshPort}`);
      await page.getByTestId('wizard-name').fill(`other-${tag}`);
      await expect(page.getByTestId('wizard-next')).toBeEnabled({ timeout: 20_000 });
      await expect(fieldError(page, 'wizard-address')).toHaveCount(0);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('add-host-wizard')).toHaveCount(0);

      // Volume: a name the pool has, then a size past its free space, each on its input; create stays disabled.
      await page.getByTestId('tab-storage').click();
      await page.getByTestId(`pool-row-${pool}`).click();
      await page.getByTestId('volume-add').click();
      await page.getByTestId('volume-name').fill('disk.qcow2');
      await expect(fieldError(page, 'volume-name')).toContainText('disk.qcow2', { timeout: 20_000 });
      await expect(fieldError(page, 'volume-name')).toContainText(words);
      await expect(page.getByTestId('volume-create-ok')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-volume-name`);
      await page.getByTestId('volume-name').fill('new.qcow2');
      await page.getByTestId('volume-size-unit').click();
      await page.getByRole('option', { name: 'TiB', exact: true }).click();
      await page.getByTestId('volume-size').fill('500');
      await expect(fieldError(page, 'volume-size')).toContainText('500 TiB', { timeout: 20_000 });
      await expect(fieldError(page, 'volume-size')).toContainText(words);
      await expect(fieldError(page, 'volume-name')).toHaveCount(0);
      await expect(page.getByTestId('volume-create-ok')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-volume-size`);
      expect(await rawSchemaText(page)).toEqual([]);
      // An invalid character in the name is the core's name rule.
      await page.getByTestId('volume-name').fill('a/b');
      await expect(fieldError(page, 'volume-name')).toContainText('a/b', { timeout: 20_000 });
      await page.keyboard.press('Escape');
      expect(virsh('vol-list', pool)).not.toContain('a/b');

      // IPAM of the default network: a gateway outside the subnet and a range start that is no address.
      await page.getByTestId('tab-networks').click();
      await page.getByTestId('net-row-default').getByTestId('net-menu').click();
      await page.getByTestId('net-ipam').click();
      const ipam = page.getByTestId('net-ipam-dialog');
      await expect(ipam.getByTestId('ipam-cidr')).toHaveValue('192.168.122.0/24', { timeout: 20_000 });
      await ipam.getByTestId('ipam-gateway').fill('192.168.123.1');
      await ipam.getByTestId('ipam-range-start').fill('192.168.122.300');
      await expect(fieldError(page, 'ipam-gateway')).toContainText('192.168.123.1', { timeout: 20_000 });
      await expect(fieldError(page, 'ipam-gateway')).toContainText(words);
      await expect(fieldError(page, 'ipam-range-start')).toContainText('192.168.122.300');
      await expect(ipam.getByTestId('ipam-save')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-ipam`);
      expect(await rawSchemaText(page)).toEqual([]);
      // A subnet the network's own address is not in: the check against the network, on the subnet.
      await ipam.getByTestId('ipam-gateway').fill('10.99.0.1');
      await ipam.getByTestId('ipam-range-start').fill('');
      await ipam.getByTestId('ipam-range-end').fill('');
      await ipam.getByTestId('ipam-cidr').fill('10.99.0.0/24');
      await expect(fieldError(page, 'ipam-cidr')).toContainText('10.99.0.0/24', { timeout: 20_000 });
      await page.keyboard.press('Escape');

      // Snapshot: a name the VM has, then one with a space, each on the name; create stays disabled.
      await (await vmRow(page, 'h1', vm)).getByTestId('vm-open').click();
      const details = page.getByTestId(`vm-details-h1-${vm}`);
      await details.getByTestId('tab-snapshots').click();
      await details.getByTestId('snap-add').click();
      await page.getByTestId('snap-name').fill('first');
      await expect(fieldError(page, 'snap-name')).toContainText('first', { timeout: 20_000 });
      await expect(fieldError(page, 'snap-name')).toContainText(words);
      await expect(page.getByTestId('snap-create')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-snapshot-taken`);
      await page.getByTestId('snap-name').fill('a b');
      await expect(fieldError(page, 'snap-name')).toContainText('a b', { timeout: 20_000 });
      await expect(page.getByTestId('snap-create')).toBeDisabled();
      await shot(page, `dialog-fields-${lang}-snapshot-chars`);
      expect(await rawSchemaText(page)).toEqual([]);
      await page.keyboard.press('Escape');
    }
    expect(virsh('snapshot-list', vm, '--name').trim()).toBe('first');
    expect(virsh('vol-list', pool).split('\n').filter((l) => l.includes('.qcow2'))).toHaveLength(1);
  } finally {
    const quietly = (...args: string[]) => {
      try {
        virsh(...args);
      } catch {
        /* not there */
      }
    };
    quietly('snapshot-delete', vm, 'first');
    purge(tb, 1, vm);
    quietly('vol-delete', '--pool', pool, 'disk.qcow2');
    for (const step of ['pool-destroy', 'pool-delete', 'pool-undefine']) quietly(step, pool);
  }
});
