// The graphical console's clipboard both ways with a real guest: the test image (test/guest) boots under TCG with a VNC
// display and no clipboard channel, and this test starts its X side (Xvfb on :0, the spice-vdagent session agent;
// xclip). The console toolbar says so, and its one-click "Add clipboard channel" hot-plugs the qemu-vdagent channel. Then text put on
// Chromium's clipboard and sent from the console lands on the guest's X clipboard (`xclip -o`), and text the guest
// copies (`xclip -i`) shows in the console and lands on Chromium's clipboard. The display has a password, which the
// admin's console asks for. Alt+SysRq+H from the keys menu shows in the guest kernel's log. Then the clipboard both
// ways again in support mode, through a real interactive console grant. The guest is driven through its agent.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { guestImageUnavailable } from '../guest/guest-image.js';
import { guestHost } from '../integration/guest/guest-host.js';
import { bootGuest, defineGuest, defineIsolatedNetwork, guestShell, removeGuests, staticSeedIso, withSerialTail } from '../integration/guest/guest-setup.js';
import { dropGrantKey, PASSPHRASE } from './grant-host.js';
import { afterGuestLane } from './guest-lane.js';
import { addHostViaWizard, expect, shot, test, vmRow } from './webapi-fixture.js';

const VNC_PASSWORD = 'admin123';

test('console clipboard both ways with a real guest (qemu-vdagent, spice-vdagent, xclip)', async ({ page, context, webapi, tb }) => {
  const unavailable = guestImageUnavailable();
  test.skip(!!unavailable, `no guest image: ${unavailable}`);
  test.setTimeout(2_400_000);
  // a step that cannot happen fails within minutes, not at the end of the long wait above
  page.setDefaultTimeout(120_000);
  await afterGuestLane();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webapi.url });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const h = guestHost(tb, 1);
  const tag = randomBytes(3).toString('hex');
  const vm = `clip-${tag}`;
  const pool = `clip-pool-${tag}`;
  const network = `clip-net-${tag}`;
  const subnet = `10.81.${randomInt(10, 250)}`;
  const mac = `52:54:00:c1:${tag.slice(0, 2)}:${tag.slice(2, 4)}`;
  const toGuest = `laptop→guest ${tag} grüße 你好 <a&b>`;
  const toLaptop = `guest→laptop ${tag} ½ 再见 "quoted"`;
  const work = mkdtempSync(path.join(tmpdir(), 'vd-e2e-clip-'));
  let grantId = '';
  try {
    defineIsolatedNetwork(h, { name: network, bridge: `vdclip${tag}`, gateway: `${subnet}.1` });
    defineGuest(h, {
      name: vm, memoryMiB: 768, pool, mac, nic: { network }, vnc: true, vncPassword: VNC_PASSWORD,
      seedIso: staticSeedIso(vm, mac, `${subnet}.10/24`, `${subnet}.1`),
    });
    const bootS = await bootGuest(h, vm);
    const sh = guestShell(h, vm);
    // QEMU 7.2 hands the NUL that ends the RFB extended clipboard's text on to the guest: xclip reads the text and
    // then a NUL (pasting into an application stops at it).
    const guestClipboard = async () => (await sh('DISPLAY=:0 xclip -o -selection clipboard')).replace(/\0$/, '');
    await sh('systemctl start --no-block virtdeck-x virtdeck-vdagent');
    await withSerialTail(h, vm, () =>
      expect.poll(() => sh('systemctl is-active virtdeck-x virtdeck-vdagent | paste -sd,'), { timeout: 120_000, intervals: [2000] }).toBe('active,active'),
    );

    await page.goto(webapi.url);
    await addHostViaWizard(page, tb, 1, webapi.knownHosts);
    const row = await vmRow(page, 'h1', vm);
    await expect(row).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await row.getByTestId('vm-open').click();
    await page.getByTestId(`vm-details-h1-${vm}`).getByTestId('vm-consoles').click();
    await page.getByTestId('open-vnc').click();
    // The display has a password (a console grant needs one to change): the console asks for it.
    await page.getByTestId('vnc-password').fill(VNC_PASSWORD);
    await page.getByTestId('vnc-password-submit').click();
    const vnc = page.getByTestId('console-vnc');
    await expect(vnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 30_000 });

    // Magic SysRq from the keys menu reaches the guest's kernel through its PS/2 keyboard: Alt+SysRq+H makes the kernel
    // log its help line (whatever kernel.sysrq allows, help is printed).
    const sysrqHelp = async () => Number(await sh('dmesg | grep -c "sysrq: HELP" || true'));
    const helpBefore = await sysrqHelp();
    await vnc.getByTestId('vnc-keys').click();
    await page.getByTestId('vnc-key-sysrq-h').click();
    await expect.poll(sysrqHelp, { timeout: 30_000, intervals: [1000] }).toBeGreaterThan(helpBefore);

    // No channel yet: the toolbar says so; one click adds it to the running VM (and its definition).
    const button = vnc.getByTestId('vnc-clipboard');
    await expect(button).toHaveAttribute('data-channel', 'no', { timeout: 20_000 });
    await button.click();
    await expect(vnc.getByTestId('vnc-clipboard-add')).toBeVisible();
    await shot(page, 'console-clipboard-none');
    await vnc.getByTestId('vnc-clipboard-add').click();
    await expect(button).toHaveAttribute('data-channel', 'yes', { timeout: 30_000 });
    await expect(vnc.getByTestId('vnc-clipboard-shared')).toBeVisible();
    const channels = () => tb.virsh(1, 'dumpxml', vm) + tb.virsh(1, 'dumpxml', '--inactive', vm);
    expect(channels().match(/<channel type='qemu-vdagent'>/g)).toHaveLength(2);
    // The new virtio port starts spice-vdagentd in the guest (udev); the session agent on :0 connects to it.
    await expect.poll(() => sh('pgrep -x spice-vdagentd >/dev/null && pgrep -x spice-vdagent >/dev/null && echo up || echo down'),
      { timeout: 180_000, intervals: [2000] }).toBe('up');

    // Laptop → guest: what is on Chromium's clipboard, sent with "Send my clipboard", is what xclip reads in the guest.
    // A clipboard that reaches QEMU before the guest's agent has announced itself to QEMU (a running spice-vdagent
    // is not yet that) is lost, as it would be for a user: send again, as they would, until the guest has it.
    await page.evaluate((text) => navigator.clipboard.writeText(text), toGuest);
    await expect.poll(async () => {
      await vnc.getByTestId('vnc-clipboard-mine').click();
      return guestClipboard();
    }, { timeout: 90_000, intervals: [3000] }).toBe(toGuest);
    await expect(vnc.getByTestId('vnc-clipboard-text')).toHaveValue(toGuest);

    // Guest → laptop: what the guest copies shows in the console's panel and is on Chromium's clipboard.
    await sh(`printf %s '${toLaptop}' | DISPLAY=:0 xclip -i -selection clipboard >/dev/null 2>&1`);
    await expect(vnc.getByTestId('vnc-clipboard-from-guest')).toHaveText(toLaptop, { timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(toLaptop);
    await shot(page, 'console-clipboard-shared');

    // Typed text in the panel goes too (the way when this computer's clipboard cannot be read).
    const typed = `typed ${tag}`;
    await vnc.getByTestId('vnc-clipboard-text').fill(typed);
    await vnc.getByTestId('vnc-clipboard-send').click();
    await expect.poll(guestClipboard, { timeout: 60_000, intervals: [2000] }).toBe(typed);

    await page.keyboard.press('Escape');
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-zh-CN').click();
    await vnc.getByTestId('vnc-clipboard').click();
    await expect(vnc.getByTestId('vnc-clipboard-from-guest')).toHaveText(toLaptop);
    await shot(page, 'console-clipboard-shared-zh-CN');
    await page.keyboard.press('Escape');

    // Support mode: the person holding an interactive grant for this VM exchanges text both ways too, over the
    // grant's own SSH link (its forward reaches this VM's VNC port only) with the grant's VNC password. The VM's
    // details tab (the one VM tab open) comes back to the front first: the console tab is the active one.
    await page.locator('[data-testid^="tab-vm:"]').click();
    await page.getByTestId(`vm-details-h1-${vm}`).getByTestId('vm-consoles').click();
    await page.getByTestId('grant-share').click();
    const dialog = page.getByTestId('grant-dialog');
    await dialog.getByTestId('grant-for').fill('support');
    await dialog.getByTestId('grant-view-only').uncheck();
    await dialog.getByTestId('grant-passphrase').fill(PASSPHRASE);
    await dialog.getByTestId('grant-passphrase-again').fill(PASSPHRASE);
    await dialog.getByTestId('grant-create-account').check();
    const downloading = page.waitForEvent('download');
    await dialog.getByTestId('grant-create').click();
    const grantFile = path.join(work, 'grant.json');
    await (await downloading).saveAs(grantFile);
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    grantId = (JSON.parse(readFileSync(grantFile, 'utf8')) as { id: string }).id;
    await page.getByTestId('open-grant').click();
    const open = page.getByTestId('open-grant-dialog');
    await open.locator('input[type=file]').setInputFiles(grantFile);
    await open.getByTestId('open-grant-passphrase').fill(PASSPHRASE);
    await open.getByTestId('open-grant-submit').click();
    const support = page.getByTestId('support-view');
    await expect(support.getByTestId('support-mode')).toHaveAttribute('data-view-only', 'false');
    const supportVnc = support.getByTestId('console-vnc');
    await expect(supportVnc.getByTestId('console-state')).toHaveAttribute('data-conn', 'connected', { timeout: 60_000 });
    await supportVnc.getByTestId('vnc-clipboard').click();
    const fromSupport = `support→guest ${tag} ünïcode 支持`;
    await supportVnc.getByTestId('vnc-clipboard-text').fill(fromSupport);
    await supportVnc.getByTestId('vnc-clipboard-send').click();
    await expect.poll(guestClipboard, { timeout: 60_000, intervals: [2000] }).toBe(fromSupport);
    const toSupport = `guest→support ${tag} «quoted» 再见`;
    await sh(`printf %s '${toSupport}' | DISPLAY=:0 xclip -i -selection clipboard >/dev/null 2>&1`);
    await expect(supportVnc.getByTestId('vnc-clipboard-from-guest')).toHaveText(toSupport, { timeout: 60_000 });
    await shot(page, 'support-mode-clipboard-zh-CN');
    await page.getByTestId('support-leave').click();
    await expect(support).toBeHidden();

    test.info().annotations.push({ type: 'timing', description: `guest agent up ${bootS.toFixed(0)} s after start` });
    expect(errors).toEqual([]);
  } finally {
    if (grantId) dropGrantKey(tb, grantId);
    rmSync(work, { recursive: true, force: true });
    removeGuests(h, { domains: [vm], pool, network });
  }
});
