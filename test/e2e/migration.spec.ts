// Migration from the UI over the web API over the real core: a running VM with a qcow2 disk moves h1 → h2 from its
// row menu (its row then shows on h2, running); a target that has a VM of that name already is refused, in English
// and in zh-CN, and nothing moves. Screenshots of the dialog and the refusal in both languages.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { addHostViaWizard, defineTiny, expect, purge, shot, test, vmRow } from './webapi-fixture.js';

async function openMigrate(page: Page, host: string, name: string): Promise<void> {
  const row = await vmRow(page, host, name);
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await row.getByTestId('vm-menu').click();
  await page.getByTestId('vm-action-migrate').click();
  await expect(page.getByTestId('migrate-confirm')).toBeVisible();
}

test('migrate a running VM h1 → h2 from its menu; a taken name on the target is refused in words', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const tag = randomBytes(3).toString('hex');
  const [moving, staying] = [`rdr-mig-${tag}`, `rdr-stay-${tag}`];
  const vols = [moving, staying].map((n) => `${n}.qcow2`);
  try {
    for (const [i, n] of [moving, staying].entries()) {
      tb.virsh(1, 'vol-create-as', 'default', vols[i]!, '64M', '--format', 'qcow2');
      defineTiny(tb, 1, n, { serial: true, disk: tb.virsh(1, 'vol-path', '--pool', 'default', vols[i]!) });
      tb.virsh(1, 'start', n);
    }
    defineTiny(tb, 2, staying); // the target has this name already

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await addHostViaWizard(page, tb, 2, webapi.knownHosts);

    await openMigrate(page, 'h1', moving);
    await expect(page.getByTestId('migrate-dest')).toHaveValue('h2');
    await shot(page, 'vm-migrate-dialog');
    await page.getByTestId('migrate-confirm').click();
    await expect(await vmRow(page, 'h2', moving)).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
    await expect(page.getByTestId(`vm-row-h1-${moving}`)).toHaveCount(0);
    await shot(page, 'vm-migrated');

    await openMigrate(page, 'h1', staying);
    await page.getByTestId('migrate-confirm').click();
    await expect(page.getByRole('alert')).toContainText(`h2 has a VM named “${staying}” already`, { timeout: 30_000 });
    await shot(page, 'vm-migrate-refused');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await openMigrate(page, 'h1', staying);
    await shot(page, 'vm-migrate-dialog-zh-CN');
    await page.getByTestId('migrate-confirm').click();
    await expect(page.getByRole('alert').last()).toContainText(`h2 上已有名为“${staying}”的虚拟机`, { timeout: 30_000 });
    await shot(page, 'vm-migrate-refused-zh-CN');
    expect(tb.virsh(1, 'domstate', staying)).toBe('running');
  } finally {
    for (const h of [1, 2]) {
      for (const n of [moving, staying]) purge(tb, h, n);
      for (const v of vols) {
        try {
          tb.virsh(h, 'vol-delete', '--pool', 'default', v);
        } catch {
          /* not there */
        }
      }
    }
  }
});
