// `virtdeck vm clone` against the real test bed: a full clone to the other host printed as JSON; a bad name and a
// count without {n} refused in words, with nothing made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, hostAddArgs, knownHostsCopy, purgeDomain, runCli, tempHome, uniq } from './helpers.js';

const tb = testbed();
const POOL = 'default';

describe.skipIf(!tb.available)('virtdeck vm clone', () => {
  const home = tempHome();
  const name = uniq('cli-cln');
  const clone = `${name}-c`;

  beforeAll(async () => {
    const kh = knownHostsCopy(tb, home);
    tb.virsh(1, 'vol-create-as', POOL, `${name}.qcow2`, '64M', '--format', 'qcow2');
    defineTinyDomain(tb, 1, name, `
    <disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='${POOL}' volume='${name}.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='network'><source network='default'/><model type='virtio'/></interface>`);
    for (const i of [1, 2]) expect((await runCli(home, hostAddArgs(tb, i, kh))).code).toBe(0);
  });

  afterAll(() => {
    purgeDomain(tb, 1, name);
    purgeDomain(tb, 2, clone);
    for (const [h, v] of [[1, `${name}.qcow2`], [2, `${clone}.qcow2`]] as const) {
      try {
        tb.virsh(h, 'vol-delete', '--pool', POOL, v);
      } catch {
        /* not there */
      }
    }
  });

  it('clones to another host and prints the clone as JSON', async () => {
    const r = await runCli(home, ['vm', 'clone', `h1/${name}`, clone, '--to', 'h2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { clones: Array<{ host: string; name: string; uuid: string; macs: string[] }> };
    expect(out.clones).toMatchObject([{ host: 'h2', name: clone }]);
    expect(tb.virsh(2, 'domuuid', clone)).toBe(out.clones[0]!.uuid);
    expect(DomainXml.parse(tb.virsh(2, 'dumpxml', clone)).interfaces.map((n) => n.mac)).toEqual(out.clones[0]!.macs);
  });

  it('refuses a bad name and a count without {n} in words, making nothing', async () => {
    const before = [tb.virsh(1, 'list', '--all', '--name'), tb.virsh(1, 'vol-list', POOL)];
    const bad = await runCli(home, ['vm', 'clone', `h1/${name}`, 'we"b 名字']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"we"b 名字" cannot name a clone');
    const count = await runCli(home, ['vm', 'clone', `h1/${name}`, 'web', '--count', '2']);
    expect(count.code).not.toBe(0);
    expect(count.stderr).toContain('several clones need {n} in the name where the number goes, e.g. web-{n}');
    expect([tb.virsh(1, 'list', '--all', '--name'), tb.virsh(1, 'vol-list', POOL)]).toEqual(before);
  });
});
