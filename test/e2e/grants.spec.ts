// Console grants in the UI over the web API, on a real host with a real sshd: the admin's dialog creates a grant
// (the host's console account gets its key entry; the browser downloads the grant file), the VM's and the host's
// lists show it; support mode opened with that file alone draws the granted VM's screen through the grant's own SSH
// link, view-only, and shows no other host object; revoke removes the entry on the host at once. en and zh-CN.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TestBed } from '../integration/testbed.js';
import { CONSOLE_KEYS, dropGrantKey, onHost, PASSPHRASE } from './grant-host.js';
import { addHostViaWizard, defineTiny, expect, purge, shot, test, vmRow } from './webapi-fixture.js';
import { drawnPixels } from './vnc-pixels.js';

/** The host's console account's authorized_keys ('' while there is none). */
const hostKeys = (tb: TestBed): string => onHost(tb, 'cat', CONSOLE_KEYS).out;

/**
 * A Chinese screenshot: every piece of the bundled CJK face that the text on screen needs is loaded first (the pieces
 * load when a character is first laid out; text shown by a tab switch just before can otherwise miss the shot).
 */
async function shotZh(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.load('16px "Noto Sans SC"', document.body.innerText).then(() => undefined));
  await shot(page, name);
}

async function openVm(page: Page, name: string) {
  const row = await vmRow(page, 'h1', name);
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await row.getByTestId('vm-open').click();
  return page.getByTestId(`vm-details-h1-${name}`);
}

async function fillGrant(page: Page, who: string): Promise<void> {
  const dialog = page.getByTestId('grant-dialog');
  await dialog.getByTestId('grant-for').fill(who);
  await dialog.getByTestId('grant-serial').check();
  await dialog.getByTestId('grant-from').fill('127.0.0.1, 10.0.0.0/8');
  await dialog.getByTestId('grant-passphrase').fill(PASSPHRASE);
  await dialog.getByTestId('grant-passphrase-again').fill(PASSPHRASE);
  await dialog.getByTestId('grant-create-account').check();
}

test('grant dialog, grant lists, support mode with the grant file alone, and revoke, in en and zh-CN', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  // Grants create an account on the host: only where the test bed gives each host its own /etc (an overlay).
  test.skip(onHost(tb, 'findmnt', '-n', '-o', 'FSTYPE', '/etc').out.trim() !== 'overlay', 'the test bed has no private /etc per host (down.sh, then up.sh)');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const name = `grant-e2e-${randomBytes(3).toString('hex')}`;
  const other = `${name}-other`;
  // QEMU changes a VNC password only on a display started with one: the admin's VMs have one.
  defineTiny(tb, 1, name, { serial: true, vnc: true, vncPassword: 'admin123' });
  defineTiny(tb, 1, other, { serial: false, vnc: false });
  tb.virsh(1, 'start', name);
  const work = mkdtempSync(path.join(tmpdir(), 'vd-e2e-grant-'));
  let grantId = '';
  try {
    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    let details = await openVm(page, name);

    // The dialog: nothing is created while a field is wrong.
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('grant-share').click();
    const dialog = page.getByTestId('grant-dialog');
    await dialog.getByTestId('grant-passphrase').fill('short');
    await dialog.getByTestId('grant-create').click();
    await expect(dialog).toContainText('At least 8 characters');
    await fillGrant(page, 'Ann from support');
    await expect(dialog.getByTestId('grant-end')).toContainText('Ends');
    await shot(page, 'grant-dialog');
    const downloading = page.waitForEvent('download');
    await dialog.getByTestId('grant-create').click();
    const download = await downloading;
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    const grant = JSON.parse(readFileSync(file, 'utf8')) as { id: string; kind: string; vm: { name: string }; viewOnly: boolean; serial: boolean; privateKey: string };
    grantId = grant.id;
    expect(grant).toMatchObject({ kind: 'virtdeck-console-grant', vm: { name }, viewOnly: true, serial: true });
    expect(grant.privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
    // On the host: the key entry with the options sshd enforces.
    const line = hostKeys(tb).split('\n').find((l) => l.includes(`id=${grantId}`)) ?? '';
    expect(line).toMatch(/^restrict,pty,port-forwarding,permitopen="127\.0\.0\.1:\d+",expiry-time="\d{14}Z",from="127\.0\.0\.1,10\.0\.0\.0\/8",command="serial /);
    // The account is no member of libvirt's groups and logs in to no shell of its own.
    expect(onHost(tb, 'id', '-nG', 'virtdeck-console').out).not.toMatch(/libvirt|kvm|sudo/);

    // The VM's list and the host's list show it.
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('grant-list').click();
    const list = page.getByTestId('grants-dialog');
    const row = list.getByTestId(`grant-row-${grantId}`);
    await expect(row).toContainText('Ann from support');
    await expect(row).toContainText('Serial');
    await expect(row.getByTestId('grant-mode')).toHaveText('view only');
    await expect(row).toContainText('10.0.0.0/8');
    await shot(page, 'grant-list');
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    await page.getByTestId('host-item-h1').getByTestId('host-menu').click();
    await page.getByTestId('host-grants').click();
    await expect(page.getByTestId('grants-dialog').getByTestId(`grant-row-${grantId}`)).toContainText(name);
    await page.keyboard.press('Escape');

    // Support mode with the file alone: a wrong passphrase is refused before any connection, then the right one.
    await page.getByTestId('open-grant').click();
    const open = page.getByTestId('open-grant-dialog');
    await open.locator('input[type=file]').setInputFiles(file);
    await open.getByTestId('open-grant-passphrase').fill('not the passphrase');
    await open.getByTestId('open-grant-submit').click();
    await expect(open.getByTestId('open-grant-error')).toContainText('does not open the key');
    await open.getByTestId('open-grant-passphrase').fill(PASSPHRASE);
    await open.getByTestId('open-grant-submit').click();
    const support = page.getByTestId('support-view');
    await expect(support).toBeVisible({ timeout: 30_000 });
    await expect(support.getByTestId('support-vm')).toContainText(name);
    await expect(support.getByTestId('support-ends')).toHaveAttribute('data-ended', 'false');
    await expect(support.getByTestId('support-mode')).toHaveAttribute('data-view-only', 'true');
    const vnc = support.getByTestId('console-vnc');
    await expect(vnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 30_000 });
    await expect.poll(() => drawnPixels(page), { timeout: 30_000 }).toBeGreaterThan(500);
    // Nothing else of the host: no sidebar, no VM list, not the other VM.
    await expect(page.getByTestId('host-item-h1')).toHaveCount(0);
    await expect(page.getByTestId('tab-list')).toHaveCount(0);
    await expect(page.getByText(other)).toHaveCount(0);
    // Screenshots come through libvirt, which the grant does not reach: support mode has none. The clipboard is the
    // VNC session's own: offered, with the channel's presence unknown (the VM's hardware is libvirt's too).
    await expect(vnc.getByTestId('vnc-screenshot')).toHaveCount(0);
    await expect(vnc.getByTestId('vnc-clipboard')).toHaveAttribute('data-channel', 'unknown');
    await vnc.getByTestId('vnc-clipboard').click();
    await expect(vnc.getByTestId('vnc-clipboard-shared')).toBeVisible();
    await expect(vnc.getByTestId('vnc-clipboard-from-guest')).toBeVisible();
    // View-only offers no input: no key buttons, no paste, nothing to send to the guest's clipboard.
    await expect(vnc.getByTestId('vnc-clipboard-text')).toHaveCount(0);
    await expect(vnc.getByTestId('vnc-clipboard-send')).toHaveCount(0);
    await page.keyboard.press('Escape');
    for (const id of ['vnc-cad', 'vnc-keys', 'vnc-paste']) await expect(vnc.getByTestId(id)).toHaveCount(0);
    await shot(page, 'support-mode');
    await support.getByTestId('support-tab-serial').click();
    const serial = support.getByTestId('console-serial');
    await expect(serial.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 30_000 });
    // The host's forced command ran that VM's console (virsh, through the grant's one sudo rule).
    await expect(serial.locator('.xterm-rows')).toContainText(`Connected to domain '${name}'`, { timeout: 30_000 });
    await shot(page, 'support-mode-serial');
    // View-only holds: Ctrl+Alt+Del pressed on the screen (which makes this SeaBIOS reboot and print its banner,
    // consoles.spec.ts) and typing reach nothing, so the guest's serial console stays silent.
    const rx = Number(await serial.getAttribute('data-rx-bytes'));
    await serial.getByTestId('terminal').click();
    await page.keyboard.type('typed in a view-only console');
    await support.getByTestId('support-tab-vnc').click();
    await page.getByTestId('vnc-screen').click();
    await page.keyboard.press('Control+Alt+Delete');
    await page.waitForTimeout(10_000);
    expect(Number(await serial.getAttribute('data-rx-bytes'))).toBe(rx);
    await expect(vnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected');

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await support.getByTestId('support-tab-vnc').click();
    await expect(support.getByTestId('support-mode')).toContainText('仅查看');
    await shotZh(page, 'support-mode-zh');
    await page.getByTestId('support-leave').click();
    await expect(support).toBeHidden();

    // Back in the admin's app (zh-CN): the dialog and the list, then revoke.
    details = await openVm(page, name);
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('grant-share').click();
    await fillGrant(page, '王工');
    await shotZh(page, 'grant-dialog-zh');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('grant-dialog')).toBeHidden();
    await details.getByTestId('vm-consoles').click();
    await page.getByTestId('grant-list').click();
    const listZh = page.getByTestId('grants-dialog');
    await expect(listZh.getByTestId(`grant-row-${grantId}`).getByTestId('grant-mode')).toHaveText('仅查看');
    await shotZh(page, 'grant-list-zh');
    await listZh.getByTestId(`grant-row-${grantId}`).getByTestId('grant-revoke').click();
    await expect(listZh.getByTestId('grants-none')).toBeVisible({ timeout: 30_000 });
    expect(hostKeys(tb)).not.toContain(`id=${grantId}`);
    grantId = '';
    expect(errors).toEqual([]);
  } finally {
    if (grantId) dropGrantKey(tb, grantId);
    purge(tb, 1, name);
    purge(tb, 1, other);
  }
});
