// The domain of a new VM, built through the XML model from a plan's parts and its OS preset: firmware by libvirt's
// auto-selection (<os firmware='efi'> with the features asked), TPM 2.0 emulated by swtpm, the disk on virtio or
// SATA, CD-ROMs on SATA (every installer has AHCI drivers), one NIC per network, serial console logged on the host,
// VNC on the host's loopback, the guest agent channel for Linux. Windows gets Hyper-V enlightenments and a localtime clock, as virt-install gives it.
import type { Firmware, OsPreset, VirtType, VolumeRef } from '../../../shared/model/new-vm.js';
import { DomainXml } from '../../libvirt/xml/domain.js';
import { AGENT_CHANNEL } from '../instances/domain-spec.js';
import { randomMac } from '../vms/hardware/devices.js';

/** The disk a new VM boots from or installs to: a pool volume or a host path, with its format. */
export type NewVmDisk = ({ pool: string; volume: string } | { path: string }) & { format: string };

export interface NewVmLayout {
  name: string;
  uuid: string;
  virtType: VirtType;
  vcpus: number;
  memoryMiB: number;
  preset: OsPreset;
  firmware: Firmware;
  tpm: boolean;
  bus: 'virtio' | 'sata';
  disk: NewVmDisk | null;
  /** The install ISO first, then a driver ISO. */
  cdroms: VolumeRef[];
  networks: string[];
  /** The first boot device: the install ISO, the disk or the network (PXE). */
  boot: 'cdrom' | 'hd' | 'network';
}

/** Hyper-V enlightenments as virt-install gives Windows (evmcs/avic need nested KVM and are left out). */
const HYPERV = ['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'reset', 'frequencies'];

/** Where a VM's serial console is logged on its host (tests read boot markers there). */
export function newVmSerialLog(name: string): string {
  return `/var/log/libvirt/qemu/${name}.serial.log`;
}

const sataDev = (i: number): string => `sd${String.fromCharCode(97 + i)}`;

export function newVmDomainXml(l: NewVmLayout): string {
  const d = DomainXml.create({ name: l.name, uuid: l.uuid, type: l.virtType, memoryKiB: l.memoryMiB * 1024, vcpus: l.vcpus, machine: l.preset.machine });
  d.setFeature('acpi', true);
  d.setFeature('apic', true);
  if (l.firmware !== 'bios') {
    d.firmware = 'efi';
    d.setFirmwareFeature('secure-boot', l.firmware === 'uefi-secure');
    // enrolled-keys: the variables template with the distribution/Microsoft keys, so Secure Boot is enforced.
    d.setFirmwareFeature('enrolled-keys', l.firmware === 'uefi-secure');
    if (l.firmware === 'uefi-secure') d.setFeatureState('smm', true);
  }
  // Hyper-V enlightenments are KVM's: QEMU refuses them under TCG ("kernel doesn't allow setting HyperV VP_INDEX").
  const hyperv = l.preset.hyperv && l.virtType === 'kvm';
  if (hyperv) {
    for (const name of HYPERV) d.setHyperv(name, true);
    d.hypervSpinlockRetries = 8191;
  }
  // No VMware I/O port for Windows (virt-install's choice too): its PS/2 mouse backdoor only confuses the guest.
  if (l.preset.family === 'windows') d.setFeatureState('vmport', false);
  d.cpuMode = l.virtType === 'kvm' ? 'host-passthrough' : null;
  d.clockOffset = l.preset.clock;
  if (l.preset.family === 'windows') {
    d.setTimer('rtc', 'tickpolicy', 'catchup');
    d.setTimer('pit', 'tickpolicy', 'delay');
    d.setTimer('hpet', 'present', 'no');
    if (hyperv) d.setTimer('hypervclock', 'present', 'yes');
  }
  d.bootDevices = l.boot === 'hd' ? ['hd'] : l.boot === 'cdrom' ? ['cdrom', 'hd'] : ['network', 'hd'];

  let sata = 0;
  if (l.disk) {
    const target = l.bus === 'virtio' ? { targetDev: 'vda', targetBus: 'virtio' } : { targetDev: sataDev(sata++), targetBus: 'sata' };
    const source = 'path' in l.disk ? { type: 'file', sourceFile: l.disk.path } : { type: 'volume', sourcePool: l.disk.pool, sourceVolume: l.disk.volume };
    d.addDisk({ ...source, device: 'disk', driverName: 'qemu', driverType: l.disk.format, ...target });
  }
  for (const iso of l.cdroms) {
    d.addDisk({ type: 'volume', device: 'cdrom', driverName: 'qemu', driverType: 'raw', sourcePool: iso.pool, sourceVolume: iso.volume, targetDev: sataDev(sata++), targetBus: 'sata', readonly: true });
  }
  for (const network of l.networks) d.addInterface({ type: 'network', sourceNetwork: network, mac: randomMac(), model: l.bus === 'virtio' ? 'virtio' : 'e1000e' });
  if (l.tpm) d.addTpm({ model: 'tpm-crb', backendType: 'emulator', backendVersion: '2.0' });
  d.addSerial({ type: 'pty', targetPort: 0, logFile: newVmSerialLog(l.name), logAppend: 'off' });
  d.addConsole({ type: 'pty', targetType: 'serial', targetPort: 0 });
  // Linux guests ship the QEMU guest agent: its channel, as virt-install adds it.
  if (l.preset.family === 'linux') d.addChannel({ type: 'unix', targetType: 'virtio', targetName: AGENT_CHANNEL });
  d.addGraphics({ type: 'vnc', autoport: true, listen: '127.0.0.1' });
  d.addVideo({ model: 'virtio' });
  d.virtdeck.set('os', l.preset.id);
  return d.toXml();
}
