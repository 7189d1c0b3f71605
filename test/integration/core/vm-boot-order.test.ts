// Boot order seen from the firmware on a real host (TCG): a disk and a CD-ROM that each print their own marker on
// the serial port when the BIOS boots them. VirtDeck inserts the ISO from a pool volume (vms.setCdrom) and sets the
// order (vms.setBoot); the serial log shows which one the BIOS started: hd first → the disk's marker, cdrom first →
// the ISO's. Both media are built here: a 512-byte boot sector (MBR signature for the disk, El Torito no-emulation
// image for the ISO, made with xorriso).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { waitFor } from '../guest/guest-agent.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';
import { knownHostsCopy, sshHostConfig, tempHome, uniq } from './helpers.js';

const HOST = 3;
const H = 'bo3';
const DISK_MARK = 'VIRTDECK-BOOTED-FROM-DISK';
const CD_MARK = 'VIRTDECK-BOOTED-FROM-CDROM';

/** Real-mode code that writes `text` to COM1 (port 0x3F8) and halts; position-independent (immediates only). */
function bootSector(text: string, mbrSignature: boolean): Buffer {
  const code = [0xba, 0xf8, 0x03]; // mov dx, 0x3f8
  for (const ch of Buffer.from(`${text}\r\n`, 'ascii')) code.push(0xb0, ch, 0xee); // mov al, ch; out dx, al
  code.push(0xfa, 0xf4, 0xeb, 0xfd); // cli; hlt; jmp back to hlt
  const sector = Buffer.alloc(512);
  Buffer.from(code).copy(sector);
  if (mbrSignature) sector.writeUInt16LE(0xaa55, 510);
  return sector;
}

const tb = testbed();
const noXorriso = spawnSync('xorriso', ['-version']).status === 0 ? null : 'xorriso is not installed';

describe.skipIf(!tb.available || !!noXorriso)('boot order on a real host: the BIOS boots what VirtDeck put first', () => {
  const home = tempHome('vd-boot-');
  const tag = uniq('bo').slice(3);
  const NAME = `boot-order-${tag}`;
  const POOL = `bopool-${tag}`;
  const DIR = `/var/lib/libvirt/images/${POOL}`;
  const h = guestHost(tb, HOST);
  const ref = { host: H, vm: NAME };
  const work = mkdtempSync(join(tmpdir(), 'vd-boot-media-'));
  let core: Core;

  const upload = (volume: string, file: string, bytes: number) => {
    h.virsh('vol-create-as', POOL, volume, String(bytes), '--format', 'raw');
    h.virsh('vol-upload', '--pool', POOL, volume, file);
  };
  const serial = () => (existsSync(h.serialLog(NAME)) ? readFileSync(h.serialLog(NAME), 'latin1') : '');
  /** Starts the domain, waits for either marker in its serial log, stops it; returns the log. */
  const bootAndRead = async (): Promise<string> => {
    rmSync(h.serialLog(NAME), { force: true });
    await core.call('vms.action', { ref, action: 'start' });
    try {
      await waitFor('a boot marker on the serial console', 300_000, () => serial().includes(DISK_MARK) || serial().includes(CD_MARK));
      return serial();
    } finally {
      await core.call('vms.action', { ref, action: 'destroy' });
    }
  };

  beforeAll(async () => {
    const disk = join(work, 'disk.img');
    writeFileSync(disk, Buffer.concat([bootSector(DISK_MARK, true), Buffer.alloc(1024 * 1024 - 512)]));
    const isoDir = join(work, 'iso');
    mkdirSync(isoDir);
    // no-emulation El Torito: the BIOS loads 4 × 512 bytes of boot.bin and jumps to it
    writeFileSync(join(isoDir, 'boot.bin'), Buffer.concat([bootSector(CD_MARK, false), Buffer.alloc(1536)]));
    const iso = join(work, 'boot.iso');
    const mk = spawnSync('xorriso', ['-as', 'mkisofs', '-quiet', '-V', 'VDBOOT', '-b', 'boot.bin', '-no-emul-boot', '-boot-load-size', '4', '-o', iso, isoDir], { encoding: 'utf8' });
    if (mk.status !== 0) throw new Error(`xorriso failed: ${mk.stderr}`);

    h.virsh('pool-define-as', POOL, 'dir', '--target', DIR);
    h.virsh('pool-build', POOL);
    h.virsh('pool-start', POOL);
    upload('disk.img', disk, 1024 * 1024);
    upload('boot.iso', iso, readFileSync(iso).length);
    const xml = join(work, 'dom.xml');
    writeFileSync(xml, `<domain type='qemu'>
  <name>${NAME}</name>
  <memory unit='MiB'>32</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${DIR}/disk.img'/><target dev='hda' bus='ide'/></disk>
    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>
    <serial type='pty'><log file='/var/log/libvirt/qemu/${NAME}.serial.log' append='off'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
  </devices>
</domain>`);
    h.virsh('define', xml);
    core = await createCore({ home, autoConnect: false });
    await core.call('hosts.add', { config: sshHostConfig(tb, HOST, knownHostsCopy(tb, home), H) });
  }, 300_000);

  afterAll(async () => {
    await core?.close();
    h.quiet('destroy', NAME);
    h.quiet('undefine', NAME);
    rmSync(h.serialLog(NAME), { force: true });
    h.quiet('pool-destroy', POOL);
    h.quiet('pool-delete', POOL);
    h.quiet('pool-undefine', POOL);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('with the ISO inserted and hd first, the BIOS boots the disk', async () => {
    await core.call('vms.setCdrom', { ref, target: 'hdc', volume: { pool: POOL, volume: 'boot.iso' } });
    await core.call('vms.setBoot', { ref, order: ['hd', 'cdrom'] });
    const log = await bootAndRead();
    expect(log).toContain(DISK_MARK);
    expect(log).not.toContain(CD_MARK);
  }, 400_000);

  it('CD-ROM first: the BIOS boots the ISO', async () => {
    await core.call('vms.setBoot', { ref, order: ['cdrom', 'hd'] });
    expect(h.virsh('dumpxml', '--inactive', NAME)).toMatch(/<boot dev='cdrom'\/>\s*<boot dev='hd'\/>/);
    const log = await bootAndRead();
    expect(log).toContain(CD_MARK);
    expect(log).not.toContain(DISK_MARK);
  }, 400_000);
});
