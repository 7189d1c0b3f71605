// Bulk actions and saved views in Chromium over the web API and the real core on test-bed host h1 (tiny OS-less
// domains, never booted): rows selected with a click and a shift-click get a tag in one task (on the host, in virsh);
// a saved view (filter, hidden column, grouping, sort) comes back after a reload; in zh-CN, a bulk lock of every
// row the filter shows is previewed and run.
import { randomBytes } from 'node:crypto';
import { addHostViaWizard, defineTiny, expect, purge, shot, test } from './webapi-fixture.js';

test('select rows, bulk tag, a saved view after reload, bulk lock in zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(240_000);
  const prefix = `rdr-bulk-${randomBytes(3).toString('hex')}`;
  const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
  const tag = `t-${randomBytes(3).toString('hex')}`;
  const dumpxml = (name: string) => tb.virsh(1, 'dumpxml', '--inactive', name);
  for (const name of names) defineTiny(tb, 1, name, {});
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    await page.getByTestId('vm-filter').fill(`name:${prefix}`);
    const row = (name: string) => page.getByTestId(`vm-row-h1-${name}`);
    for (const name of names) await expect(row(name)).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });
    await expect(page.getByTestId('vm-count')).toHaveText(/^3 of /);

    // Select the first row, shift-click the second: two rows. Then tag them in one task.
    await row(names[0] as string).getByTestId('vm-select').click();
    await row(names[1] as string).getByTestId('vm-select').click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('vm-bulk-bar')).toContainText('2 selected');
    await expect(page.getByTestId('vm-bulk-bar')).toHaveAttribute('data-scope', 'selected');
    await page.getByTestId('bulk-tag').click();
    const dialog = page.getByTestId('bulk-dialog');
    await dialog.getByTestId('bulk-value').fill(`+${tag}`);
    await dialog.getByTestId('bulk-preview').click();
    await expect(dialog.getByTestId('bulk-summary')).toHaveText('These 2 VMs on 1 host');
    await expect(dialog.getByTestId(`bulk-target-h1-${names[2]}`)).toHaveCount(0);
    await shot(page, 'bulk-preview-en');
    await dialog.getByTestId('bulk-run').click();
    await expect(dialog.getByTestId('bulk-result')).toHaveText('2 done, 0 skipped, 0 failed', { timeout: 60_000 });
    await shot(page, 'bulk-result-en');
    await dialog.getByTestId('bulk-close').click();
    expect(dumpxml(names[0] as string)).toContain(`>${tag}</vdtag:tag>`);
    expect(dumpxml(names[1] as string)).toContain(`>${tag}</vdtag:tag>`);
    expect(dumpxml(names[2] as string)).not.toContain('vdtag:tag');
    await expect(row(names[1] as string).getByTestId(`vm-tag-${tag}`)).toBeVisible({ timeout: 15_000 });

    // A view: the tag's filter, no IP column, grouped by host, sorted by memory (descending after two clicks).
    await page.getByTestId('vm-filter').fill(`tag:${tag}`);
    await page.getByTestId('columns-menu').click();
    await page.getByTestId('column-toggle-ips').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('vm-group-by-host').click();
    await page.getByTestId('vm-sort-memory').click();
    await page.getByTestId('vm-sort-memory').click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill('tagged');
    await page.getByTestId('view-name-ok').click();
    await expect(page.getByTestId('view-tagged')).toBeVisible();

    // Reload with the table changed back: the view brings it all back.
    await page.getByTestId('vm-filter').fill('');
    await page.reload();
    await page.getByTestId('view-tagged').click();
    await expect(page.getByTestId('vm-filter')).toHaveValue(`tag:${tag}`);
    await expect(page.getByTestId('vm-count')).toHaveText(/^2 of /, { timeout: 30_000 });
    await expect(page.getByTestId('vm-group-h1')).toBeVisible();
    await expect(page.getByTestId('vm-sort-memory')).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('vm-sort-ips')).toHaveCount(0);
    await shot(page, 'bulk-saved-view-en');

    // zh-CN: nothing selected, so the bar acts on every row the filter shows: lock them all.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('vm-bulk-bar')).toHaveAttribute('data-scope', 'matching');
    await page.getByTestId('bulk-lock').click();
    await expect(dialog.getByTestId('bulk-summary')).toHaveText('这 2 台虚拟机，分布在 1 台主机上', { timeout: 15_000 });
    await shot(page, 'bulk-preview-zh-CN');
    await dialog.getByTestId('bulk-run').click();
    await expect(dialog.getByTestId('bulk-result')).toHaveText('完成 2 台，跳过 0 台，失败 0 台', { timeout: 60_000 });
    await shot(page, 'bulk-result-zh-CN');
    await dialog.getByTestId('bulk-close').click();
    expect(dumpxml(names[0] as string)).toContain('<vdlock:lock');
    expect(dumpxml(names[1] as string)).toContain('<vdlock:lock');
    expect(dumpxml(names[2] as string)).not.toContain('<vdlock:lock');
  } finally {
    for (const name of names) purge(tb, 1, name);
  }
});
