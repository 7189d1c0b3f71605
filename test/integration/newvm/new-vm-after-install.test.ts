// "After install, eject and boot from disk" for real on test-bed host 3: a tiny VM made by `vm create --cdrom` (a data
// ISO, BIOS, TCG; nothing needs to boot from it) runs with its CD-ROM first; `vm cdrom eject --boot-disk` empties the
// drive of the running VM and of its definition and puts the disk first (dumpxml live + --inactive). A VM without a
// disk is refused with nothing changed; --live is a usage error. (A per-device order: test/unit/vms/hardware-boot.)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAddArgs, knownHostsCopy, runCli, tempHome } from '../core/helpers.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const HOST = 3;
const H = `h${HOST}`;
const P = `nva${randomBytes(2).toString('hex')}`;
const ISO = `${P}.iso`;
const noMkisofs = spawnSync('genisoimage', ['-version']).status === 0 ? undefined : 'genisoimage not installed (test/testbed/install-deps.sh)';

/** The <disk device='cdrom'> element of a domain XML. */
const cdromOf = (xml: string): string => /<disk[^>]*device='cdrom'[\s\S]*?<\/disk>/.exec(xml)?.[0] ?? '';
const bootDevs = (xml: string): string[] => [...xml.matchAll(/<boot dev='(\w+)'\/>/g)].map((m) => m[1]!);

describe.skipIf(!tb.available || !!noMkisofs)(`eject and boot from disk on ${H} ${noMkisofs ?? ''}`, () => {
  const home = tempHome('vd-newvm-after-');
  const h = guestHost(tb, HOST);
  const domains = () => h.virsh('list', '--all', '--name').split('\n').map((l) => l.trim()).filter((d) => d.startsWith(P));
  const volumes = () => h.virsh('vol-list', 'default').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((v) => v.startsWith(P));
  const create = (name: string, ...extra: string[]) =>
    runCli(home, ['vm', 'create', H, name, '--cdrom', `default/${ISO}`, '--os', 'debian12', '--firmware', 'bios', '--virt-type', 'qemu', '--memory', '64M', '--network', 'default', ...extra]);

  beforeAll(async () => {
    const dir = join(home, 'iso');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'README'), 'install media\n');
    const mk = spawnSync('genisoimage', ['-quiet', '-V', 'INSTALL', '-o', join(home, 'media.iso'), dir], { encoding: 'utf8' });
    expect(mk.status, mk.stderr).toBe(0);
    const added = await runCli(home, hostAddArgs(tb, HOST, knownHostsCopy(tb, home), H));
    expect(added.code, added.stderr).toBe(0);
    const up = await runCli(home, ['vol', 'upload', `${H}/default/${ISO}`, join(home, 'media.iso')]);
    expect(up.code, up.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    for (const d of domains()) {
      h.quiet('destroy', d);
      h.quiet('undefine', d);
    }
    for (const v of volumes()) h.quiet('vol-delete', '--pool', 'default', v);
    rmSync(home, { recursive: true, force: true });
  });

  it('a running VM: the media goes now and in its definition, the disk boots first', async () => {
    const name = `${P}-run`;
    const r = await create(name, '--disk', '16M', '--start');
    expect(r.code, r.stderr).toBe(0);
    expect(cdromOf(h.virsh('dumpxml', name))).toContain(`${ISO}`);
    expect(bootDevs(h.virsh('dumpxml', '--inactive', name))).toEqual(['cdrom', 'hd']);

    const usage = await runCli(home, ['vm', 'cdrom', 'eject', `${H}/${name}`, '--boot-disk', '--live']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('drop --live/--config');

    const e = await runCli(home, ['vm', 'cdrom', 'eject', `${H}/${name}`, '--boot-disk']);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stderr).toContain(`${H}/${name}: ejected; boots from its disk`);
    const live = h.virsh('dumpxml', name);
    const inactive = h.virsh('dumpxml', '--inactive', name);
    for (const xml of [live, inactive]) {
      expect(cdromOf(xml)).not.toBe('');
      // an empty drive: no file, volume or device (the live XML keeps a bare <source index='N'/>)
      expect(cdromOf(xml)).not.toMatch(/<source [^>]*(file|volume|dev)=/);
      expect(cdromOf(xml)).not.toContain(ISO);
    }
    expect(bootDevs(inactive)).toEqual(['hd', 'cdrom']);
    expect(h.virsh('domstate', name)).toBe('running');
    h.quiet('destroy', name);
  }, 180_000);

  it('a VM without a disk is refused; nothing changes', async () => {
    const name = `${P}-nodisk`;
    expect((await create(name, '--disk', '0')).code).toBe(0);
    const before = h.virsh('dumpxml', '--inactive', name);
    const e = await runCli(home, ['vm', 'cdrom', 'eject', `${H}/${name}`, '--boot-disk']);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain(`VM "${name}" on ${H} has no disk to boot from`);
    expect(h.virsh('dumpxml', '--inactive', name)).toBe(before);
  }, 120_000);
});
