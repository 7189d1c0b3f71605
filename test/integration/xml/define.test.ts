// Objects built or edited with the XML model are accepted by a real libvirtd (test-bed host 1),
// and what libvirt gives back reads the same through the model.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { NetworkXml } from '../../../electron/libvirt/xml/network.js';
import { VolumeXml } from '../../../electron/libvirt/xml/volume.js';
import { testbed } from '../testbed.js';

const tb = testbed();
const H = 1;
const tag = `xmlfix-it-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'xmlfix-'));
const cleanups: Array<() => void> = [];

function file(name: string, xml: string): string {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
}

afterAll(() => {
  for (const undo of cleanups.reverse()) {
    try {
      undo();
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('XML model against libvirtd', () => {
  it('defines a DomainXml.create() domain and reads the dump back through the model', () => {
    const d = DomainXml.create({ name: tag, memoryKiB: 32768, vcpus: 1, machine: 'pc' });
    d.title = 'built by the XML model';
    d.onCrash = 'destroy';
    d.emulator = '/usr/bin/qemu-system-x86_64';
    d.addDisk({ type: 'file', device: 'cdrom', driverName: 'qemu', driverType: 'raw', targetDev: 'hdc', targetBus: 'ide', readonly: true });
    d.addInterface({ type: 'network', mac: '52:54:00:fe:00:01', sourceNetwork: 'default', model: 'virtio' });
    d.addGraphics({ type: 'vnc', autoport: true, listen: '127.0.0.1' });
    d.addSerial({ type: 'pty', targetPort: 0 });
    d.addConsole({ type: 'pty', targetType: 'serial', targetPort: 0 });
    d.addChannel({ type: 'unix', targetType: 'virtio', targetName: 'org.qemu.guest_agent.0' });
    d.virtdeck.locked = true;
    d.virtdeck.set('image', 'integration-xml');

    tb.virsh(H, 'define', file('domain.xml', d.toXml()));
    cleanups.push(() => tb.virsh(H, 'undefine', tag));

    const back = DomainXml.parse(tb.virsh(H, 'dumpxml', '--inactive', '--security-info', tag));
    expect(back.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect([back.name, back.title, back.type, back.memoryKiB, back.currentMemoryKiB, back.vcpus]).toEqual([
      tag, 'built by the XML model', 'qemu', 32768, 32768, 1,
    ]);
    expect([back.arch, back.osType, back.onCrash]).toEqual(['x86_64', 'hvm', 'destroy']);
    expect(back.machine).toMatch(/^pc-i440fx-/);
    expect(back.disks.map((x) => [x.device, x.targetDev, x.targetBus, x.readonly])).toEqual([['cdrom', 'hdc', 'ide', true]]);
    expect(back.interfaces.map((n) => [n.type, n.mac, n.sourceNetwork, n.model])).toEqual([
      ['network', '52:54:00:fe:00:01', 'default', 'virtio'],
    ]);
    expect(back.graphics.map((g) => [g.type, g.autoport, g.listen])).toEqual([['vnc', true, '127.0.0.1']]);
    expect(back.serials).toHaveLength(1);
    expect(back.consoles.map((c) => c.targetType)).toEqual(['serial']);
    expect(back.channels.map((c) => c.targetName)).toEqual(['org.qemu.guest_agent.0']);
    expect(back.virtdeck.locked).toBe(true);
    expect(back.virtdeck.get('image')).toBe('integration-xml');
  });

  it('edits the dumped XML; libvirt keeps exactly the edit', () => {
    const dumped = tb.virsh(H, 'dumpxml', '--inactive', '--security-info', tag);
    const d = DomainXml.parse(dumped);
    d.vcpus = 2;
    d.memoryKiB = 65536;
    d.currentMemoryKiB = 65536;
    d.description = 'edited <in place> & redefined';
    d.interfaces[0]!.linkState = 'down';
    d.virtdeck.set('owner', 'integration-test');
    const edited = d.toXml();
    tb.virsh(H, 'define', file('edited.xml', edited));
    const again = tb.virsh(H, 'dumpxml', '--inactive', '--security-info', tag);
    expect(canonicalXml(again)).toBe(canonicalXml(edited));
    expect(canonicalXml(again)).not.toBe(canonicalXml(dumped));
  });

  it('starts the created domain, reads live facts, and stops it', () => {
    tb.virsh(H, 'start', tag);
    let xml: string;
    try {
      xml = tb.virsh(H, 'dumpxml', tag);
    } finally {
      tb.virsh(H, 'destroy', tag);
    }
    const live = DomainXml.parse(xml);
    expect(live.id).toBeGreaterThan(0);
    expect(live.graphics[0]!.port).toBeGreaterThanOrEqual(5900);
    expect(live.consoles[0]!.tty).toMatch(/^\/dev\/pts\//);
    expect(live.channels[0]!.targetState).toBe('disconnected');
    expect(live.interfaces[0]!.targetDev).toMatch(/^vnet/);
  });

  it('creates a volume and a network built with the model', () => {
    const vol = VolumeXml.create({ name: `${tag}.qcow2`, capacityBytes: 16 * 1024 * 1024, format: 'qcow2' });
    tb.virsh(H, 'vol-create', 'default', file('vol.xml', vol.toXml()));
    cleanups.push(() => tb.virsh(H, 'vol-delete', '--pool', 'default', `${tag}.qcow2`));
    const v = VolumeXml.parse(tb.virsh(H, 'vol-dumpxml', '--pool', 'default', `${tag}.qcow2`));
    expect([v.name, v.capacityBytes, v.targetFormat, v.targetPath]).toEqual([
      `${tag}.qcow2`, 16 * 1024 * 1024, 'qcow2', `/var/lib/libvirt/images/${tag}.qcow2`,
    ]);

    const netName = `xmlfix-n${process.pid}`;
    const n = NetworkXml.create({ name: netName, bridgeName: `xfx${process.pid % 100000}`, forwardMode: 'nat' });
    const ip = n.addIp({ address: '10.213.7.1', prefix: 24 });
    ip.addDhcpRange({ start: '10.213.7.100', end: '10.213.7.200' });
    ip.addDhcpHost({ mac: '52:54:00:fe:00:01', name: 'vm1', ip: '10.213.7.10' });
    tb.virsh(H, 'net-define', file('net.xml', n.toXml()));
    cleanups.push(() => tb.virsh(H, 'net-undefine', netName));
    const back = NetworkXml.parse(tb.virsh(H, 'net-dumpxml', '--inactive', netName));
    expect([back.forwardMode, back.bridgeName, back.ips[0]!.address, back.ips[0]!.prefix]).toEqual([
      'nat', `xfx${process.pid % 100000}`, '10.213.7.1', 24,
    ]);
    expect(back.ips[0]!.dhcpHosts.map((h) => [h.mac, h.name, h.ip])).toEqual([['52:54:00:fe:00:01', 'vm1', '10.213.7.10']]);
  });
});
