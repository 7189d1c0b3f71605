// Errors and plans in zh-CN over the web API over the real core on test-bed host h1: the core sends codes and data,
// the renderer words them — so an overlapping network, a volume that does not fit, an unreachable host and the pool
// delete plan show no English words (names, paths, addresses and protocol names aside). Screenshots of each.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import type { Locator, Page } from '@playwright/test';
import { englishWords } from '../fixtures/technical-words.js';
import { addHostViaWizard, expect, shot, test } from './webapi-fixture.js';
import { fieldError } from './field-error.js';

/**
 * The text of `box` once it holds Chinese words (and `awaited`, when a check replaces an earlier message), and checks
 * that no English word is left in it.
 */
async function chineseOnly(box: Locator, names: readonly string[], awaited?: string): Promise<string> {
  await expect(box).toContainText(/[\u4e00-\u9fff]/, { timeout: 20_000 });
  if (awaited) await expect(box).toContainText(awaited, { timeout: 20_000 });
  const text = await box.innerText();
  expect(englishWords(text, names), text).toEqual([]);
  return text;
}

async function toChinese(page: Page): Promise<void> {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-zh-CN').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

test('errors and the pool delete plan in zh-CN have no English words', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const pool = `rdr-zh-${tag}`;
  const dir = `/var/lib/libvirt/rdr-e2e/${pool}`;
  const net = `rdr-zh-${tag}`;
  const h1 = tb.hosts[0]!;
  const inHost = (...argv: string[]) => execFileSync(`${tb.dir}/bin/tbns`, ['1', ...argv], { encoding: 'utf8' }).trim();
  try {
    // A pool with a volume for the delete plan, made behind the app's back.
    tb.virsh(1, 'pool-define-as', pool, 'dir', '--target', dir);
    tb.virsh(1, 'pool-build', pool);
    tb.virsh(1, 'pool-start', pool);
    tb.virsh(1, 'vol-create-as', pool, 'data.qcow2', '16M', '--format', 'qcow2');

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await toChinese(page);

    // An unreachable host: the add-host wizard cannot read its key.
    await page.getByTestId('add-host').click();
    await page.getByTestId('wizard-address').fill('root@127.0.0.1:1');
    await page.getByTestId('wizard-name').fill('nowhere');
    await page.getByTestId('wizard-next').click();
    const unreachable = await chineseOnly(page.getByTestId('wizard-probe-error'), ['root@127.0.0.1:1', 'ECONNREFUSED']);
    expect(unreachable).toContain('root@127.0.0.1:1');
    await shot(page, 'errors-zh-unreachable-host');
    await page.keyboard.press('Escape');

    // An overlapping network: the wizard's check names the clash on the address.
    await page.getByTestId('tab-networks').click();
    await page.getByTestId('net-add').click();
    await page.getByTestId('net-name').fill(net);
    await page.getByTestId('net-mode-nat').click();
    await page.getByTestId('net-next').click();
    await page.getByTestId('net-cidr').fill('192.168.122.50/24');
    await page.getByTestId('net-next').click();
    // The address is checked as it is typed: an earlier "needs an address" gives way to the clash.
    const overlap = await chineseOnly(fieldError(page, 'net-cidr'), [net], '192.168.122.0/24');
    expect(overlap).toContain('192.168.122.0/24');
    expect(overlap).toContain('default');
    await shot(page, 'errors-zh-network-overlap');
    await page.keyboard.press('Escape');
    expect(tb.virsh(1, 'net-list', '--all', '--name')).not.toContain(net);

    // A volume that does not fit in its pool.
    await page.getByTestId('tab-storage').click();
    const row = page.getByTestId(`pool-row-${pool}`);
    await row.click();
    await page.getByTestId('volume-add').click();
    await page.getByTestId('volume-name').fill('huge.qcow2');
    await page.getByTestId('volume-size-unit').click();
    await page.getByRole('option', { name: 'TiB', exact: true }).click();
    await page.getByTestId('volume-size').fill('500');
    // The core's check says so on the size as it is typed, and create stays disabled.
    const tooBig = await chineseOnly(fieldError(page, 'volume-size'), [pool, h1.name]);
    expect(tooBig).toContain('500 TiB');
    await expect(page.getByTestId('volume-create-ok')).toBeDisabled();
    await shot(page, 'errors-zh-volume-too-big');
    await page.keyboard.press('Escape');
    expect(tb.virsh(1, 'vol-list', pool)).not.toContain('huge.qcow2');

    // The pool delete plan, keeping the data and destroying it.
    await row.getByTestId('pool-menu').click();
    await page.getByTestId('pool-delete').click();
    const plan = page.getByTestId('pool-delete-statement');
    expect(await chineseOnly(plan, [pool, h1.name])).toContain(dir);
    await shot(page, 'errors-zh-pool-delete-keep');
    await page.getByTestId('pool-delete-data').click();
    await expect(plan).toContainText('data.qcow2', { timeout: 20_000 });
    await chineseOnly(plan, [pool, h1.name, 'data.qcow2']);
    await shot(page, 'errors-zh-pool-delete-data');
    await page.keyboard.press('Escape');
    expect(tb.virsh(1, 'pool-list', '--all', '--name')).toContain(pool);
  } finally {
    for (const args of [['vol-delete', 'data.qcow2', '--pool', pool], ['pool-destroy', pool], ['pool-undefine', pool]]) {
      try {
        tb.virsh(1, ...args);
      } catch {
        /* not there */
      }
    }
    inHost('rm', '-rf', dir);
  }
});
