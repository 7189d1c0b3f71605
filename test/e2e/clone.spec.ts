// Clone from the UI over the web API over the real core: a shut-off VM with a qcow2 disk is cloned h1 → h2 from its
// row menu (the clone's row shows on h2, shut off); a name with quotes is shown as a problem on the input before
// submit; a name taken already is refused in words, in English and in zh-CN, and nothing is made; a running VM's
// dialog offers no linked clone. Screenshots of the dialog, the name problem and the refusal in both languages.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addHostViaWizard, defineTiny, expect, purge, shot, test, vmRow } from './webapi-fixture.js';

async function openClone(page: Page, host: string, name: string, state = 'shutoff'): Promise<void> {
  const row = await vmRow(page, host, name);
  await expect(row).toHaveAttribute('data-state', state, { timeout: 30_000 });
  await row.getByTestId('vm-menu').click();
  await page.getByTestId('vm-action-clone').click();
  await expect(page.getByTestId('clone-confirm')).toBeVisible();
}

test('clone a shut-off VM h1 → h2 from its menu; a bad or taken name is refused in words, nothing made', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const [source, taken, running] = [`rdr-cln-${tag}`, `rdr-taken-${tag}`, `rdr-run-${tag}`];
  const clone = `${source}-c`;
  const vol = `${source}.qcow2`;
  try {
    tb.virsh(1, 'vol-create-as', 'default', vol, '64M', '--format', 'qcow2');
    defineTiny(tb, 1, source, { serial: true, disk: tb.virsh(1, 'vol-path', '--pool', 'default', vol) });
    defineTiny(tb, 1, taken);
    defineTiny(tb, 1, running, { serial: true });
    tb.virsh(1, 'start', running);

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await addHostViaWizard(page, tb, 2, webapi.knownHosts);

    await openClone(page, 'h1', running, 'running');
    await expect(page.getByTestId('clone-linked')).toBeDisabled();
    await expect(page.getByTestId('clone-dialog')).toContainText('Only of a shut-off VM');
    await shot(page, 'vm-clone-dialog-running');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openClone(page, 'h1', source);
    await expect(page.getByTestId('clone-name')).toHaveValue(`${source}-clone`);
    await page.getByTestId('clone-name').fill('we"b');
    await expect(page.getByTestId('clone-dialog')).toContainText('“we"b” cannot name a clone');
    await expect(page.getByTestId('clone-confirm')).toBeDisabled();
    await shot(page, 'vm-clone-bad-name');
    await page.getByTestId('clone-name').fill(clone);
    await page.getByTestId('clone-dest').click();
    await page.getByRole('option', { name: 'h2' }).click();
    await expect(page.getByTestId('clone-linked')).toBeDisabled();
    await shot(page, 'vm-clone-dialog');
    await page.getByTestId('clone-confirm').click();
    await expect(await vmRow(page, 'h2', clone)).toHaveAttribute('data-state', 'shutoff', { timeout: 90_000 });
    expect(tb.virsh(2, 'domuuid', clone)).not.toBe(tb.virsh(1, 'domuuid', source));
    await shot(page, 'vm-cloned');

    const before = tb.virsh(1, 'vol-list', 'default');
    await openClone(page, 'h1', source);
    await page.getByTestId('clone-name').fill(taken);
    await page.getByTestId('clone-confirm').click();
    await expect(page.getByRole('alert')).toContainText(`A VM named “${taken}” already exists on h1`, { timeout: 30_000 });
    await shot(page, 'vm-clone-refused');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await openClone(page, 'h1', source);
    await shot(page, 'vm-clone-dialog-zh-CN');
    await page.getByTestId('clone-name').fill(taken);
    await page.getByTestId('clone-confirm').click();
    await expect(page.getByRole('alert').last()).toContainText(`h1 上已有名为“${taken}”的虚拟机`, { timeout: 30_000 });
    await shot(page, 'vm-clone-refused-zh-CN');
    expect(tb.virsh(1, 'vol-list', 'default')).toBe(before);
  } finally {
    for (const [h, n] of [[1, source], [1, taken], [1, running], [2, clone]] as const) purge(tb, h, n);
    for (const [h, v] of [[1, vol], [2, `${clone}.qcow2`]] as const) {
      try {
        tb.virsh(h, 'vol-delete', '--pool', 'default', v);
      } catch {
        /* not there */
      }
    }
  }
});
