// Evacuating a real host: its running VMs move to the other hosts, one step per VM; a VM on a network only that
// host has is reported with the missing network and keeps running where it was.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core.js';
import { testbed } from '../testbed.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq, waitFor } from '../core/helpers.js';

const tb = testbed();
const POOL = 'default';
const SOURCE = 3;

describe.skipIf(!tb.available)('evacuating a real host', () => {
  const home = tempHome();
  let core: Core;
  const net = uniq('enet');
  const vms = [uniq('evac'), uniq('evac'), uniq('stay')];
  const names = (host: number): string[] => tb.virsh(host, 'list', '--all', '--name').split('\n').filter(Boolean);

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vd-net-')), 'net.xml');
    writeFileSync(file, `<network><name>${net}</name><bridge name='${net.replace(/-/g, '').slice(0, 12)}'/></network>`);
    tb.virsh(SOURCE, 'net-define', file);
    tb.virsh(SOURCE, 'net-start', net);
    for (const name of vms) {
      tb.virsh(SOURCE, 'vol-create-as', POOL, `${name}.qcow2`, '16M', '--format', 'qcow2');
      const path = tb.virsh(SOURCE, 'vol-path', '--pool', POOL, `${name}.qcow2`);
      const network = name.startsWith('stay') ? net : 'default';
      defineTinyDomain(tb, SOURCE, name, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>
      <interface type='network'><source network='${network}'/><model type='virtio'/></interface>`);
      tb.virsh(SOURCE, 'start', name);
    }
    const kh = knownHostsCopy(tb, home);
    core = await createCore({ home, autoConnect: true });
    for (const h of tb.hosts) await core.call('hosts.add', { config: sshHostConfig(tb, h.index, kh) });
  });

  afterAll(async () => {
    await core?.close();
    for (const h of tb.hosts) {
      for (const name of vms) {
        purgeDomain(tb, h.index, name);
        try {
          tb.virsh(h.index, 'vol-delete', '--pool', POOL, `${name}.qcow2`);
        } catch {
          /* not there */
        }
      }
    }
    for (const cmd of ['net-destroy', 'net-undefine']) {
      try {
        tb.virsh(SOURCE, cmd, net);
      } catch {
        /* gone */
      }
    }
  });

  it('moves the VMs that can go, leaves the one whose network exists only here, and says why', async (ctx) => {
    const foreign = names(SOURCE).filter((n) => !vms.includes(n));
    if (foreign.length) ctx.skip(`h${SOURCE} has other tests' VMs (${foreign.join(', ')}); evacuating it would move them`);
    const source = tb.hosts[SOURCE - 1]!.name;
    await waitFor('the VMs in the inventory', () => core.vms.list({ host: source }).length === vms.length, 10_000);

    const r = await core.call('migration.evacuate', { host: source });

    expect(r.moved.map((m) => m.vm).sort()).toEqual(vms.slice(0, 2).sort());
    for (const m of r.moved) {
      const index = tb.hosts.find((h) => h.name === m.host)!.index;
      expect(index).not.toBe(SOURCE);
      expect(tb.virsh(index, 'domstate', m.vm)).toBe('running');
    }
    expect(r.left).toEqual([{ vm: vms[2], uuid: expect.any(String), why: expect.objectContaining({ code: 'migrate.network-missing' }) }]);
    expect(names(SOURCE)).toEqual([vms[2]]);
    expect(tb.virsh(SOURCE, 'domstate', vms[2]!)).toBe('running');
  });
});
