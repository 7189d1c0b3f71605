// The spreadsheet in Chromium over the web API and the real core on test-bed host h1: the Export menu saves a CSV
// with the VM's row; the Import dialog previews a sheet, shows its conflicts in red with Apply disabled, and applies
// a clean sheet (the owner and tags land in `virsh dumpxml`). Screens in en and zh-CN.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseCsv, writeCsv } from '../../shared/csv.js';
import { defineTiny, expect, openVmRow, purge, shot, test } from './webapi-fixture.js';

test('export menu and import preview with conflicts, en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const name = `rdr-sheet-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'vd-sheet-e2e-'));
  const sheet = (file: string, rows: string[][]) => {
    writeFileSync(path.join(dir, file), writeCsv([['host', 'name', 'owner', 'tags', 'ips'], ...rows]));
    return path.join(dir, file);
  };
  const conflicting = sheet('conflict.csv', [['h1', name, 'zed', 'web', '10.0.0.300'], ['h9', 'ghost', '', '', '']]);
  const clean = sheet('clean.csv', [['h1', name, 'zed', 'web, 数据库', '']]);
  defineTiny(tb, 1, name);
  try {
    await openVmRow(page, webapi, tb, name, 'shutoff');

    // Export: the menu, then a CSV the browser saves, holding the VM's row.
    await page.getByTestId('sheet-export').click();
    await expect(page.getByTestId('sheet-export-xlsx')).toBeVisible();
    await shot(page, 'sheet-export-menu-en');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('sheet-export-csv').click();
    const download = await downloading;
    const saved = path.join(dir, 'export.csv');
    await download.saveAs(saved);
    const rows = parseCsv(readFileSync(saved, 'utf8'));
    expect(rows[0]?.slice(0, 4)).toEqual(['host', 'name', 'uuid', 'state']);
    expect(rows.find((r) => r[1] === name)?.slice(0, 5)).toEqual(['h1', name, tb.virsh(1, 'domuuid', name), 'shutoff', '1']);

    // Import with conflicts: listed in red, Apply disabled, nothing changed.
    const dialog = page.getByTestId('sheet-import-dialog');
    const pick = (file: string) => dialog.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('sheet-import').click();
    await pick(conflicting);
    await expect(dialog.getByTestId('sheet-conflict')).toHaveCount(2, { timeout: 20_000 });
    await expect(dialog.getByTestId('sheet-conflicts')).toContainText('“10.0.0.300” is not an IPv4 address');
    await expect(dialog.getByTestId('sheet-conflicts')).toContainText('No host named h9');
    await expect(dialog.getByTestId('sheet-change')).toHaveCount(2);
    await expect(dialog.getByTestId('sheet-apply')).toBeDisabled();
    await shot(page, 'sheet-import-conflicts-en');
    expect(tb.virsh(1, 'dumpxml', name)).not.toContain('vdowner');

    // A clean sheet applies: owner and tags on the host.
    await pick(clean);
    await expect(dialog.getByTestId('sheet-conflict')).toHaveCount(0, { timeout: 20_000 });
    await expect(dialog.getByTestId('sheet-change')).toHaveCount(2);
    await shot(page, 'sheet-import-preview-en');
    await dialog.getByTestId('sheet-apply').click();
    await expect(dialog).toHaveCount(0, { timeout: 20_000 });
    const xml = tb.virsh(1, 'dumpxml', '--inactive', name);
    expect(xml).toContain('>zed</vdowner:owner>');
    expect(xml).toContain('>web</vdtag:tag>');
    expect(xml).toContain('>数据库</vdtag:tag>');

    // zh-CN: the menu and the conflicts.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('sheet-export').click();
    await expect(page.getByTestId('sheet-export-csv')).toContainText('逗号分隔');
    await shot(page, 'sheet-export-menu-zh-CN');
    await page.keyboard.press('Escape');
    await page.getByTestId('sheet-import').click();
    await pick(conflicting);
    await expect(dialog.getByTestId('sheet-conflict')).toHaveCount(2, { timeout: 20_000 });
    await expect(dialog.getByTestId('sheet-conflicts')).toContainText('没有名为 h9 的主机');
    await expect(dialog.getByTestId('sheet-apply')).toBeDisabled();
    await shot(page, 'sheet-import-conflicts-zh-CN');
  } finally {
    purge(tb, 1, name);
  }
});
