// `vm create --firmware uefi-secure` on test-bed host 1, proven by a guest: an ISO of Debian's signed shim, signed
// GRUB and the test guest's signed kernel (secure-boot-iso.ts) boots under the enrolled-keys OVMF, and the guest
// reports Secure Boot on (its kernel, and its init from the SecureBoot EFI variable); the same ISO under plain UEFI
// reports it off, so the report is not a constant. The unsigned GRUB of grub-mkrescue (marker-iso.ts) is refused by
// the same firmware. A guest kernel boot under TCG: a file of the guest lane (guestImageUnavailable()).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestImage, guestImageUnavailable } from '../../guest/guest-image.js';
import { hostAddArgs, knownHostsCopy, runCli, tempHome, waitFor } from '../core/helpers.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';
import { MARKER, makeMarkerIso, markerIsoUnavailable } from './marker-iso.js';
import { makeSecureBootIso, secureBootReport, signedBootUnavailable } from './secure-boot-iso.js';

const tb = testbed();
const HOST = 1;
const H = `h${HOST}`;
const P = `nvsb${randomBytes(2).toString('hex')}`;
const SIGNED = `${P}-signed.iso`;
const UNSIGNED = `${P}-unsigned.iso`;
const unavailable = tb.available ? (guestImageUnavailable() ?? markerIsoUnavailable() ?? signedBootUnavailable()) : undefined;

describe.skipIf(!tb.available || !!unavailable)(`New VM under Secure Boot on ${H} ${unavailable ?? ''}`, () => {
  const home = tempHome('vd-newvm-sb-');
  const h = guestHost(tb, HOST);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const create = (name: string, iso: string, firmware: string) =>
    runCli(home, ['vm', 'create', H, name, '--cdrom', `default/${iso}`, '--firmware', firmware, '--disk', '0', '--virt-type', 'qemu', '--start']);
  const serial = (name: string) => (existsSync(h.serialLog(name)) ? readFileSync(h.serialLog(name), 'utf8') : '');
  const seen = <T>(name: string, what: string, fn: (log: string) => T | undefined | false) =>
    waitFor(`${name}: ${what} on the serial console`, () => fn(serial(name)), 240_000, 1000);
  const report = (name: string) => seen(name, "the guest's Secure Boot report", secureBootReport);
  const remove = (name: string) => {
    h.quiet('destroy', name);
    h.quiet('undefine', name, '--nvram');
    rmSync(h.serialLog(name), { force: true });
  };

  beforeAll(async () => {
    makeSecureBootIso(guestImage().rootfs, join(home, 'sb'), join(home, 'signed.iso'));
    makeMarkerIso(join(home, 'marker'), join(home, 'unsigned.iso'));
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
    for (const [vol, file] of [[SIGNED, 'signed.iso'], [UNSIGNED, 'unsigned.iso']] as const) {
      const up = await runCli(home, ['vol', 'upload', `${H}/default/${vol}`, join(home, file)]);
      expect(up.code, up.stderr).toBe(0);
    }
  }, 600_000);

  afterAll(() => {
    for (const d of domains()) remove(d);
    for (const v of volumes()) h.quiet('vol-delete', '--pool', 'default', v);
    rmSync(home, { recursive: true, force: true });
  });

  it('uefi-secure: shim, signed GRUB and the signed kernel boot; the guest reports Secure Boot on', async () => {
    const name = `${P}-on`;
    const r = await create(name, SIGNED, 'uefi-secure');
    expect(r.code, r.stderr).toBe(0);
    const inactive = h.virsh('dumpxml', '--inactive', name);
    expect(inactive).toContain("<os firmware='efi'>");
    expect(inactive).toContain("<feature enabled='yes' name='secure-boot'/>");
    expect(inactive).toContain("<feature enabled='yes' name='enrolled-keys'/>");
    expect(h.virsh('dumpxml', name)).toMatch(/<loader readonly='yes' secure='yes' type='pflash'>\/usr\/share\/OVMF\/OVMF_CODE_4M\.ms\.fd<\/loader>/);
    // the guest's init: the SecureBoot EFI variable is 1, and the kernel locked itself down because of it
    expect(await report(name)).toEqual({ secureBoot: 1, lockdown: 'none [integrity] confidentiality' });
    const log = serial(name);
    expect(log).toContain('EFI stub: UEFI Secure Boot is enabled.');
    expect(log).toContain('secureboot: Secure boot enabled');
    expect(log).toContain('Kernel is locked down from EFI Secure Boot');
    remove(name);
  }, 300_000);

  it('plain uefi: the same ISO boots and the guest reports Secure Boot off', async () => {
    const name = `${P}-off`;
    const r = await create(name, SIGNED, 'uefi');
    expect(r.code, r.stderr).toBe(0);
    expect(h.virsh('dumpxml', name)).toMatch(/<loader readonly='yes' type='pflash'>\/usr\/share\/OVMF\/OVMF_CODE_4M\.fd<\/loader>/);
    expect(await report(name)).toEqual({ secureBoot: 0, lockdown: '[none] integrity confidentiality' });
    expect(serial(name)).toContain('secureboot: Secure boot disabled');
    remove(name);
  }, 300_000);

  it('uefi-secure refuses the unsigned GRUB of grub-mkrescue: OVMF denies the CD, GRUB never runs', async () => {
    const name = `${P}-unsigned`;
    const r = await create(name, UNSIGNED, 'uefi-secure');
    expect(r.code, r.stderr).toBe(0);
    // OVMF tries the CD (the boot order: CD, disk; there is no disk), then its built-in shell, which Secure Boot
    // refuses too ("Security Violation"), and gives up: GRUB never ran.
    await seen(name, "OVMF's refusal", (log) => /failed to load Boot\d+ "UEFI QEMU DVD-ROM[^"]*" .*: Access Denied/.test(log));
    await seen(name, 'OVMF giving up', (log) => log.includes('BdsDxe: No bootable option or device was found.'));
    expect(serial(name)).not.toContain(MARKER);
    remove(name);
  }, 300_000);
});
