// The Audit tab over the web API over the real core on test-bed host h1: what another VirtDeck home did on h1 (an
// owner set, and a start of a VM that does not exist, failed with its code) shows beside this home's own host add,
// read from h1's audit file; filters narrow the table; the filtered rows export as CSV (a browser download through
// the web API's save path); en and zh-CN with screenshots. No guest boots.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { coreWithHosts } from '../integration/core/helpers.js';
import { addHostViaWizard, defineTiny, expect, purge, shot, test } from './webapi-fixture.js';

test('the audit view merges another home’s actions on a host, filters, exports CSV, in en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const suffix = randomBytes(3).toString('hex');
  const vm = `audit-e2e-${suffix}`;
  const missing = `audit-missing-${suffix}`;
  try {
    defineTiny(tb, 1, vm, {});
    // Another VirtDeck home (a colleague's) acts on h1: its entries reach h1's audit file when it closes.
    const other = await coreWithHosts(tb, mkdtempSync(path.join(tmpdir(), 'vd-e2e-audit-b-')), [1]);
    try {
      await other.call('vms.setOwner', { ref: { host: 'h1', vm }, owner: 'bob' });
      await expect(other.call('vms.action', { ref: { host: 'h1', vm: missing }, action: 'start' })).rejects.toThrow();
    } finally {
      await other.close();
    }

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('tab-audit').click();
    const view = page.getByTestId('audit-view');
    await expect(view).toBeVisible();
    await page.getByTestId('audit-text').fill(suffix);
    const table = page.getByTestId('audit-table');
    // Each filter change reloads; the table says when it shows the answer for the current filter (reading a host's
    // audit file that the whole suite has written to takes seconds on a loaded machine).
    const answered = () => expect(table).toHaveAttribute('data-current', 'true', { timeout: 30_000 });
    await answered();
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table).toContainText('vms.setOwner');
    await expect(table).toContainText(`h1/${vm}`);
    const failed = table.locator('tbody tr[data-result="error"]');
    await expect(failed).toContainText('vm.not-found');
    await expect(failed).toContainText(`h1/${missing}`);

    // This home's own action is there too (the text filter cleared, host h1 picked).
    await page.getByTestId('audit-text').fill('');
    await page.getByTestId('audit-host').click();
    await page.getByRole('option', { name: 'h1' }).click();
    await answered();
    await expect(table).toContainText('hosts.add');
    await shot(page, 'audit-en');

    // Filtered to errors: the CSV holds exactly those rows.
    await page.getByTestId('audit-text').fill(suffix);
    await page.getByTestId('audit-result').click();
    await page.getByRole('option', { name: 'Error' }).click();
    await answered();
    await expect(table.locator('tbody tr[data-result="ok"]')).toHaveCount(0);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    const csv = readFileSync((await (await download).path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('at,endedAt,user,action,host,vm,object,result,code,taskId,args,id');
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(`,vms.action,h1,${missing},,error,vm.not-found,`);

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('tab-audit')).toHaveText('审计');
    await expect(table.locator('thead')).toContainText('操作');
    await expect(failed).toContainText('失败');
    await page.getByTestId('audit-result').click();
    await page.getByRole('option', { name: '成功' }).click();
    await answered();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody tr[data-result="ok"]')).toContainText('vms.setOwner');
    await shot(page, 'audit-zh-CN');
  } finally {
    purge(tb, 1, vm);
  }
});
