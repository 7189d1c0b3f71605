// `virtdeck host caps`, `os list` and `vm create` on test-bed host 1, for real: a small bootable ISO made here with
// grub-mkrescue (marker-iso.ts) prints a marker with GRUB's platform on the serial console, so the serial log proves
// which firmware booted it. UEFI by libvirt's auto-selection from OVMF's descriptors, Secure Boot with the
// enrolled-keys variables (a guest that reports Secure Boot on: new-vm-secure-boot.test.ts), TPM 2.0 by swtpm; bad
// input is refused with nothing defined; deleting a UEFI VM removes its NVRAM file (and the swtpm state). PXE: OVMF's
// network boot attempt shows on the serial console.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { guestHost } from '../guest/guest-host.js';
import { waitFor } from '../guest/guest-agent.js';
import { testbed } from '../testbed.js';
import { MARKER, makeMarkerIso, markerIsoUnavailable, markerPlatform } from './marker-iso.js';

const tb = testbed();
const HOST = 1;
const H = `h${HOST}`;
const P = `nvi${randomBytes(2).toString('hex')}`;
const ISO = `${P}.iso`;
const noGrub = markerIsoUnavailable();

describe.skipIf(!tb.available || !!noGrub)(`New VM from an ISO on ${H} ${noGrub ?? ''}`, () => {
  const home = tempHome('vd-newvm-');
  const h = guestHost(tb, HOST);
  const hostDir = join(tb.dir, 'hosts', H);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const create = (name: string, ...extra: string[]) => runCli(home, ['vm', 'create', H, name, '--virt-type', 'qemu', ...extra]);
  const serial = (name: string) => (existsSync(h.serialLog(name)) ? readFileSync(h.serialLog(name), 'utf8') : '');
  const bootedOn = async (name: string): Promise<string> => {
    await waitFor(`${name}: the ISO's marker on the serial console`, 240_000, () => serial(name).includes(MARKER));
    return markerPlatform(serial(name)) ?? '';
  };
  const remove = (name: string) => {
    h.quiet('destroy', name);
    h.quiet('undefine', name, '--nvram', '--tpm');
    rmSync(h.serialLog(name), { force: true });
  };

  beforeAll(async () => {
    makeMarkerIso(join(home, 'iso'), join(home, 'boot.iso'));
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
    const up = await runCli(home, ['vol', 'upload', `${H}/default/${ISO}`, join(home, 'boot.iso')]);
    expect(up.code, up.stderr).toBe(0);
  }, 300_000);

  afterAll(() => {
    for (const d of domains()) remove(d);
    for (const v of volumes()) h.quiet('vol-delete', '--pool', 'default', v);
    rmSync(home, { recursive: true, force: true });
  });

  it('host caps: BIOS, UEFI, Secure Boot (OVMF), TPM 2.0 (swtpm), q35, virt types', async () => {
    const r = await runCli(home, ['host', 'caps', H, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const caps = JSON.parse(r.stdout) as { virtTypes: string[]; machines: string[]; firmware: Record<string, unknown>; tpm: { supported: boolean; backends: string[]; versions: string[] } };
    expect(caps.virtTypes).toContain('qemu');
    expect(caps.machines).toContain('q35');
    expect(caps.firmware).toMatchObject({ bios: true, uefi: true, secureBoot: true });
    expect(caps.tpm.supported).toBe(true);
    expect(caps.tpm.backends).toContain('emulator');
    expect(caps.tpm.versions).toContain('2.0');
    const text = await runCli(home, ['host', 'caps', H]);
    expect(text.stdout).toMatch(/Secure Boot\s+yes/);
  });

  it('os list: the presets; the test bed host has no osinfo-query, and says so', async () => {
    const r = await runCli(home, ['os', 'list', '--host', H]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/win11\s+uefi-secure\s+yes/);
    expect(r.stdout).toMatch(/debian12\s+bios\s+no\s+virtio/);
    expect(r.stderr).toContain(`${H}: no osinfo-query`);
  });

  it('refuses bad input with every reason and defines nothing', async () => {
    const before = { d: domains(), v: volumes() };
    const bad = await create(`${P}-bad`, '--cdrom', 'default/nope.iso', '--disk', '900T', '--network', 'nonet', '--os', 'os9', '--check');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`error: source: no volume "nope.iso" in pool "default" on ${H}`);
    expect(bad.stderr).toContain('error: os: unknown OS "os9" (--os); known: debian11, ');
    expect(bad.stderr).toContain(`error: network: no libvirt network or IPAM-managed bridge named "nonet" on ${H}`);
    expect(bad.stderr).toMatch(/error: disk: not enough free disk in pool "default" on h1: the disk needs 900 TiB/);
    const big = await create(`${P}-bad`, '--no-media', '--disk', '900T');
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/not enough free disk in pool "default" on h1: the disk needs 900 TiB/);
    const path = await create(`${P}-bad`, '--import', '/nowhere/disk.qcow2');
    expect(path.code).toBe(1);
    expect(path.stderr).toContain(`no readable disk image at /nowhere/disk.qcow2 on ${H}`);
    const usage = await create(`${P}-bad`, '--pxe', '--no-media');
    expect(usage.code).toBe(2);
    expect({ d: domains(), v: volumes() }).toEqual(before);
  }, 120_000);

  it('--no-media defines a VM with a blank disk; the same name again is refused', async () => {
    const name = `${P}-none`;
    const r = await create(name, '--no-media', '--disk', '1G', '--os', 'debian12');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`created ${H}/${name} with default/${name}.qcow2`);
    expect(domains()).toContain(name);
    expect(h.virsh('vol-info', '--pool', 'default', `${name}.qcow2`)).toMatch(/Capacity:\s+1\.00 GiB/);
    const again = await create(name, '--no-media', '--disk', '1G');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`a VM named "${name}" exists already on ${H}`);
    remove(name);
  }, 120_000);

  it('--cdrom boots the ISO under BIOS (GRUB platform pc)', async () => {
    const name = `${P}-bios`;
    const r = await create(name, '--cdrom', `default/${ISO}`, '--firmware', 'bios', '--disk', '1G', '--start');
    expect(r.code, r.stderr).toBe(0);
    expect(await bootedOn(name)).toBe('pc');
    expect(h.virsh('dumpxml', '--inactive', name)).not.toContain("firmware='efi'");
    remove(name);
  }, 300_000);

  it('--cdrom boots the ISO under UEFI with TPM 2.0; deleting the VM removes its NVRAM and TPM state', async () => {
    const name = `${P}-uefi`;
    const r = await create(name, '--cdrom', `default/${ISO}`, '--firmware', 'uefi', '--tpm', '--disk', '1G', '--start');
    expect(r.code, r.stderr).toBe(0);
    expect(await bootedOn(name)).toBe('efi');
    const live = h.virsh('dumpxml', name);
    expect(live).toMatch(/<loader readonly='yes' type='pflash'>\/usr\/share\/OVMF\/OVMF_CODE_4M\.fd<\/loader>/);
    expect(live).toMatch(/<backend type='emulator' version='2.0'\/>/);
    const uuid = h.virsh('domuuid', name);
    const nvram = join(hostDir, 'var-lib-libvirt', 'qemu', 'nvram', `${name}_VARS.fd`);
    const tpmState = join(hostDir, 'var-lib-libvirt', 'swtpm', uuid);
    expect(existsSync(nvram)).toBe(true);
    expect(existsSync(tpmState)).toBe(true);
    expect((await runCli(home, ['vm', 'destroy', `${H}/${name}`])).code).toBe(0);
    const del = await runCli(home, ['vm', 'delete', `${H}/${name}`, '--with-storage']);
    expect(del.code, del.stderr).toBe(0);
    expect(existsSync(nvram)).toBe(false);
    expect(existsSync(tpmState)).toBe(false);
    expect(domains()).not.toContain(name);
    rmSync(h.serialLog(name), { force: true });
  }, 300_000);

  it('the Windows 11 preset: Secure Boot with enrolled keys, TPM 2.0, SATA + e1000e, localtime; runs under TCG', async () => {
    const name = `${P}-win`;
    const r = await create(name, '--cdrom', `default/${ISO}`, '--os', 'win11', '--disk', '1G', '--start');
    expect(r.code, r.stderr).toBe(0);
    const inactive = h.virsh('dumpxml', '--inactive', name);
    expect(inactive).toContain("<os firmware='efi'>");
    expect(inactive).toContain("<feature enabled='yes' name='secure-boot'/>");
    expect(inactive).toContain("<feature enabled='yes' name='enrolled-keys'/>");
    expect(inactive).toContain("<clock offset='localtime'>");
    expect(inactive).toMatch(/<target dev='sda' bus='sata'\/>/);
    expect(inactive).toContain("<model type='e1000e'/>");
    // libvirt picked the Secure Boot firmware with the Microsoft keys enrolled
    const live = h.virsh('dumpxml', name);
    expect(live).toMatch(/<loader readonly='yes' secure='yes' type='pflash'>\/usr\/share\/OVMF\/OVMF_CODE_4M\.ms\.fd<\/loader>/);
    expect(live).toContain("<backend type='emulator' version='2.0'/>");
    remove(name);
    // Under KVM the preset adds Hyper-V; libvirt validates that XML at define.
    const kvm = `${P}-wink`;
    const k = await runCli(home, ['vm', 'create', H, kvm, '--no-media', '--os', 'win11', '--virt-type', 'kvm', '--disk', '0']);
    if (k.code === 0) {
      expect(h.virsh('dumpxml', '--inactive', kvm)).toContain("<spinlocks state='on' retries='8191'/>");
      remove(kvm);
    } else {
      expect(k.stderr).toContain('does not offer KVM');
    }
  }, 300_000);

  it('--pxe: the UEFI firmware tries a network boot on the chosen network', async () => {
    const name = `${P}-pxe`;
    const r = await create(name, '--pxe', '--network', 'default', '--firmware', 'uefi', '--disk', '0', '--start');
    expect(r.code, r.stderr).toBe(0);
    expect(h.virsh('dumpxml', '--inactive', name)).toMatch(/<boot dev='network'\/>[\s\S]*<source network='default'\/>/);
    await waitFor(`${name}: OVMF's PXE attempt on the serial console`, 240_000, () => /Start PXE over IPv4/.test(serial(name)));
    remove(name);
  }, 300_000);
});
