// The domain XML of New VM per OS preset and source: firmware auto-selection features, TPM, buses, boot order,
// Windows' Hyper-V and clock. The same XML is defined (and validated) by libvirt in the integration test.
import { describe, expect, it } from 'vitest';
import { DomainXml } from '../../../electron/libvirt/xml/domain.js';
import { newVmDomainXml, type NewVmLayout } from '../../../electron/core/newvm/new-vm-domain.js';
import { DEFAULT_OS, OS_PRESETS, osPreset } from '../../../shared/model/os-presets.js';

const preset = (id: string) => osPreset(id)!;
const layout = (over: Partial<NewVmLayout> = {}): NewVmLayout => ({
  name: 'nv', uuid: '00000000-0000-4000-8000-0000000000aa', virtType: 'qemu', vcpus: 2, memoryMiB: 2048, preset: preset('debian12'),
  firmware: 'bios', tpm: false, bus: 'virtio', disk: { pool: 'default', volume: 'nv.qcow2', format: 'qcow2' }, cdroms: [],
  networks: ['default'], boot: 'hd', ...over,
});
const build = (over: Partial<NewVmLayout> = {}) => DomainXml.parse(newVmDomainXml(layout(over)));

describe('OS presets', () => {
  it('has the families the brief names, ids unique, and generic as the default', () => {
    const ids = OS_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['debian12', 'ubuntu24.04', 'rhel9', 'win10', 'win11', 'win2k19', 'win2k22', 'win2k25', 'generic']) expect(ids).toContain(id);
    expect(osPreset(DEFAULT_OS)?.id).toBe('generic');
    expect(osPreset('nope')).toBeUndefined();
  });

  it('Windows: q35, UEFI + Secure Boot, TPM, localtime, Hyper-V, SATA without drivers', () => {
    for (const p of OS_PRESETS.filter((x) => x.family === 'windows')) {
      expect(p).toMatchObject({ machine: 'q35', firmware: 'uefi-secure', tpm: true, clock: 'localtime', hyperv: true, bus: 'sata' });
    }
  });
});

describe('new VM domain XML', () => {
  it('BIOS: no firmware attribute, virtio disk, virtio NIC, boots from disk, agent channel for Linux', () => {
    const d = build();
    expect(d.firmware).toBeNull();
    expect(d.machine).toBe('q35');
    expect(d.bootDevices).toEqual(['hd']);
    expect(d.disks.map((x) => [x.device, x.targetDev, x.targetBus, x.driverType, x.sourceVolume])).toEqual([['disk', 'vda', 'virtio', 'qcow2', 'nv.qcow2']]);
    expect(d.interfaces.map((n) => [n.sourceNetwork, n.model])).toEqual([['default', 'virtio']]);
    expect(d.channels.map((c) => c.targetName)).toEqual(['org.qemu.guest_agent.0']);
    expect(d.serials[0]?.logFile).toBe('/var/log/libvirt/qemu/nv.serial.log');
    expect(d.tpms).toEqual([]);
    expect(d.virtdeck.get('os')).toBe('debian12');
  });

  it('UEFI: <os firmware=efi> with Secure Boot off; uefi-secure asks secure-boot + enrolled-keys and SMM', () => {
    const uefi = build({ firmware: 'uefi' });
    expect(uefi.firmware).toBe('efi');
    expect(uefi.firmwareFeature('secure-boot')).toBe(false);
    expect(uefi.featureState('smm')).toBeNull();
    const secure = build({ firmware: 'uefi-secure' });
    expect(secure.firmwareFeature('secure-boot')).toBe(true);
    expect(secure.firmwareFeature('enrolled-keys')).toBe(true);
    expect(secure.featureState('smm')).toBe(true);
    expect(secure.toXml()).toContain('<feature name="secure-boot" enabled="yes"/>');
  });

  it('TPM 2.0 emulated by swtpm, CRB model', () => {
    const [tpm, ...more] = build({ tpm: true }).tpms;
    expect(more).toEqual([]);
    expect([tpm?.model, tpm?.backendType, tpm?.backendVersion]).toEqual(['tpm-crb', 'emulator', '2.0']);
  });

  it('ISO install: CD-ROM first in the boot order, on SATA after a SATA disk; a driver ISO is the second CD', () => {
    const d = build({
      preset: preset('win11'), bus: 'sata', boot: 'cdrom',
      cdroms: [{ pool: 'isos', volume: 'win11.iso' }, { pool: 'isos', volume: 'virtio-win.iso' }],
    });
    expect(d.bootDevices).toEqual(['cdrom', 'hd']);
    expect(d.disks.map((x) => [x.device, x.targetDev, x.targetBus, x.sourceVolume, x.readonly])).toEqual([
      ['disk', 'sda', 'sata', 'nv.qcow2', false],
      ['cdrom', 'sdb', 'sata', 'win11.iso', true],
      ['cdrom', 'sdc', 'sata', 'virtio-win.iso', true],
    ]);
    expect(d.interfaces[0]?.model).toBe('e1000e');
  });

  it('import of a host path: a file disk in its detected format', () => {
    const d = build({ disk: { path: '/srv/old.vmdk', format: 'vmdk' }, preset: preset('generic'), bus: 'sata' });
    expect(d.disks.map((x) => [x.type, x.sourceFile, x.driverType, x.targetBus])).toEqual([['file', '/srv/old.vmdk', 'vmdk', 'sata']]);
    expect(d.channels).toEqual([]); // generic: no agent assumed
  });

  it('PXE: network first, one NIC per network', () => {
    const d = build({ boot: 'network', networks: ['lan', 'pxe'], disk: null });
    expect(d.bootDevices).toEqual(['network', 'hd']);
    expect(d.interfaces.map((n) => n.sourceNetwork)).toEqual(['lan', 'pxe']);
    expect(d.disks).toEqual([]);
  });

  it('Windows under KVM: Hyper-V enlightenments as virt-install gives win11, localtime clock and its timers', () => {
    const d = build({ preset: preset('win11'), virtType: 'kvm', firmware: 'uefi-secure', tpm: true, bus: 'sata' });
    for (const h of ['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'reset', 'frequencies']) expect(d.hyperv(h)).toBe(true);
    expect(d.hypervSpinlockRetries).toBe(8191);
    expect(d.featureState('vmport')).toBe(false);
    expect(d.clockOffset).toBe('localtime');
    expect([d.timer('rtc', 'tickpolicy'), d.timer('pit', 'tickpolicy'), d.timer('hpet', 'present'), d.timer('hypervclock', 'present')]).toEqual(['catchup', 'delay', 'no', 'yes']);
    expect(d.cpuMode).toBe('host-passthrough');
  });

  it('Windows under TCG: no Hyper-V (QEMU refuses it without KVM), the rest the same', () => {
    const d = build({ preset: preset('win11'), virtType: 'qemu', firmware: 'uefi-secure', tpm: true, bus: 'sata' });
    expect(d.hyperv('relaxed')).toBeNull();
    expect(d.timer('hypervclock', 'present')).toBeNull();
    expect(d.timer('rtc', 'tickpolicy')).toBe('catchup');
    expect(d.clockOffset).toBe('localtime');
    expect(d.featureState('vmport')).toBe(false);
    expect(d.cpuMode).toBeNull();
  });
});
