// The target-feature prechecks on the real test bed, each refused with its code and nothing changed on either host:
// a NIC on a bridge h2 lacks (live), a CPU model h2's hypervisor cannot provide and a UEFI loader file h2 lacks
// (offline), an IPAM address on a NAT network without a new one given. A shut-off UEFI VM's NVRAM file moves with
// it (offline), same bytes, gone from h1; an IPAM address on a host bridge both hosts have (same subnet) stays.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core.js';
import { coreError } from '../../fixtures/core-error.js';
import { guestHost } from '../guest/guest-host.js';
import { testbed } from '../testbed.js';
import { coreWithHosts, defineTinyDomain, purgeDomain, tempHome, uniq, waitFor } from '../core/helpers.js';

const tb = testbed();
const POOL = 'default';

describe.skipIf(!tb.available)('migration prechecks of the target’s CPU, firmware and bridges', () => {
  const home = tempHome();
  let core: Core;
  const [h1, h2] = [guestHost(tb, 1), guestHost(tb, 2)];
  const domains: string[] = [];
  const files: string[] = [];
  const bridges: Array<{ h: typeof h1; br: string }> = [];

  /** Each host's domains (with state), volumes and the files a test looks at, to show nothing changed. */
  const snapshot = (paths: string[]) =>
    [1, 2].map((h) => ({
      doms: tb.virsh(h, 'list', '--all', '--name').split('\n').filter(Boolean).sort(),
      running: tb.virsh(h, 'list', '--name').split('\n').filter(Boolean).sort(),
      vols: tb.virsh(h, 'vol-list', POOL).split('\n').slice(2).map((l) => l.trim().split(/\s+/)[0]).filter(Boolean).sort(),
      files: paths.map((p) => (h === 1 ? h1 : h2).inHost('sha256sum', p).stdout.split(' ')[0] ?? ''),
    }));
  const inInventory = (name: string) => waitFor('the VM in the inventory', () => core.vms.list({ host: 'h1' }).some((v) => v.name === name), 10_000);
  /** A Linux bridge (up) on these hosts, removed afterwards. */
  const bridgeOn = (hosts: Array<typeof h1>): string => {
    const br = `vdkb${randomBytes(3).toString('hex')}`;
    for (const h of hosts) {
      bridges.push({ h, br });
      expect(h.inHost('ip', 'link', 'add', br, 'type', 'bridge').status).toBe(0);
      expect(h.inHost('ip', 'link', 'set', br, 'up').status).toBe(0);
    }
    return br;
  };
  const ipamOn = (host: string, network: string, kind: 'network' | 'bridge', cidr: string) =>
    core.inventory.instances.putIpam({ host, network, kind, cidr, gateway: cidr.replace(/0\/24$/, '1'), dns: [], search: [], range: null, reserved: [] });
  const hold = (name: string, uuid: string, network: string, ip: string) =>
    core.inventory.instances.reserve({ host: 'h1', network, ip, vmName: name, vmUuid: uuid, taskId: null, createdAt: new Date().toISOString() });
  const held = () => core.inventory.instances.reservations().map((r) => `${r.host}/${r.network}/${r.ip}`).sort();
  /** A file of random bytes at path on host 1 only. */
  const fileOnH1 = (path: string, bytes: number): Buffer => {
    const data = randomBytes(bytes);
    const local = join(mkdtempSync(join(tmpdir(), 'vd-pre-')), 'f');
    writeFileSync(local, data);
    h1.inHost('mkdir', '-p', path.slice(0, path.lastIndexOf('/')));
    expect(h1.inHost('cp', local, path).status).toBe(0);
    files.push(path);
    return data;
  };

  beforeAll(async () => {
    core = await coreWithHosts(tb, home, [1, 2]);
  });

  afterAll(async () => {
    await core?.close();
    for (const d of domains) for (const h of [1, 2]) purgeDomain(tb, h, d);
    for (const f of files) for (const h of [h1, h2]) h.inHost('rm', '-f', f);
    for (const { h, br } of bridges) h.inHost('ip', 'link', 'del', br);
  });

  it('refuses a running VM whose NIC is on a bridge h2 lacks, naming it; both hosts unchanged', async () => {
    const br = bridgeOn([h1]);
    const name = uniq('mbr');
    domains.push(name);
    defineTinyDomain(tb, 1, name, `<interface type='bridge'><source bridge='${br}'/><model type='virtio'/></interface>`);
    tb.virsh(1, 'start', name);
    await inInventory(name);
    const before = snapshot([]);

    await expect(core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2' })).rejects.toEqual(
      coreError('migrate.bridge-missing', { host: 'h2', vm: name, bridge: br }),
    );

    expect(snapshot([])).toEqual(before);
    expect(tb.virsh(1, 'domstate', name)).toBe('running');
  });

  it('refuses a VM whose CPU model needs a feature h2’s hypervisor lacks (avx512f under TCG); both hosts unchanged', async () => {
    const name = uniq('mcpu');
    domains.push(name);
    defineTinyDomain(tb, 1, name, '', {
      cpu: `<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model><feature policy='require' name='avx512f'/></cpu>`,
    });
    await inInventory(name);
    const before = snapshot([]);

    await expect(core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', offline: true })).rejects.toEqual(
      coreError('migrate.cpu-incompatible', { host: 'h2', vm: name, model: 'qemu64' }),
    );

    expect(snapshot([])).toEqual(before);
  });

  it('refuses a VM whose UEFI loader file only h1 has; both hosts unchanged (its NVRAM too)', async () => {
    const name = uniq('mfw');
    domains.push(name);
    const loader = `/var/lib/libvirt/images/${name}-fw/CODE.fd`;
    const nvram = `/var/lib/libvirt/qemu/nvram/${name}_VARS.fd`;
    fileOnH1(loader, 64 * 1024);
    fileOnH1(nvram, 64 * 1024);
    defineTinyDomain(tb, 1, name, '', {
      os: `<os><type arch='x86_64' machine='q35'>hvm</type><loader readonly='yes' type='pflash'>${loader}</loader><nvram>${nvram}</nvram></os><features><acpi/></features>`,
    });
    await inInventory(name);
    const before = snapshot([loader, nvram]);

    await expect(core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', offline: true })).rejects.toEqual(
      coreError('migrate.firmware-missing', { host: 'h2', vm: name, firmware: loader }),
    );

    expect(snapshot([loader, nvram])).toEqual(before);
  });

  it('moves a shut-off UEFI VM with its NVRAM file: same bytes on h2, gone from h1', async () => {
    const name = uniq('mnv');
    domains.push(name);
    const loader = '/usr/share/OVMF/OVMF_CODE_4M.fd';
    const nvram = `/var/lib/libvirt/qemu/nvram/${name}_VARS.fd`;
    const data = fileOnH1(nvram, 540 * 1024);
    const uuid = defineTinyDomain(tb, 1, name, '', {
      os: `<os><type arch='x86_64' machine='q35'>hvm</type><loader readonly='yes' type='pflash'>${loader}</loader><nvram>${nvram}</nvram></os><features><acpi/></features>`,
    });
    await inInventory(name);

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2', offline: true });

    expect(r).toMatchObject({ host: 'h2', uuid });
    expect(tb.virsh(2, 'domstate', name)).toBe('shut off');
    expect(h2.inHost('sha256sum', nvram).stdout.split(' ')[0]).toBe(createHash('sha256').update(data).digest('hex'));
    expect(h1.inHost('test', '-e', nvram).status).not.toBe(0);
    expect(tb.virsh(1, 'list', '--all', '--name').split('\n')).not.toContain(name);
  });

  it('refuses a VM whose IPAM address is on a NAT network (each host its own segment) without a new one; nothing changed', async () => {
    const name = uniq('mip');
    domains.push(name);
    const uuid = defineTinyDomain(tb, 1, name, `<interface type='network'><source network='default'/><model type='virtio'/></interface>`);
    tb.virsh(1, 'start', name);
    await inInventory(name);
    for (const h of ['h1', 'h2']) ipamOn(h, 'default', 'network', '192.168.122.0/24');
    hold(name, uuid, 'default', '192.168.122.88');
    const before = { hosts: snapshot([]), held: held() };

    await expect(core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2' })).rejects.toEqual(
      coreError('migrate.ip-needed', { host: 'h2', network: 'default', ip: '192.168.122.88' }),
    );

    expect({ hosts: snapshot([]), held: held() }).toEqual(before);
  });

  it('keeps the IPAM address of a VM on a host bridge both hosts have with the same subnet: the reservation moves to h2', async () => {
    const br = bridgeOn([h1, h2]);
    const name = uniq('mkeep');
    domains.push(name);
    const uuid = defineTinyDomain(tb, 1, name, `<interface type='bridge'><source bridge='${br}'/><model type='virtio'/></interface>`);
    tb.virsh(1, 'start', name);
    await inInventory(name);
    for (const h of ['h1', 'h2']) ipamOn(h, br, 'bridge', '10.77.50.0/24');
    hold(name, uuid, br, '10.77.50.20');

    const r = await core.call('migration.migrate', { ref: { host: 'h1', vm: name }, dest: 'h2' });

    expect(r.addresses).toEqual([{ network: br, ip: '10.77.50.20', kept: true }]);
    expect(core.inventory.instances.reservations('h1', br)).toEqual([]);
    expect(core.inventory.instances.reservations('h2', br).map((x) => [x.ip, x.vmUuid])).toEqual([['10.77.50.20', uuid]]);
    expect(tb.virsh(2, 'domstate', name)).toBe('running');
  });
});
