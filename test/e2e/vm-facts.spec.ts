// A VM's facts edited in place in Chromium (table and details, en then zh-CN) over the web API and the real core on
// test-bed host h1: each edit is in `virsh dumpxml` on the host and in a second VIRTDECK_HOME's `vm list --json`.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../integration/core/helpers.js';
import { defineTiny, expect, openVmRow, purge, shot, test, vmRow } from './webapi-fixture.js';

test('tags, owner and notes edited inline reach the host and another VirtDeck', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  // The second home runs the CLI bundle built from these sources.
  expect(spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' }).status).toBe(0);
  const name = `rdr-facts-${randomBytes(3).toString('hex')}`;
  const dumpxml = () => tb.virsh(1, 'dumpxml', '--inactive', name);
  defineTiny(tb, 1, name);
  try {
    const row = await openVmRow(page, webapi, tb, name, 'shutoff');

    // In the table: a tag and the owner.
    await row.getByTestId('vm-tag-add').click();
    await row.getByTestId('vm-tag-input').fill('web');
    await row.getByTestId('vm-tag-input').press('Enter');
    await expect(row.getByTestId('vm-tag-web')).toBeVisible({ timeout: 15_000 });
    await row.getByTestId('vm-owner-edit').click();
    await row.getByTestId('vm-owner-input').fill('alice');
    await row.getByTestId('vm-owner-input').press('Enter');
    await expect(row.getByTestId('vm-owner')).toHaveText('alice', { timeout: 15_000 });
    expect(dumpxml()).toContain('>web</vdtag:tag>');
    expect(dumpxml()).toContain('>alice</vdowner:owner>');
    await shot(page, 'vm-facts-table-en');

    // In the details: multi-line notes and a second tag.
    await row.getByTestId('vm-open').click();
    const details = page.getByTestId(`vm-details-h1-${name}`);
    await details.getByTestId('vm-notes').fill('rack 4\nask alice before stopping');
    await details.getByTestId('vm-notes-save').click();
    await expect(details.getByTestId('vm-notes-save')).toHaveCount(0, { timeout: 15_000 });
    await details.getByTestId('vm-tag-add').click();
    await details.getByTestId('vm-tag-input').fill('prod');
    await details.getByTestId('vm-tag-input').press('Enter');
    await expect(details.getByTestId('vm-tag-prod')).toBeVisible({ timeout: 15_000 });
    expect(dumpxml()).toContain('>rack 4\nask alice before stopping</vdnotes:notes>');
    await shot(page, 'vm-facts-details-en');

    // A second VirtDeck home sees all of it.
    const home = tempHome('vd-facts-e2e-');
    expect((await runCli(home, hostAddArgs(tb, 1, knownHostsCopy(tb, home)))).code).toBe(0);
    const listed = await runCli(home, ['vm', 'list', '--json', '--host', 'h1']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ name: string }>).find((v) => v.name === name)).toMatchObject({
      tags: ['prod', 'web'],
      owner: 'alice',
      notes: 'rack 4\nask alice before stopping',
    });

    // The same in zh-CN: removing a tag.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await details.getByTestId('vm-tag-remove-web').click();
    await expect(details.getByTestId('vm-tag-web')).toHaveCount(0, { timeout: 15_000 });
    expect(dumpxml()).not.toContain('>web</vdtag:tag>');
    await expect(details).toContainText('备注');
    await shot(page, 'vm-facts-details-zh-CN');
    const zhRow = await vmRow(page, 'h1', name);
    await expect(zhRow.getByTestId('vm-owner')).toHaveText('alice');
    await shot(page, 'vm-facts-table-zh-CN');
  } finally {
    purge(tb, 1, name);
  }
});
