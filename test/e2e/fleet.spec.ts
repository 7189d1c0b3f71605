// Two hosts in one window: both added through the wizard with fingerprint confirmation, their VMs in one table,
// state changes from the UI and from virsh behind the app's back arrive as events, and a host whose sshd dies goes
// offline with its rows greyed out, then comes back.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { addHostViaWizard, defineTiny, expect, purge, shot, test } from './webapi-fixture.js';

test('two hosts, live rows, a host going offline and back', async ({ page, webapi, tb }) => {
  test.setTimeout(180_000);
  const tag = `fleet-${randomBytes(3).toString('hex')}`;
  const onH2 = `${tag}-a`;
  const onH3 = `${tag}-b`;
  defineTiny(tb, 2, onH2, {});
  defineTiny(tb, 3, onH3, {});
  const tbns = path.join(tb.dir, 'bin', 'tbns');
  let sshdStopped = false;
  try {
    // Neither key is known: the wizard shows each fingerprint and needs it accepted.
    const empty = path.join(webapi.home, 'empty_known_hosts');
    writeFileSync(empty, '');
    await page.goto(webapi.url);
    await shot(page, 'fleet-empty');
    expect(await addHostViaWizard(page, tb, 2, empty, 'wizard-fingerprint')).toBe('unknown');
    expect(await addHostViaWizard(page, tb, 3, empty)).toBe('unknown');

    // One table over both hosts.
    await page.getByTestId('vm-filter').fill(tag);
    const a = page.getByTestId(`vm-row-h2-${onH2}`);
    const b = page.getByTestId(`vm-row-h3-${onH3}`);
    await expect(a).toHaveAttribute('data-state', 'shutoff', { timeout: 20_000 });
    await expect(b).toHaveAttribute('data-state', 'shutoff');
    await expect(a).toContainText('h2');
    await expect(b).toContainText('h3');
    await shot(page, 'fleet-table');

    // Start and force off from the UI; the row follows the host's lifecycle events.
    await a.getByTestId('vm-menu').click();
    await page.getByRole('menuitem').and(page.getByTestId('vm-action-start')).click();
    await expect(a).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await shot(page, 'fleet-started');
    await a.getByTestId('vm-menu').click();
    await page.getByRole('menuitem').and(page.getByTestId('vm-action-destroy')).click();
    await page.getByTestId('confirm-ok').click();
    await expect(a).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });

    // Behind the app's back: virsh on the host itself.
    tb.virsh(3, 'start', onH3);
    await expect(b).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    tb.virsh(3, 'suspend', onH3);
    await expect(b).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
    await shot(page, 'fleet-virsh-paused');
    tb.virsh(3, 'destroy', onH3);
    await expect(b).toHaveAttribute('data-state', 'shutoff', { timeout: 30_000 });

    // h3's sshd dies (listener and sessions): h3 goes offline, its rows go stale, h2's do not.
    execFileSync(tbns, ['3', 'sh', '-c', 'kill $(cat /run/sshd.pid); pkill -f "[s]shd: root"']);
    sshdStopped = true;
    const h3 = page.getByTestId('host-item-h3');
    await expect(h3).toHaveAttribute('data-status', 'offline', { timeout: 60_000 });
    await expect(b).toHaveAttribute('data-stale', 'true');
    await expect(b).toContainText('last seen');
    await expect(a).not.toHaveAttribute('data-stale', 'true');
    await expect(page.getByTestId('host-item-h2')).toHaveAttribute('data-status', 'online');
    await shot(page, 'fleet-h3-offline');

    // sshd back: the supervisor reconnects on its own and the rows are live again.
    startSshd(tbns, tb.dir);
    sshdStopped = false;
    await expect(h3).toHaveAttribute('data-status', 'online', { timeout: 60_000 });
    await expect(b).not.toHaveAttribute('data-stale', 'true', { timeout: 15_000 });
    tb.virsh(3, 'start', onH3);
    await expect(b).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await shot(page, 'fleet-h3-back');

    // The same screen in Chinese.
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await expect(page.getByTestId('add-host')).toHaveText('添加主机');
    await expect(page.getByTestId('vm-sort-name')).toHaveText('名称');
    await shot(page, 'fleet-zh-CN');
  } finally {
    if (sshdStopped) startSshd(tbns, tb.dir);
    purge(tb, 2, onH2);
    purge(tb, 3, onH3);
  }
});

function startSshd(tbns: string, dir: string): void {
  const h3 = path.join(dir, 'hosts', 'h3');
  execFileSync(tbns, ['3', '/usr/sbin/sshd', '-f', path.join(h3, 'ssh', 'sshd_config'), '-E', path.join(h3, 'log', 'sshd.log')]);
}
