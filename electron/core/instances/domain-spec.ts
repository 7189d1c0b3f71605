// The domain of a new instance, built through the XML model: q35, the linked-clone disk on virtio, the seed
// CD-ROM on virtio-scsi (cloud kernels see it; SATA on q35 they may not), NIC by MAC, serial console + VNC on the
// host's loopback, the guest agent channel, and VirtDeck metadata naming the image.
import type { LaunchPlan } from '../../../shared/model/instance.js';
import { DomainXml } from '../../libvirt/xml/domain.js';

export const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

/** An instance's NoCloud seed volume. */
export function instanceSeedVolume(name: string): string {
  return `${name}-seed.iso`;
}

/** Where an instance's serial console is logged on its host. */
export function instanceSerialLog(name: string): string {
  return `/var/log/libvirt/qemu/${name}.serial.log`;
}

/**
 * loginUser: recorded in VirtDeck's metadata so `virtdeck ssh` knows whom to log in as. uuid: chosen by the launch,
 * so its undo can name the domain before libvirt answers (a reply lost with the connection).
 */
export function instanceDomainXml(plan: LaunchPlan, loginUser: string | null, uuid?: string): string {
  const d = DomainXml.create({ name: plan.name, type: plan.virtType, memoryKiB: plan.memoryMiB * 1024, vcpus: plan.vcpus, machine: 'q35', ...(uuid ? { uuid } : {}) });
  d.bootDevices = ['hd'];
  d.setFeature('acpi', true);
  d.setFeature('apic', true);
  if (plan.virtType === 'kvm') d.cpuMode = 'host-passthrough';
  d.clockOffset = 'utc';
  d.addDisk({
    type: 'volume', device: 'disk', driverName: 'qemu', driverType: 'qcow2',
    sourcePool: plan.pool, sourceVolume: plan.diskVolume, targetDev: 'vda', targetBus: 'virtio',
  });
  d.addDisk({
    type: 'volume', device: 'cdrom', driverName: 'qemu', driverType: 'raw',
    sourcePool: plan.pool, sourceVolume: plan.seedVolume, targetDev: 'sda', targetBus: 'scsi', readonly: true,
  });
  d.addController({ type: 'scsi', index: 0, model: 'virtio-scsi' });
  if (plan.networkKind === 'network') d.addInterface({ type: 'network', sourceNetwork: plan.network, mac: plan.mac, model: 'virtio' });
  else d.addInterface({ type: 'bridge', sourceBridge: plan.network, mac: plan.mac, model: 'virtio' });
  // The serial console is also logged on the host: cloud-init prints the guest's SSH host keys there on first
  // boot, which guest SSH compares with the key it is shown (consoles/console-host-keys.ts).
  d.addSerial({ type: 'pty', targetPort: 0, logFile: instanceSerialLog(plan.name), logAppend: 'off' });
  d.addConsole({ type: 'pty', targetType: 'serial', targetPort: 0 });
  d.addChannel({ type: 'unix', targetType: 'virtio', targetName: AGENT_CHANNEL });
  d.addGraphics({ type: 'vnc', autoport: true, listen: '127.0.0.1' });
  d.virtdeck.set('image', plan.image.name);
  if (loginUser) d.virtdeck.set('user', loginUser);
  return d.toXml();
}
