// The Windows 11 preset against virt-install, element by element, on test-bed host 1: `virt-install --print-xml
// --dry-run --os-variant win11` (libosinfo's knowledge of Windows 11; defines and creates nothing) and `virtdeck vm
// create --no-media --os win11 --check` (defines nothing) for the same size, on the same host, with the same virt type
// (KVM when the host offers it, else QEMU/TCG). Where the two should agree they must; each intended difference is
// named below with its reason.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 1;
const H = `h${HOST}`;
const P = `nvv${randomBytes(2).toString('hex')}`;
const noVirtInstall = spawnSync('virt-install', ['--version']).status === 0 ? undefined : 'virt-install not installed (apt install virtinst; .ci/run does)';

/** Child elements along a path of tag names (e.g. 'devices/tpm/backend'). */
function all(root: Element, path: string): Element[] {
  let level = [root];
  for (const tag of path.split('/')) {
    level = level.flatMap((e) => Array.from(e.childNodes).filter((c): c is Element => c.nodeType === 1 && (c as Element).tagName === tag));
  }
  return level;
}
const one = (root: Element, path: string): Element | undefined => all(root, path)[0];
const attr = (root: Element, path: string, name: string): string | null => one(root, path)?.getAttribute(name) ?? null;
const parse = (xml: string): Element => new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;

describe.skipIf(!tb.available || !!noVirtInstall)(`Windows 11 preset vs virt-install --os-variant win11 on ${H} ${noVirtInstall ?? ''}`, () => {
  const home = tempHome('vd-newvm-vi-');
  const h = guestHost(tb, HOST);
  let ours: Element;
  let theirs: Element;
  let virtType = 'qemu';

  beforeAll(async () => {
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
    const caps = await runCli(home, ['host', 'caps', H, '--json']);
    if ((JSON.parse(caps.stdout) as { virtTypes: string[] }).virtTypes.includes('kvm')) virtType = 'kvm';
    const vd = await runCli(home, ['vm', 'create', H, P, '--no-media', '--os', 'win11', '--cpus', '2', '--memory', '4G', '--disk', '1G', '--virt-type', virtType, '--check']);
    expect(vd.code, vd.stderr).toBe(0);
    ours = parse(vd.stdout);
    const vi = spawnSync('virt-install', [
      '--connect', `qemu+unix:///system?socket=${tb.hosts[HOST - 1]!.socket}`, '--print-xml', '--dry-run',
      '--name', P, '--os-variant', 'win11', '--memory', '4096', '--vcpus', '2', '--disk', 'size=1', '--install', 'no_install=yes',
      '--network', 'network=default', '--virt-type', virtType,
    ], { encoding: 'utf8' });
    expect(vi.status, vi.stderr).toBe(0);
    theirs = parse(vi.stdout);
  }, 120_000);

  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('agrees on machine, firmware, size, features, clock, TPM 2.0 CRB, disk bus and NIC model', () => {
    const both = (f: (x: Element) => unknown) => expect(f(ours)).toEqual(f(theirs));
    both((x) => x.getAttribute('type'));
    both((x) => one(x, 'memory')?.textContent);
    both((x) => one(x, 'vcpu')?.textContent);
    // q35 and UEFI by libvirt's firmware auto-selection
    both((x) => attr(x, 'os/type', 'machine'));
    both((x) => attr(x, 'os', 'firmware'));
    expect([attr(ours, 'os/type', 'machine'), attr(ours, 'os', 'firmware')]).toEqual(['q35', 'efi']);
    both((x) => [one(x, 'features/acpi') !== undefined, one(x, 'features/apic') !== undefined, attr(x, 'features/vmport', 'state')]);
    // Windows keeps local time; its timers as libosinfo says
    both((x) => attr(x, 'clock', 'offset'));
    expect(attr(ours, 'clock', 'offset')).toBe('localtime');
    expect(attr(ours, 'features/vmport', 'state')).toBe('off');
    for (const timer of ['rtc', 'pit', 'hpet']) {
      both((x) => all(x, 'clock/timer').filter((t) => t.getAttribute('name') === timer).map((t) => [t.getAttribute('tickpolicy'), t.getAttribute('present')]));
    }
    // TPM 2.0: the CRB model, emulated by swtpm (virt-install leaves the version to libvirt's default for CRB, 2.0)
    both((x) => attr(x, 'devices/tpm', 'model'));
    both((x) => attr(x, 'devices/tpm/backend', 'type'));
    expect(attr(ours, 'devices/tpm', 'model')).toBe('tpm-crb');
    expect(attr(ours, 'devices/tpm/backend', 'version')).toBe('2.0');
    // Windows has no virtio drivers of its own: SATA disk, e1000e NIC (VirtDeck uses virtio only with --drivers)
    const disk = (x: Element) => all(x, 'devices/disk').filter((d) => d.getAttribute('device') === 'disk');
    both((x) => disk(x).map((d) => [attr(d, 'target', 'bus'), attr(d, 'driver', 'type')]));
    expect(disk(ours).map((d) => attr(d, 'target', 'bus'))).toEqual(['sata']);
    both((x) => all(x, 'devices/interface').map((n) => [n.getAttribute('type'), attr(n, 'source', 'network'), attr(n, 'model', 'type')]));
    expect(all(ours, 'devices/interface').map((n) => attr(n, 'model', 'type'))).toEqual(['e1000e']);
    expect(all(ours, 'clock/timer').map((t) => t.getAttribute('name'))).toEqual(expect.arrayContaining(['rtc', 'pit', 'hpet']));
    both((x) => attr(x, 'cpu', 'mode'));
  });

  it('differs where intended, and only there', () => {
    // Hyper-V: under KVM VirtDeck gives virt-install's three and the newer ones virt-manager 5 adds (vpindex, runtime,
    // synic, stimer, reset, frequencies) plus the hypervclock timer; under TCG none, because QEMU refuses them there.
    const theirsHv = one(theirs, 'features/hyperv') ?? null;
    const hv = (x: Element | null) => (x ? Array.from(x.childNodes).filter((c): c is Element => c.nodeType === 1).map((c) => c.tagName) : []);
    if (virtType === 'kvm') {
      expect(hv(one(ours, 'features/hyperv') ?? null)).toEqual(expect.arrayContaining(hv(theirsHv)));
      expect(attr(ours, 'features/hyperv/spinlocks', 'retries')).toBe(attr(theirs, 'features/hyperv/spinlocks', 'retries'));
    } else {
      expect(one(ours, 'features/hyperv')).toBeUndefined();
      expect(hv(theirsHv)).toEqual(['relaxed', 'vapic', 'spinlocks']);
    }
    // Secure Boot: Windows 11 requires it. virt-install 4.1 asks only for EFI and leaves the pick to libvirt's firmware
    // order; VirtDeck asks for it by name, with the Microsoft keys enrolled, and SMM (which Secure Boot needs).
    expect(all(ours, 'os/firmware/feature').map((f) => [f.getAttribute('name'), f.getAttribute('enabled')])).toEqual([['secure-boot', 'yes'], ['enrolled-keys', 'yes']]);
    expect(attr(ours, 'features/smm', 'state')).toBe('on');
    expect(one(theirs, 'os/firmware')).toBeUndefined();
    // Console: virt-install gives SPICE + QXL + sound + USB redirection (for a desktop viewer); VirtDeck gives VNC on
    // the host's loopback (tunnelled by its own console over SSH) with a virtio GPU, and a logged serial console.
    expect(all(theirs, 'devices/graphics').map((g) => g.getAttribute('type'))).toEqual(['spice']);
    expect(all(ours, 'devices/graphics').map((g) => [g.getAttribute('type'), g.getAttribute('listen') ?? attr(g, 'listen', 'address')])).toEqual([['vnc', '127.0.0.1']]);
    expect(attr(ours, 'devices/video/model', 'type')).toBe('virtio');
    expect(all(ours, 'devices/sound')).toEqual([]);
    expect(all(ours, 'devices/serial/log').map((l) => l.getAttribute('file'))).toEqual([`/var/log/libvirt/qemu/${P}.serial.log`]);
    // Storage: VirtDeck's blank disk is a pool volume (what it manages and deletes with the VM), virt-install's a path.
    expect(attr(disk0(ours), 'source', 'pool')).toBe('default');
    expect(attr(disk0(theirs), 'source', 'file')).toBe(`/var/lib/libvirt/images/${P}.qcow2`);
    // and nothing was made by either
    expect(h.virsh('list', '--all', '--name')).not.toContain(P);
    expect(h.virsh('vol-list', 'default')).not.toContain(P);
  });
});

const disk0 = (x: Element): Element => all(x, 'devices/disk').find((d) => d.getAttribute('device') === 'disk')!;
