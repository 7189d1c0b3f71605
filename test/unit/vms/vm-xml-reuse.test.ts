// A sync parses only the domain XML that changed since the last read: the same XML gives the same disks and NICs
// (kept with its digest in the inventory); changed XML, or a running VM whose guest agent may have come or gone, is
// parsed again. What the listing shows is the same either way.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VmService } from '../../../electron/core/vms/vm-service.js';
import type { Inventory } from '../../../electron/inventory/inventory.js';
import { InterfaceAddressSource } from '../../../electron/libvirt/protocol/index.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { useTempInventories } from '../inventory/helpers.js';
import { FakeVmHost } from './fake-vm-host.js';

const U = '6f1c0d52-9a3e-4c1b-8d7e-2f5a9b0c1d2e';
const MAC = '52:54:00:aa:bb:01';
const DISK = `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/lib/libvirt/images/web.qcow2'/><target dev='vda' bus='virtio'/></disk>`;
const NIC = `<interface type='network'><mac address='${MAC}'/><source network='default'/><model type='virtio'/></interface>`;
const AGENT = (state: string) =>
  `<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='${state}'/></channel>`;
const inventories = useTempInventories();

let inv: Inventory;
let host: FakeVmHost;
let vms: VmService;

beforeEach(() => {
  inv = inventories.open();
  inv.addHost({ name: 'h1', transport: 'local', uri: 'qemu:///system' });
  host = new FakeVmHost();
  vms = new VmService(inv, host.registry(inv), () => undefined);
});

afterEach(() => vi.restoreAllMocks());

/** A full sync of h1; how many domain XMLs it parsed. */
async function sync(): Promise<number> {
  const parse = vi.spyOn(DomainXml, 'parse');
  await vms.syncHost('h1', host.lv);
  const n = parse.mock.calls.length;
  parse.mockRestore();
  return n;
}

describe('domain XML on a sync', () => {
  it('is not parsed again while it is the same, and the VM reads the same', async () => {
    host.define(U, 'web', 'shutoff');
    host.devices.set(U, `<devices>${DISK}${NIC}</devices>`);
    expect(await sync()).toBe(1);
    const first = inv.getVm('h1', U);
    expect(first?.disks).toEqual([{ target: 'vda', device: 'disk', source: '/var/lib/libvirt/images/web.qcow2', format: 'qcow2', bus: 'virtio' }]);
    expect(first?.nics).toEqual([{ mac: MAC, type: 'network', source: 'default', model: 'virtio', ips: [] }]);
    expect(await sync()).toBe(0);
    expect(inv.getVm('h1', U)).toEqual({ ...first, lastSeen: inv.getVm('h1', U)?.lastSeen });
  });

  it('is parsed again when it changed', async () => {
    host.define(U, 'web', 'shutoff');
    host.devices.set(U, `<devices>${DISK}</devices>`);
    await sync();
    expect(inv.getVm('h1', U)?.nics).toEqual([]);
    host.devices.set(U, `<devices>${DISK}${NIC}</devices>`);
    expect(await sync()).toBe(1);
    expect(inv.getVm('h1', U)?.nics.map((n) => n.mac)).toEqual([MAC]);
  });

  it('of a running VM gives fresh addresses on the NICs kept from before', async () => {
    host.define(U, 'web', 'running');
    host.devices.set(U, `<devices>${NIC}</devices>`);
    host.leases.set(MAC, '192.168.122.10');
    await sync();
    host.leases.set(MAC, '192.168.122.11');
    expect(await sync()).toBe(0);
    const vm = inv.getVm('h1', U);
    expect(vm?.ips).toEqual(['192.168.122.11/24']);
    expect(vm?.nics[0]?.ips).toEqual(['192.168.122.11/24']);
  });

  it('of a running VM with a guest agent channel is parsed again (the agent may have connected)', async () => {
    host.define(U, 'web', 'running');
    host.devices.set(U, `<devices>${NIC}${AGENT('disconnected')}</devices>`);
    await sync();
    expect(host.calls).not.toContain(`domainInterfaceAddresses:${InterfaceAddressSource.AGENT}`);
    expect(await sync()).toBe(1);
    host.devices.set(U, `<devices>${NIC}${AGENT('connected')}</devices>`);
    expect(await sync()).toBe(1);
    expect(host.calls).toContain(`domainInterfaceAddresses:${InterfaceAddressSource.AGENT}`);
  });

  it('read without a digest (a row written before) is parsed, then kept', async () => {
    host.define(U, 'web', 'shutoff');
    host.devices.set(U, `<devices>${DISK}</devices>`);
    await sync();
    expect(inv.xmlDigests('h1').size).toBe(1);
    inv.upsertVm('h1', { ...inv.getVm('h1', U)! }, new Date()); // a snapshot without a digest
    expect(inv.xmlDigests('h1').size).toBe(0);
    expect(await sync()).toBe(1);
    expect(await sync()).toBe(0);
  });
});
