// Host bridges through the UI over the web API over the real core on test-bed host h2, never on this machine's
// interfaces: as test/integration/bridges/bridges.test.ts does, a veth pair joins a private peer namespace
// (10.199.4.1) to h2's NIC rdrn0 (10.199.4.2, ifupdown, with a private /etc/network bind-mounted into h2's mount
// namespace only). Detection (stack, NICs, the SSH NIC), a NIC that vanished → the core's refusal, nothing changed;
// an unconfirmed bridge rolled back by the host; a confirmed one kept past its deadline; delete + confirm.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { guestHost } from '../integration/guest/guest-host.js';
import { addHostViaWizard, expect, shot, test } from './webapi-fixture.js';

const HOST = 2;
const NIC = 'rdrn0';
const BR = 'rdrbr0';
const GONE = 'rdrgone0';
const hasTools =
  ['unshare', 'nsenter'].every((c) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', c]).status === 0) &&
  spawnSync('sh', ['-c', 'command -v ifup || test -x /usr/sbin/ifup']).status === 0;

async function openWizard(page: Page): Promise<void> {
  await page.getByTestId('bridge-add').click();
  await expect(page.getByTestId('bridge-stack')).toBeVisible({ timeout: 20_000 });
}

test('host bridge wizard: detection, refusal, rollback, confirm, delete', async ({ page, webapi, tb }) => {
  test.skip(!hasTools, 'needs unshare, nsenter and ifupdown + bridge-utils');
  test.setTimeout(240_000);
  const h = guestHost(tb, HOST);
  const inHost = (...argv: string[]) => h.inHost(...argv);
  const work = mkdtempSync(path.join(tmpdir(), 'vd-e2e-br-'));
  const etcNet = path.join(work, 'etc-network');
  const eni = () => readFileSync(path.join(etcNet, 'interfaces'), 'utf8');
  const linkExists = (dev: string) => inHost('ip', 'link', 'show', dev).status === 0;
  const stopPendingChanges = () =>
    inHost('sh', '-c', 'for d in /run/virtdeck/bridge-txn/*; do case "$(cat "$d/state" 2>/dev/null)" in applying|applied) kill "$(cat "$d/pid")" 2>/dev/null;; esac; done; rm -rf /run/virtdeck/bridge-txn');
  let peer: ChildProcess | undefined;
  let mounted = false;
  try {
    const init = readFileSync(path.join(tb.dir, 'state', `h${HOST}.init`), 'utf8').trim();
    peer = spawn('unshare', ['--net', 'sleep', '3600'], { stdio: 'ignore', detached: true });
    await new Promise((r) => setTimeout(r, 300));
    stopPendingChanges();
    inHost('sh', '-c', `ip link del ${NIC} 2>/dev/null; ip link del ${BR} 2>/dev/null; ip link del ${GONE} 2>/dev/null; rm -f /run/network/ifstate.${BR} /run/network/ifstate.${NIC}`);
    const setup = spawnSync('nsenter', [`--net=/proc/${peer.pid}/ns/net`, 'sh', '-ec',
      `ip link set lo up; ip link add rdrp0 type veth peer name ${NIC} netns ${init}; ip addr add 10.199.4.1/24 dev rdrp0; ip link set rdrp0 up`], { encoding: 'utf8' });
    expect(setup.status, setup.stderr).toBe(0);
    cpSync('/etc/network', etcNet, { recursive: true });
    writeFileSync(path.join(etcNet, 'interfaces'), `${readFileSync('/etc/network/interfaces', 'utf8').trimEnd()}\n\nauto ${NIC}\niface ${NIC} inet static\n    address 10.199.4.2/24\n`);
    const original = eni();
    const mount = inHost('sh', '-ec', `mount --bind "$1" /etc/network; mkdir -p /run/network; ifup ${NIC}`, 'sh', etcNet);
    expect(mount.status, mount.stderr).toBe(0);
    mounted = true;
    expect(inHost('ip', 'link', 'add', GONE, 'type', 'veth', 'peer', 'name', 'rdrgone1').status).toBe(0); // no dummy module here

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, HOST, webapi.knownHosts);
    await page.getByTestId('tab-networks').click();
    await page.getByTestId('networks-host').click();
    await page.getByRole('option', { name: `h${HOST}`, exact: true }).click();
    await expect(page.getByTestId('bridges-panel')).toBeVisible();

    // Detection: the stack, the NICs; the SSH session arrives on lo here (marked, not bridgeable).
    await openWizard(page);
    await expect(page.getByTestId('bridge-stack')).toHaveText('ifupdown');
    const nicRow = page.getByTestId(`bridge-nic-row-${NIC}`);
    await expect(nicRow).toHaveAttribute('data-kind', 'veth');
    await expect(nicRow).toContainText('10.199.4.2/24');
    await expect(page.getByTestId('bridge-nic-row-lo')).toHaveAttribute('data-ssh', 'true');
    await expect(page.getByTestId('bridge-nic-lo')).toBeDisabled();
    await shot(page, 'bridges-1-detect');

    // A NIC that is gone by the time of apply: the core refuses, nothing changes.
    await page.getByTestId(`bridge-nic-${GONE}`).check();
    expect(inHost('ip', 'link', 'del', GONE).status).toBe(0);
    await page.getByTestId('bridge-apply').click();
    await expect(page.getByTestId('bridge-error')).toContainText(`No NIC “${GONE}” on h${HOST}`, { timeout: 20_000 });
    await expect(page.getByTestId('bridge-error')).toContainText('nothing was changed');
    await shot(page, 'bridges-2-refused');
    expect(eni()).toBe(original);
    expect(linkExists('br0')).toBe(false);
    await page.keyboard.press('Escape');

    // Applied and never confirmed: the countdown runs out and the host rolls back by itself.
    await openWizard(page);
    await page.getByTestId(`bridge-nic-${NIC}`).check();
    await page.getByTestId('bridge-name').fill(BR);
    await page.getByTestId('bridge-rollback').fill('8');
    await shot(page, 'bridges-3-wizard-filled');
    await page.getByTestId('bridge-apply').click();
    await expect(page.getByTestId('bridge-countdown')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId(`bridge-row-${BR}`)).toBeVisible();
    expect(eni()).toContain(`iface ${BR} inet static`);
    await shot(page, 'bridges-4-countdown');
    await expect(page.getByTestId('bridge-rolled-back')).toBeVisible({ timeout: 40_000 });
    await expect(page.getByTestId(`bridge-row-${BR}`)).toHaveCount(0);
    expect(linkExists(BR)).toBe(false);
    expect(eni()).toBe(original);
    await shot(page, 'bridges-5-rolled-back');

    // Applied and confirmed: kept past the deadline.
    await openWizard(page);
    await page.getByTestId(`bridge-nic-${NIC}`).check();
    await page.getByTestId('bridge-name').fill(BR);
    await page.getByTestId('bridge-rollback').fill('10');
    await page.getByTestId('bridge-apply').click();
    await page.getByTestId('bridge-confirm').click({ timeout: 30_000 });
    await expect(page.getByTestId('bridge-confirmed')).toBeVisible({ timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 11_000));
    const row = page.getByTestId(`bridge-row-${BR}`);
    await page.getByTestId('bridges-reload').click();
    await expect(row.getByTestId('bridge-ports')).toHaveText(NIC);
    await expect(row.getByTestId('bridge-addresses')).toContainText('10.199.4.2/24');
    expect(inHost('ip', '-br', 'link', 'show', 'master', BR).stdout).toContain(NIC);
    expect(eni()).toContain(`iface ${BR} inet static`);
    await shot(page, 'bridges-6-confirmed');

    // Delete: the confirmation explains the safe apply; confirmed, the address is back on the NIC.
    await row.getByTestId('bridge-delete').click();
    await expect(page.getByRole('dialog')).toContainText('rollback timer');
    await shot(page, 'bridges-7-delete-confirm');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('bridge-confirm').click({ timeout: 30_000 });
    await expect(page.getByTestId('bridge-confirmed')).toBeVisible({ timeout: 20_000 });
    await expect(row).toHaveCount(0);
    expect(linkExists(BR)).toBe(false);
    expect(inHost('ip', '-br', '-4', 'addr', 'show', 'dev', NIC).stdout).toContain('10.199.4.2/24');
    expect(eni()).toBe(original);
    await shot(page, 'bridges-8-deleted');
    expect(readFileSync('/etc/network/interfaces', 'utf8')).not.toContain(NIC); // this machine's file is untouched
  } finally {
    // A change still waiting would restore into /etc/network after the private mount is gone: stop runners first.
    stopPendingChanges();
    inHost('sh', '-c', `ifdown ${BR} 2>/dev/null; ifdown ${NIC} 2>/dev/null; ip link del ${BR} 2>/dev/null; ip link del ${NIC} 2>/dev/null; ip link del ${GONE} 2>/dev/null`);
    if (mounted) inHost('umount', '/etc/network');
    if (peer?.pid) process.kill(peer.pid);
    rmSync(work, { recursive: true, force: true });
  }
});
