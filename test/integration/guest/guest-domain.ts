// Domain XML of the cloud-init test guest (test/guest image): TCG, q35, the disk and the seed as volumes of
// the guest's own pool, one virtio NIC, serial console logged on the host, qemu-guest-agent channel, optionally VNC.

export interface GuestDomain {
  name: string;
  memoryMiB: number;
  /** 2 unless given. */
  vcpus?: number;
  /** Pool holding the volumes `<name>.qcow2` (the disk) and `<name>-seed.iso` (the cloud-init seed). */
  pool: string;
  mac: string;
  /** A libvirt network, or a host bridge. */
  nic: { network: string } | { bridge: string };
  /** A VNC display (loopback) with a VGA card, for the graphical console. */
  vnc?: boolean;
  /** The display's password (QEMU changes a VNC password, as a console grant does, only on a display started with one). */
  vncPassword?: string;
}

export const diskVolume = (name: string) => `${name}.qcow2`;
export const seedVolume = (name: string) => `${name}-seed.iso`;

export function guestDomainXml(d: GuestDomain): string {
  const nic = 'network' in d.nic
    ? `<interface type='network'><source network='${d.nic.network}'/>`
    : `<interface type='bridge'><source bridge='${d.nic.bridge}'/>`;
  return `<domain type='qemu'>
  <name>${d.name}</name>
  <memory unit='MiB'>${d.memoryMiB}</memory>
  <vcpu>${d.vcpus ?? 2}</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os>
  <features><acpi/><apic/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='qcow2' discard='unmap'/>
      <source pool='${d.pool}' volume='${diskVolume(d.name)}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='volume' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <source pool='${d.pool}' volume='${seedVolume(d.name)}'/>
      <target dev='sda' bus='scsi'/>
      <readonly/>
    </disk>
    <controller type='scsi' model='virtio-scsi'/>
    ${nic}<mac address='${d.mac}'/><model type='virtio'/></interface>
    <serial type='pty'><log file='/var/log/libvirt/qemu/${d.name}.serial.log' append='off'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
    ${d.vnc ? `<graphics type='vnc' autoport='yes' listen='127.0.0.1'${d.vncPassword ? ` passwd='${d.vncPassword}'` : ''}/><video><model type='vga'/></video>` : ''}
    <memballoon model='none'/>
  </devices>
</domain>`;
}
