// (m) Live migration with storage copy of a tiny running domain (32 MiB RAM, 64 MiB qcow2 disk) between two
// test-bed hosts: VirtDeck (its own two SSH connections driving libvirt's v3 sequence) vs `virsh migrate --live
// --persistent --undefinesource --copy-storage-all` over qemu+ssh, the same client-driven sequence — goal ≤ 1.2×.
// The VM goes h1 → h2 with VirtDeck and back h2 → h1 with virsh, alternately; each side's median.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core.js';
import { defineTinyDomain, knownHostsCopy, purgeDomain, sshHostConfig, tempHome, uniq, waitFor } from '../integration/core/helpers.js';
import { testbed } from '../integration/testbed.js';
import { median, record, timeIt } from './report.js';

const tb = testbed();
const RUNS = 5;
const POOL = 'default';

describe.skipIf(!tb.available)('live migration', () => {
  const home = tempHome('vd-bench-mig-');
  const name = uniq('bench-mig');
  const vol = `${name}.qcow2`;
  let core: Core;
  const sshUri = (i: number) => {
    const h = tb.hosts[i - 1]!;
    return `qemu+ssh://root@${h.sshHost}:${h.sshPort}/system?command=${tb.dir}/bin/tbssh`;
  };
  const dropVolume = (i: number) => {
    try {
      tb.virsh(i, 'vol-delete', '--pool', POOL, vol);
    } catch {
      /* not there */
    }
  };

  beforeAll(async () => {
    tb.virsh(1, 'vol-create-as', POOL, vol, '64M', '--format', 'qcow2');
    const path = tb.virsh(1, 'vol-path', '--pool', POOL, vol);
    defineTinyDomain(tb, 1, name, `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${path}'/><target dev='vda' bus='virtio'/></disk>`);
    tb.virsh(1, 'start', name);
    const kh = knownHostsCopy(tb, home);
    core = await createCore({ home, autoConnect: true });
    for (const i of [1, 2]) await core.call('hosts.add', { config: sshHostConfig(tb, i, kh) });
  });

  afterAll(async () => {
    await core?.close();
    for (const i of [1, 2]) {
      purgeDomain(tb, i, name);
      dropVolume(i);
    }
  });

  it('(m) virtdeck vm migrate vs virsh migrate --live --copy-storage-all', async () => {
    const ours: number[] = [];
    const virsh: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await waitFor('the VM on h1 in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.name === name && v.state === 'running'), 10_000);
      const a = await timeIt(() => core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', deleteSource: true }));
      const b = await timeIt(async () =>
        execFileSync('virsh', ['-c', sshUri(2), 'migrate', '--live', '--persistent', '--undefinesource', '--copy-storage-all', name, sshUri(1)], { stdio: 'pipe' }));
      dropVolume(2); // virsh leaves the source's copy
      expect(tb.virsh(1, 'domstate', name)).toBe('running');
      if (run === 0) continue; // warm-up
      ours.push(a / 1000);
      virsh.push(b / 1000);
    }
    record({
      bench: '(m) live migration', ours: 'virtdeck vm migrate', oursValue: median(ours), baseline: 'virsh migrate --copy-storage-all', baselineValue: median(virsh),
      unit: 's', better: 'lower', goal: '≤ 1.2×', note: 'tiny domain, 64 MiB qcow2; virsh opens its two SSH connections per run, VirtDeck keeps its own',
    });
  });
});
