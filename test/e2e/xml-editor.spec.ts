// The XML tab's editor over the web API over the real core on test-bed host h1: an invalid element typed into the
// CodeMirror editor is refused with libvirt's own message, its line marked, and `virsh dumpxml` unchanged; a valid
// edit (a description) is reviewed as a line diff and lands. Screenshots in en and zh-CN.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addHostViaWizard, defineTiny, expect, openVmTab, purge, shot, test } from './webapi-fixture.js';

/** Puts the cursor at the end of the editor line holding `text` and types a new line with `insert`. */
async function insertAfterLine(page: Page, text: string, insert: string): Promise<void> {
  await page.getByTestId('xml-editor').locator('.cm-line', { hasText: text }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(insert);
}

test('XML tab: an invalid element is refused with libvirt’s error and changes nothing; a valid edit lands', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const vm = `rdr-xml-${randomBytes(3).toString('hex')}`;
  const dump = () => tb.virsh(1, 'dumpxml', '--inactive', vm);
  try {
    defineTiny(tb, 1, vm, { serial: true });
    const before = dump();
    await openVmTab(page, webapi, tb, vm, 'xml', 'shutoff');
    const editor = page.getByTestId('xml-editor');
    await expect(editor).toContainText(`<name>${vm}</name>`, { timeout: 20_000 });
    await expect(page.getByTestId('xml-review')).toBeDisabled();

    await insertAfterLine(page, '<devices>', '<bogus-device/>');
    await page.getByTestId('xml-review').click();
    await expect(page.getByTestId('xml-diff').locator('[data-op="+"]')).toHaveText([/^\+\s*<bogus-device\/>$/]);
    await shot(page, 'xml-editor-1-diff');
    await page.getByTestId('xml-define').click();
    const refusal = page.getByTestId('xml-refusal');
    await expect(refusal).toContainText(`refused the definition of domain ${vm}; nothing changed`, { timeout: 20_000 });
    await expect(refusal).toContainText('failed to validate against schema');
    await expect(page.getByTestId('xml-error-line')).toContainText('<bogus-device/>');
    expect(dump()).toBe(before);
    await shot(page, 'xml-editor-2-refused');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(refusal).toContainText(`拒绝了此定义（domain ${vm}），未做任何更改`);
    await expect(page.getByTestId('xml-review')).toHaveText('检查更改');
    await shot(page, 'xml-editor-3-refused-zh-CN');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();

    // Discard, then a valid edit: reviewed, defined, in the host's definition.
    await page.getByTestId('xml-reload').click();
    await expect(editor).not.toContainText('bogus-device');
    await insertAfterLine(page, `<name>${vm}</name>`, '<description>edited in VirtDeck</description>');
    await page.getByTestId('xml-review').click();
    await expect(page.getByTestId('xml-diff').locator('[data-op="+"]')).toHaveText([/^\+\s*<description>edited in VirtDeck<\/description>$/]);
    await page.getByTestId('xml-define').click();
    await expect(page.getByTestId('xml-defined')).toBeVisible({ timeout: 20_000 });
    expect(dump()).toContain('<description>edited in VirtDeck</description>');
    await expect(editor).toContainText('<description>edited in VirtDeck</description>');
    await shot(page, 'xml-editor-4-defined');
    // Dark: the editor takes the dark colours too (its text stays readable on the dark page).
    await page.getByTestId('theme-menu').click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await expect(editor.locator('.cm-editor')).toHaveCSS('background-color', 'rgb(40, 44, 52)');
    await shot(page, 'xml-editor-4-defined-dark');
  } finally {
    purge(tb, 1, vm);
  }
});

test('XML dialogs: a network’s edit refused then defined, a pool’s definition, a volume’s read only', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const tag = randomBytes(3).toString('hex');
  const net = `rdr-xnet-${tag}`;
  const pool = `rdr-xpool-${tag}`;
  const virsh = (...args: string[]) => tb.virsh(1, ...args);
  const quiet = (...args: string[]) => {
    try {
      virsh(...args);
    } catch {
      /* already gone */
    }
  };
  try {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'vd-e2e-xnet-')), 'net.xml');
    writeFileSync(file, `<network><name>${net}</name><bridge name='vdxn${tag}' stp='off' delay='0'/></network>`);
    virsh('net-define', file);
    virsh('pool-define-as', pool, 'dir', '--target', `/var/lib/libvirt/images/${pool}`);
    virsh('pool-build', pool);
    virsh('pool-start', pool);
    virsh('vol-create-as', pool, 'v.qcow2', '1M', '--format', 'qcow2');
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);

    await page.getByTestId('tab-networks').click();
    await page.getByTestId(`net-row-${net}`).getByTestId('net-menu').click();
    await page.getByTestId('net-xml').click();
    const before = virsh('net-dumpxml', '--inactive', net);
    await expect(page.getByTestId('xml-editor')).toContainText(`<name>${net}</name>`, { timeout: 20_000 });
    await insertAfterLine(page, `<name>${net}</name>`, '<bogus/>');
    await page.getByTestId('xml-review').click();
    await page.getByTestId('xml-define').click();
    await expect(page.getByTestId('xml-refusal')).toContainText('extra content: bogus', { timeout: 20_000 });
    await expect(page.getByTestId('xml-error-line')).toContainText('<bogus/>');
    expect(virsh('net-dumpxml', '--inactive', net)).toBe(before);
    await shot(page, 'xml-editor-5-network-refused');
    await page.getByTestId('xml-editor').locator('.cm-line', { hasText: '<bogus/>' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.insertText("<mtu size='1400'/>");
    await page.getByTestId('xml-review').click();
    await page.getByTestId('xml-define').click();
    await expect(page.getByTestId('xml-defined')).toBeVisible({ timeout: 20_000 });
    expect(virsh('net-dumpxml', '--inactive', net)).toContain("<mtu size='1400'/>");
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-storage').click();
    const row = page.getByTestId(`pool-row-${pool}`);
    await row.getByTestId('pool-menu').click();
    await page.getByTestId('pool-xml').click();
    await expect(page.getByTestId('xml-editor')).toContainText(`<name>${pool}</name>`, { timeout: 20_000 });
    await expect(page.getByTestId('xml-review')).toBeDisabled();
    await page.keyboard.press('Escape');
    await row.click();
    await page.getByTestId('volume-row-v.qcow2').getByTestId('volume-menu').click();
    await page.getByTestId('volume-xml').click();
    await expect(page.getByTestId('xml-editor')).toContainText('<name>v.qcow2</name>', { timeout: 20_000 });
    await expect(page.getByTestId('xml-editor-panel')).toContainText('Read only');
    await expect(page.getByTestId('xml-review')).toHaveCount(0);
    await shot(page, 'xml-editor-6-volume-read-only');
  } finally {
    quiet('net-undefine', net);
    quiet('vol-delete', '--pool', pool, 'v.qcow2');
    quiet('pool-destroy', pool);
    quiet('pool-delete', pool);
    quiet('pool-undefine', pool);
  }
});
