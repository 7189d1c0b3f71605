import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../../electron/libvirt/xml/canonical.js';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import {
  ChannelXml, ChardevXml, ControllerXml, DiskXml, GraphicsXml, InterfaceXml, TpmXml, VideoXml,
} from '../../../electron/libvirt/xml/domain-devices.js';
import { XmlListItem, XmlNodeModel } from '../../../electron/libvirt/xml/node-model.js';
import { accessorsOf, fixture, propSuite, type Opened, type PropCase } from './prop-harness.js';

const Q35 = 'domain/tb-xmlfix-q35-file.inactive.xml';
const domain = (xml: string): Opened => {
  const d = DomainXml.parse(xml);
  return { obj: d, toXml: () => d.toXml() };
};
const device =
  <T>(pick: (d: DomainXml) => T) =>
  (xml: string): Opened => {
    const d = DomainXml.parse(xml);
    return { obj: pick(d) as object, toXml: () => d.toXml() };
  };

const covered = new Set<string>();
function suite(title: string, file: string, open: (xml: string) => Opened, cases: PropCase[]): void {
  for (const c of cases) covered.add(`${title.split(' ')[0]}.${c.prop}`);
  propSuite(title, file, open, cases);
}

suite('DomainXml (q35)', Q35, domain, [
  { prop: 'type', read: 'qemu', write: 'kvm', snippet: '<domain type="kvm">' },
  { prop: 'id', read: null },
  { prop: 'name', read: 'xmlfix-q35-file', write: 'renamed', snippet: '<name>renamed</name>' },
  { prop: 'uuid', read: 'd1cc9897-49ff-4497-89da-d2ea9d1510d2', write: '00000000-0000-4000-8000-000000000001' },
  { prop: 'title', read: 'Q35 with a file disk', write: 'New title', snippet: '<title>New title</title>' },
  { prop: 'description', read: null, write: 'a <b> & c', snippet: '<description>a &lt;b&gt; &amp; c</description>' },
  { prop: 'memoryKiB', read: 524288, write: 1048576, snippet: '<memory unit="KiB">1048576</memory>' },
  { prop: 'currentMemoryKiB', read: 524288, write: 262144, snippet: '<currentMemory unit="KiB">262144</currentMemory>' },
  { prop: 'vcpus', read: 2, write: 4, snippet: '>4</vcpu>' },
  { prop: 'currentVcpus', read: null, write: 1, snippet: 'current="1"' },
  { prop: 'vcpuPlacement', read: 'static', write: 'auto', snippet: 'placement="auto"' },
  { prop: 'osType', read: 'hvm', write: 'linux', snippet: 'machine="pc-q35-7.2">linux</type>', empty: '' },
  { prop: 'arch', read: 'x86_64', write: 'aarch64', snippet: 'arch="aarch64"' },
  { prop: 'machine', read: 'pc-q35-7.2', write: 'q35', snippet: 'machine="q35"' },
  { prop: 'firmware', read: null, write: 'efi', snippet: '<os firmware="efi">' },
  { prop: 'bootDevices', read: ['hd', 'cdrom'], write: ['network'], snippet: '<boot dev="network"/>' },
  { prop: 'bootMenu', read: null, write: true, snippet: '<bootmenu enable="yes"/>' },
  { prop: 'features', read: ['acpi', 'apic'] },
  { prop: 'cpuMode', read: 'custom', write: 'host-model', snippet: 'mode="host-model"' },
  { prop: 'cpuModel', read: 'qemu64', write: 'Skylake-Client', snippet: '<model fallback="forbid">Skylake-Client</model>', empty: '' },
  { prop: 'cpuXml', read: '<cpu mode="custom" match="exact" check="none">\n    <model fallback="forbid">qemu64</model>\n  </cpu>' },
  { prop: 'cpuSockets', read: null, write: 1, snippet: '<topology sockets="1"/>' },
  { prop: 'cpuCores', read: null, write: 2, snippet: '<topology cores="2"/>' },
  { prop: 'cpuThreads', read: null, write: 2, snippet: '<topology threads="2"/>' },
  { prop: 'clockOffset', read: 'utc', write: 'localtime', snippet: '<clock offset="localtime"/>' },
  { prop: 'onPoweroff', read: 'destroy', write: 'restart', snippet: '<on_poweroff>restart</on_poweroff>' },
  { prop: 'onReboot', read: 'restart', write: 'destroy', snippet: '<on_reboot>destroy</on_reboot>' },
  { prop: 'onCrash', read: 'destroy', write: 'coredump-restart', snippet: '<on_crash>coredump-restart</on_crash>' },
  { prop: 'emulator', read: '/usr/bin/qemu-system-x86_64', write: '/usr/libexec/qemu-kvm', snippet: '<emulator>/usr/libexec/qemu-kvm</emulator>' },
  { prop: 'tpmBackend', read: null },
  { prop: 'disks', read: expect.any(Array) },
  { prop: 'interfaces', read: expect.any(Array) },
  { prop: 'graphics', read: expect.any(Array) },
  { prop: 'videos', read: expect.any(Array) },
  { prop: 'serials', read: expect.any(Array) },
  { prop: 'consoles', read: expect.any(Array) },
  { prop: 'channels', read: expect.any(Array) },
  { prop: 'controllers', read: expect.any(Array) },
  { prop: 'virtdeck', read: expect.anything() },
]);

suite('DomainXml (uefi loader)', 'domain/tb-xmlfix-uefi-loader.inactive.xml', domain, [
  { prop: 'loader', read: '/usr/share/OVMF/OVMF_CODE_4M.fd', write: '/usr/share/OVMF/OVMF_CODE.fd', snippet: 'type="pflash">/usr/share/OVMF/OVMF_CODE.fd</loader>', empty: '' },
  { prop: 'loaderReadonly', read: true, write: false, snippet: 'readonly="no"' },
  { prop: 'loaderType', read: 'pflash', write: 'rom', snippet: 'type="rom"' },
  { prop: 'loaderSecure', read: null, write: true, snippet: 'secure="yes"' },
  { prop: 'nvram', read: '/var/lib/libvirt/qemu/nvram/xmlfix-uefi-loader_VARS.fd', write: '/srv/nv.fd', snippet: '>/srv/nv.fd</nvram>', empty: '' },
  { prop: 'nvramTemplate', read: '/usr/share/OVMF/OVMF_VARS_4M.fd', write: '/usr/share/OVMF/OVMF_VARS.fd', snippet: 'template="/usr/share/OVMF/OVMF_VARS.fd"' },
]);

suite('DomainXml (kernel boot)', 'domain/tb-xmlfix-kernel.inactive.xml', domain, [
  { prop: 'kernel', read: '/var/lib/libvirt/boot/vmlinuz', write: '/boot/vmlinuz-6.1', snippet: '<kernel>/boot/vmlinuz-6.1</kernel>' },
  { prop: 'initrd', read: '/var/lib/libvirt/boot/initrd.img', write: '/boot/initrd-6.1', snippet: '<initrd>/boot/initrd-6.1</initrd>' },
  { prop: 'cmdline', read: 'console=ttyS0 root=/dev/vda1 quiet', write: 'console=ttyS0', snippet: '<cmdline>console=ttyS0</cmdline>' },
  { prop: 'onCrash', read: 'preserve', write: 'destroy' },
]);

suite('DomainXml (running, live)', 'domain/tb-xmlfix-running.live.xml', domain, [{ prop: 'id', read: 17 }]);

suite('DiskXml (file disk)', Q35, device((d) => d.disks[0]), [
  { prop: 'type', read: 'file', write: 'block', snippet: '<disk type="block" device="disk">' },
  { prop: 'device', read: 'disk', write: 'lun', snippet: 'device="lun"' },
  { prop: 'driverName', read: 'qemu', write: 'other', snippet: '<driver name="other"' },
  { prop: 'driverType', read: 'qcow2', write: 'raw', snippet: 'type="raw"' },
  { prop: 'driverCache', read: 'none', write: 'writeback', snippet: 'cache="writeback"' },
  { prop: 'sourceFile', read: '/var/lib/libvirt/images/xmlfix-q35.qcow2', write: '/srv/a.img', snippet: '<source file="/srv/a.img"/>' },
  { prop: 'sourceDev', read: null, write: '/dev/sdb', snippet: 'dev="/dev/sdb"' },
  { prop: 'sourceDir', read: null, write: '/srv/dir', snippet: 'dir="/srv/dir"' },
  { prop: 'sourcePool', read: null, write: 'default', snippet: 'pool="default"' },
  { prop: 'sourceVolume', read: null, write: 'v.qcow2', snippet: 'volume="v.qcow2"' },
  { prop: 'sourceProtocol', read: null, write: 'nbd', snippet: 'protocol="nbd"' },
  { prop: 'sourceName', read: null, write: 'export1', snippet: 'name="export1"' },
  { prop: 'sourceHostName', read: null, write: 'nbd.example', snippet: '<host name="nbd.example"/>' },
  { prop: 'sourceHostPort', read: null, write: 10809, snippet: '<host port="10809"/>' },
  { prop: 'targetDev', read: 'vda', write: 'vdb', snippet: '<target dev="vdb" bus="virtio"/>' },
  { prop: 'targetBus', read: 'virtio', write: 'scsi', snippet: 'bus="scsi"' },
  { prop: 'readonly', read: false, write: true, snippet: '<readonly/>', empty: false },
  { prop: 'shareable', read: false, write: true, snippet: '<shareable/>', empty: false },
  { prop: 'bootOrder', read: null, write: 1, snippet: '<boot order="1"/>' },
  { prop: 'serial', read: 'XMLFIX0001', write: 'SER2', snippet: '<serial>SER2</serial>' },
  { prop: 'backingChain', read: [] },
]);

suite('DiskXml (cdrom)', Q35, device((d) => d.disks[1]), [
  { prop: 'readonly', read: true, write: false, empty: false },
  { prop: 'device', read: 'cdrom', write: 'disk' },
]);

suite('DiskXml (overlay)', 'domain/tb-xmlfix-block-net-disk.inactive.xml', device((d) => d.disks[2]), [
  { prop: 'backingChain', read: [{ type: 'file', format: 'qcow2', path: '/var/lib/libvirt/images/xmlfix-base.qcow2' }] },
]);

suite('InterfaceXml (network)', Q35, device((d) => d.interfaces[0]), [
  { prop: 'type', read: 'network', write: 'bridge', snippet: '<interface type="bridge">' },
  { prop: 'mac', read: '52:54:00:c4:0c:b8', write: '52:54:00:00:00:99', snippet: '<mac address="52:54:00:00:00:99"/>' },
  { prop: 'sourceNetwork', read: 'default', write: 'lab', snippet: '<source network="lab"/>' },
  { prop: 'sourcePortgroup', read: null, write: 'web', snippet: 'portgroup="web"' },
  { prop: 'sourceBridge', read: null, write: 'br1', snippet: 'bridge="br1"' },
  { prop: 'sourceDev', read: null, write: 'eth1', snippet: 'dev="eth1"' },
  { prop: 'sourceMode', read: null, write: 'vepa', snippet: 'mode="vepa"' },
  { prop: 'model', read: 'virtio', write: 'e1000e', snippet: '<model type="e1000e"/>' },
  { prop: 'targetDev', read: null, write: 'vnet9', snippet: '<target dev="vnet9"/>' },
  { prop: 'linkState', read: null, write: 'down', snippet: '<link state="down"/>' },
  { prop: 'mtu', read: null, write: 9000, snippet: '<mtu size="9000"/>' },
  { prop: 'bootOrder', read: null, write: 2, snippet: '<boot order="2"/>' },
]);

suite('GraphicsXml (vnc address)', Q35, device((d) => d.graphics[0]), [
  { prop: 'type', read: 'vnc', write: 'spice', snippet: '<graphics type="spice"' },
  { prop: 'port', read: -1, write: 5901, snippet: 'port="5901"' },
  { prop: 'autoport', read: true, write: false, snippet: 'autoport="no"' },
  { prop: 'passwd', read: null, write: 's3cret', snippet: 'passwd="s3cret"' },
  { prop: 'passwdValidTo', read: null, write: '2026-12-02T10:00:00', snippet: 'passwdValidTo="2026-12-02T10:00:00"' },
  { prop: 'keymap', read: null, write: 'de', snippet: 'keymap="de"' },
  { prop: 'listen', read: '127.0.0.1', write: '0.0.0.0', snippet: '<listen type="address" address="0.0.0.0"/>' },
]);

suite('GraphicsXml (vnc socket)', 'domain/tb-xmlfix-user-nic.inactive.xml', device((d) => d.graphics[0]), [
  { prop: 'socket', read: '/run/xmlfix-user-nic-vnc.sock', write: '/run/other.sock', snippet: '<listen type="socket" socket="/run/other.sock"/>' },
]);

suite('ChardevXml (serial)', 'domain/tb-xmlfix-user-nic.inactive.xml', device((d) => d.serials[0]), [
  { prop: 'type', read: 'pty', write: 'file', snippet: '<serial type="file">' },
  { prop: 'sourcePath', read: null, write: '/var/log/s.log', snippet: '<source path="/var/log/s.log"/>' },
  { prop: 'sourceMode', read: null, write: 'bind', snippet: '<source mode="bind"/>' },
  { prop: 'targetType', read: 'isa-serial', write: 'pci-serial', snippet: 'type="pci-serial"' },
  { prop: 'targetPort', read: 0, write: 1, snippet: 'port="1"' },
  { prop: 'tty', read: null },
  { prop: 'logFile', read: null, write: '/var/log/libvirt/qemu/a-serial.log', snippet: '<log file="/var/log/libvirt/qemu/a-serial.log"/>' },
  { prop: 'logAppend', read: null, write: 'on', snippet: 'append="on"' },
]);

suite('ChardevXml (live console)', 'domain/tb-xmlfix-running.live.xml', device((d) => d.consoles[0]), [
  { prop: 'tty', read: '/dev/pts/0' },
  { prop: 'sourcePath', read: '/dev/pts/0', write: '/dev/pts/7' },
]);

suite('ChannelXml (guest agent)', 'domain/tb-xmlfix-running.live.xml', device((d) => d.channels[0]), [
  { prop: 'targetName', read: 'org.qemu.guest_agent.0', write: 'org.example.0', snippet: 'name="org.example.0"' },
  { prop: 'targetState', read: 'disconnected' },
  { prop: 'type', read: 'unix', write: 'pty' },
  { prop: 'sourceMode', read: 'bind', write: 'connect' },
  { prop: 'sourcePath', read: '/var/lib/libvirt/qemu/channel/target/domain-17-xmlfix-running/org.qemu.guest_agent.0', write: '/run/ga.sock' },
  { prop: 'targetType', read: 'virtio', write: 'guestfwd' },
  { prop: 'targetPort', read: null, write: 2 },
  { prop: 'tty', read: null },
  { prop: 'logFile', read: null, write: '/var/log/ga.log' },
  { prop: 'logAppend', read: null, write: 'off' },
  { prop: 'clipboardCopyPaste', read: null, write: true, snippet: '<clipboard copypaste="yes"/>' },
  { prop: 'mouseMode', read: null, write: 'client', snippet: '<mouse mode="client"/>' },
]);

// New VM's Windows preset as libvirt 9.0 stored it: UEFI + Secure Boot by auto-selection, Hyper-V, TPM 2.0.
const WIN11 = 'domain/tb-newvm-win11.inactive.xml';
suite('DomainXml (win11)', WIN11, domain, [
  { prop: 'hypervSpinlockRetries', read: 8191, write: 4096, snippet: 'retries="4096"' },
  { prop: 'tpms', read: expect.any(Array) },
]);

suite('TpmXml', WIN11, device((d) => d.tpms[0]), [
  { prop: 'model', read: 'tpm-crb', write: 'tpm-tis', snippet: '<tpm model="tpm-tis"' },
  { prop: 'backendType', read: 'emulator', write: 'passthrough', snippet: '<backend type="passthrough"' },
  { prop: 'backendVersion', read: '2.0', write: '1.2', snippet: 'version="1.2"' },
]);

suite('VideoXml', Q35, device((d) => d.videos[0]), [
  { prop: 'model', read: 'virtio', write: 'vga', snippet: '<model type="vga"' },
]);

suite('ControllerXml (usb)', Q35, device((d) => d.controllers[0]), [
  { prop: 'type', read: 'usb', write: 'scsi', snippet: '<controller type="scsi"' },
  { prop: 'index', read: 0, write: 3, snippet: 'index="3"' },
  { prop: 'model', read: 'qemu-xhci', write: 'nec-xhci', snippet: 'model="nec-xhci"' },
]);

describe('property coverage', () => {
  it.each([
    ['DomainXml', DomainXml, XmlNodeModel],
    ['DiskXml', DiskXml, XmlListItem],
    ['InterfaceXml', InterfaceXml, XmlListItem],
    ['GraphicsXml', GraphicsXml, XmlListItem],
    ['ChardevXml', ChardevXml, XmlListItem],
    ['ChannelXml', ChannelXml, XmlListItem],
    ['ControllerXml', ControllerXml, XmlListItem],
    ['VideoXml', VideoXml, XmlListItem],
    ['TpmXml', TpmXml, XmlListItem],
  ] as const)('%s: every property has a case', (name, cls, base) => {
    const missing = accessorsOf(cls, base).filter((p) => !covered.has(`${name}.${p}`));
    expect(missing).toEqual([]);
  });
});

describe('DomainXml reading', () => {
  it('converts memory units to KiB', () => {
    const mem = DomainXml.parse(fixture('domain/testbed-input-mem.xml'.replace('testbed-input-mem', 'hand-compact-oneline')));
    expect(mem.memoryKiB).toBe(1048576); // 1073741824 b
    expect(mem.currentMemoryKiB).toBe(976563); // 1000000 KB = 1e9 bytes, rounded up
    const gib = DomainXml.parse(fixture('domain/hand-foreign-namespaces.xml'));
    expect(gib.memoryKiB).toBe(4 * 1024 * 1024);
    const noUnit = DomainXml.parse(fixture('domain/vi-q35-multi.xml'));
    expect(noUnit.memoryKiB).toBe(786432);
  });

  it('writes memory in KiB, replacing another unit', () => {
    const d = DomainXml.parse(fixture('domain/hand-foreign-namespaces.xml'));
    d.memoryKiB = 2 * 1024 * 1024;
    expect(d.toXml()).toContain('<memory unit="KiB">2097152</memory>');
  });

  it('lists devices of a rich domain', () => {
    const d = DomainXml.parse(fixture(Q35));
    expect(d.disks.map((x) => [x.device, x.targetDev, x.sourceDisplay()])).toEqual([
      ['disk', 'vda', '/var/lib/libvirt/images/xmlfix-q35.qcow2'],
      ['cdrom', 'sda', '/var/lib/libvirt/images/debian-12.iso'],
    ]);
    expect(d.interfaces.map((n) => [n.type, n.mac, n.sourceNetwork, n.model])).toEqual([
      ['network', '52:54:00:c4:0c:b8', 'default', 'virtio'],
    ]);
    expect(d.controllers.length).toBeGreaterThan(3);
    expect(d.hasFeature('acpi')).toBe(true);
    expect(d.hasFeature('pae')).toBe(false);
  });

  it('describes every kind of disk source', () => {
    const d = DomainXml.parse(fixture('domain/tb-xmlfix-block-net-disk.inactive.xml'));
    expect(d.disks.map((x) => x.sourceDisplay())).toEqual([
      '/dev/mapper/xmlfix-lv',
      'nbd://nbd.example.org:10809/export1',
      '/var/lib/libvirt/images/xmlfix-overlay.qcow2',
      null,
    ]);
    const vol = DomainXml.parse(fixture('domain/tb-xmlfix-volume.inactive.xml'));
    expect(vol.disks[0]!.sourceDisplay()).toBe('default/xmlfix-vol1.qcow2');
  });

  it('rejects values outside a closed set', () => {
    const d = DomainXml.parse(fixture(Q35));
    expect(() => {
      (d as unknown as { onCrash: string }).onCrash = 'explode';
    }).toThrow(/on_crash.*not one of/);
    expect(() => {
      d.vcpus = 1.5;
    }).toThrow(/not an integer/);
  });

  it('rejects documents that are not domains', () => {
    expect(() => DomainXml.parse(fixture('pool/tb-xmlfix-dir.xml'))).toThrow(/expected a <domain> document, got <pool>/);
  });
});

describe('DomainXml editing', () => {
  it('features: adds and removes, keeping attributes of others', () => {
    const original = fixture('domain/tb-xmlfix-cpu-clock.inactive.xml');
    const d = DomainXml.parse(original);
    expect(d.features).toEqual(['acpi', 'apic', 'pae', 'vmport']);
    d.setFeature('pae', false);
    d.setFeature('vmport', false);
    d.setFeature('hap', true);
    expect(d.features).toEqual(['acpi', 'apic', 'hap']);
    d.setFeature('hap', false);
    d.setFeature('pae', true);
    expect(canonicalXml(d.toXml())).not.toContain('vmport');
  });

  it('adds devices at libvirt positions with indentation, and removes them', () => {
    const original = fixture(Q35);
    const d = DomainXml.parse(original);
    const disk = d.addDisk({ type: 'file', device: 'disk', driverName: 'qemu', driverType: 'raw', sourceFile: '/srv/b.img', targetDev: 'vdb', targetBus: 'virtio' });
    const out = d.toXml();
    // After the last existing disk, before the controllers; children in libvirt's order.
    const at = out.indexOf('<disk type="file" device="disk">\n      <driver name="qemu" type="raw"/>\n      <source file="/srv/b.img"/>\n      <target dev="vdb" bus="virtio"/>\n    </disk>');
    expect(at).toBeGreaterThan(out.indexOf('debian-12.iso'));
    expect(at).toBeLessThan(out.indexOf('<controller'));
    expect(DomainXml.parse(out).disks.map((x) => x.targetDev)).toEqual(['vda', 'sda', 'vdb']);
    disk.remove();
    expect(canonicalXml(d.toXml())).toBe(canonicalXml(original));
    expect(d.toXml()).toBe(DomainXml.parse(original).toXml());
  });

  it('adds every device kind', () => {
    const d = DomainXml.parse(fixture('domain/tb-xmlfix-minimal.inactive.xml'));
    d.addInterface({ type: 'network', sourceNetwork: 'default', model: 'virtio', mac: '52:54:00:01:02:03' });
    d.addGraphics({ type: 'vnc', socket: '/run/v.sock' });
    d.addSerial({ type: 'pty', targetPort: 0 });
    d.addConsole({ type: 'pty', targetType: 'serial', targetPort: 0 });
    d.addChannel({ type: 'unix', targetType: 'virtio', targetName: 'org.qemu.guest_agent.0' });
    d.addController({ type: 'virtio-serial', index: 0 });
    const back = DomainXml.parse(d.toXml());
    expect(back.interfaces[0]!.mac).toBe('52:54:00:01:02:03');
    expect(back.graphics.map((g) => g.socket)).toEqual(['/run/v.sock']);
    expect(back.serials).toHaveLength(1);
    expect(back.consoles[0]!.targetType).toBe('serial');
    expect(back.channels[0]!.targetName).toBe('org.qemu.guest_agent.0');
    expect(back.controllers.map((c) => c.type)).toContain('virtio-serial');
    const names = Array.from(d.toXml().matchAll(/^ {4}<(\w+)/gm), (m) => m[1]);
    expect(names.indexOf('interface')).toBeLessThan(names.indexOf('serial'));
    expect(names.indexOf('console')).toBeLessThan(names.indexOf('channel'));
    expect(names.indexOf('channel')).toBeLessThan(names.indexOf('graphics'));
  });

  it('edits keep comments, processing instructions, CDATA and foreign namespaces', () => {
    for (const file of ['domain/hand-comments-cdata-pi.xml', 'domain/hand-foreign-namespaces.xml', 'domain/hand-unknown-elements.xml']) {
      const d = DomainXml.parse(fixture(file));
      d.vcpus = 3;
      d.addDisk({ type: 'file', device: 'disk', sourceFile: '/srv/x.img', targetDev: 'vdz' });
      const out = d.toXml();
      const back = DomainXml.parse(out);
      back.vcpus = DomainXml.parse(fixture(file)).vcpus;
      back.disks.at(-1)!.remove();
      expect(canonicalXml(back.toXml()), file).toBe(canonicalXml(fixture(file)));
    }
    const out = (() => {
      const d = DomainXml.parse(fixture('domain/hand-comments-cdata-pi.xml'));
      d.name = 'x';
      return d.toXml();
    })();
    expect(out).toContain('<?virtdeck-hint keep this processing instruction?>');
    expect(out).toContain('<![CDATA[Notes with <markup> & "quotes" kept as CDATA]]>');
    expect(out).toContain('<!-- after the root -->');
  });

  it('bootDevices: replaces the list in place', () => {
    const d = DomainXml.parse(fixture('domain/tb-xmlfix-kernel.inactive.xml'));
    d.bootDevices = ['cdrom', 'hd'];
    expect(d.toXml()).toMatch(/<cmdline>[^<]*<\/cmdline>\s*<boot dev="cdrom"\/>\s*<boot dev="hd"\/>\s*<\/os>/);
  });
});

describe('GraphicsXml listen config', () => {
  it('socket and address replace each other, each written as attribute and <listen>', () => {
    const d = DomainXml.parse(fixture(Q35));
    const g = d.graphics[0]!;
    g.socket = '/run/vnc.sock';
    expect(g.listen).toBeNull();
    expect(d.toXml()).toMatch(/<graphics type="vnc" port="-1" autoport="yes" socket="\/run\/vnc.sock">\s*<listen type="socket" socket="\/run\/vnc.sock"\/>\s*<\/graphics>/);
    g.listen = '127.0.0.1';
    expect(g.socket).toBeNull();
    expect(canonicalXml(d.toXml())).toBe(canonicalXml(fixture(Q35)));
    g.listen = null;
    expect(d.toXml()).toContain('<graphics type="vnc" port="-1" autoport="yes"/>');
  });
});

describe('VirtDeck metadata', () => {
  it('reads fields and the lock flag', () => {
    const d = DomainXml.parse(fixture('domain/tb-xmlfix-metadata.inactive.xml'));
    expect(d.virtdeck.locked).toBe(true);
    expect(d.virtdeck.get('owner')).toBe('alice');
    expect(d.virtdeck.keys()).toEqual(['locked', 'tags', 'owner']);
    expect(d.metadataElement('http://libosinfo.org/xmlns/libvirt/domain/1.0')?.localName).toBe('libosinfo');
    expect(d.metadataElement('urn:none')).toBeNull();
  });

  it('works with another prefix bound to the VirtDeck namespace', () => {
    const d = DomainXml.parse(fixture('domain/hand-foreign-namespaces.xml'));
    expect(d.virtdeck.locked).toBe(false);
    expect(d.virtdeck.get('cloudInit')).toBe('enabled');
    d.virtdeck.locked = true;
    const back = DomainXml.parse(d.toXml());
    expect(back.virtdeck.locked).toBe(true);
    expect(back.virtdeck.get('cloudInit')).toBe('enabled');
    expect(back.metadataElement('urn:example:other-app')?.getAttribute('app:version')).toBe('3');
  });

  it('edits VirtDeck fields without touching other metadata, and removes its element when emptied', () => {
    const original = fixture('domain/tb-xmlfix-metadata.inactive.xml');
    const d = DomainXml.parse(original);
    d.virtdeck.set('owner', 'bob');
    d.virtdeck.set('tags', null); // an element of an older VirtDeck: removed by name like any field
    d.virtdeck.locked = false;
    expect(d.virtdeck.keys()).toEqual(['owner']);
    d.virtdeck.set('owner', null);
    expect(d.virtdeck.keys()).toEqual([]);
    const out = d.toXml();
    expect(out).not.toContain('virtdeck');
    expect(out).toContain('<libosinfo:os id="http://debian.org/debian/12"/>');
  });

  it('creates metadata in a domain that has none, in libvirt order', () => {
    const d = DomainXml.parse(fixture(Q35));
    d.virtdeck.locked = true;
    d.virtdeck.set('owner', 'a');
    const out = d.toXml();
    expect(out).toMatch(/<\/title>\s*<metadata>\s*<virtdeck:instance xmlns:virtdeck="https:\/\/virtdeck.dev\/xmlns\/1">\s*<virtdeck:locked>yes<\/virtdeck:locked>\s*<virtdeck:owner>a<\/virtdeck:owner>/);
    expect(out.indexOf('<metadata>')).toBeLessThan(out.indexOf('<memory'));
    expect(() => d.virtdeck.set('bad name', 'x')).toThrow(/bad metadata field name/);
  });
});

describe('DomainXml.create', () => {
  it('builds a minimal domain in libvirt order', () => {
    const d = DomainXml.create({ name: 'new-vm', memoryKiB: 32768, vcpus: 1, machine: 'pc' });
    d.addDisk({ type: 'file', device: 'cdrom', targetDev: 'hdc', targetBus: 'ide', readonly: true });
    d.emulator = '/usr/bin/qemu-system-x86_64';
    d.onPoweroff = 'destroy';
    expect(d.toXml()).toBe(
      [
        '<domain type="qemu">',
        '  <name>new-vm</name>',
        '  <memory unit="KiB">32768</memory>',
        '  <vcpu>1</vcpu>',
        '  <os>',
        '    <type arch="x86_64" machine="pc">hvm</type>',
        '  </os>',
        '  <on_poweroff>destroy</on_poweroff>',
        '  <devices>',
        '    <emulator>/usr/bin/qemu-system-x86_64</emulator>',
        '    <disk type="file" device="cdrom">',
        '      <target dev="hdc" bus="ide"/>',
        '      <readonly/>',
        '    </disk>',
        '  </devices>',
        '</domain>',
      ].join('\n'),
    );
  });
});
