// virtdeck vm set|disk|cdrom|nic|boot|devices|autostart|rename: changing a VM.
import { BOOT_DEVICES, DISK_BUSES, NEW_DISK_FORMATS, NIC_MODELS } from '../../../shared/model/hardware.js';
import { VM_ARG, from } from './common.js';
import type { ArgDef, CommandDef, FlagDef, GroupDef } from './types.js';

const code = () => import('../commands/vm-hardware.js');

const LIVE: FlagDef = { name: 'live', help: 'change the running VM only (refused on a shut-off VM)' };
const CONFIG: FlagDef = { name: 'config', help: 'change the definition it boots with next time only' };
const SCOPE = [LIVE, CONFIG];
const SCOPE_DETAILS =
  'Without --live or --config, a running VM is changed now and in its definition where libvirt allows,\n' +
  'and the command says which parts wait for a restart; a shut-off VM gets its definition changed.';
const TARGET_FLAG: FlagDef = { name: 'target', value: 'DEV', help: 'guest device name, e.g. vdb or sda' };
const MAC_ARG: ArgDef = { name: 'MAC' };
const NETWORK_FLAG: FlagDef = { name: 'network', value: 'NET', help: 'a libvirt network' };
const BRIDGE_FLAG: FlagDef = { name: 'bridge', value: 'BR', help: 'a bridge on the host, e.g. br0' };

const diskGroup: GroupDef = {
  name: 'disk',
  summary: 'attach or detach disks',
  commands: [
    {
      name: 'attach',
      summary: 'attach an existing volume or a new one (hot-plug on a running VM)',
      args: [VM_ARG],
      flags: [
        { name: 'volume', value: 'POOL/VOL', help: 'an existing volume' },
        { name: 'size', value: 'SIZE', help: 'a new volume of this size, e.g. 10G' },
        { name: 'pool', value: 'POOL', help: "the new volume's pool (default: the pool of the VM's first disk)" },
        { name: 'format', value: 'FORMAT', choices: NEW_DISK_FORMATS, help: "the new volume's format (default qcow2)" },
        { name: 'bus', value: 'BUS', choices: DISK_BUSES, help: 'disk bus (default virtio)' },
        TARGET_FLAG,
        ...SCOPE,
      ],
      details: `Give --volume or --size. ${SCOPE_DETAILS}`,
      load: from(code, 'diskAttach'),
    },
    {
      name: 'detach',
      summary: 'detach a disk (the guest must release it when the VM runs)',
      args: [VM_ARG, { name: 'TARGET' }],
      flags: [{ name: 'delete-volume', help: 'also delete its volume, unless anything else uses it' }, ...SCOPE],
      details: SCOPE_DETAILS,
      load: from(code, 'diskDetach'),
    },
  ],
};

const cdromGroup: GroupDef = {
  name: 'cdrom',
  summary: 'change the media of a CD-ROM drive',
  commands: [
    {
      name: 'insert',
      summary: 'put a volume (an ISO) into the CD-ROM drive; a shut-off VM without a drive gets one',
      args: [VM_ARG, { name: 'POOL/VOL' }],
      flags: [TARGET_FLAG, ...SCOPE],
      details: SCOPE_DETAILS,
      load: from(code, 'cdrom'),
    },
    {
      name: 'eject',
      summary: 'empty the CD-ROM drive (--boot-disk: after an install, and boot from the disk)',
      args: [VM_ARG],
      flags: [TARGET_FLAG, ...SCOPE, { name: 'boot-disk', help: 'also put the first disk first in the boot order (now and in the definition; no --live/--config)' }],
      details: `${SCOPE_DETAILS}\nAfter installing from a CD-ROM: virtdeck vm cdrom eject HOST/VM --boot-disk ejects the media of the running VM\nand of its definition, and the VM boots from its disk from then on.`,
      load: from(code, 'cdrom'),
    },
  ],
};

const nicGroup: GroupDef = {
  name: 'nic',
  summary: 'add or remove network interfaces, move them to another network, set their link',
  commands: [
    {
      name: 'add',
      summary: 'add a network interface on a libvirt network or a host bridge (hot-plug on a running VM)',
      args: [VM_ARG],
      flags: [
        NETWORK_FLAG,
        BRIDGE_FLAG,
        { name: 'model', value: 'MODEL', choices: NIC_MODELS, help: 'device model (default virtio)' },
        { name: 'mac', value: 'MAC', help: 'its MAC address (default: a new one)' },
        { name: 'ip', value: 'CIDR|auto', help: "an address of the network's IPAM range (default auto where it has one)" },
        ...SCOPE,
      ],
      details: `Give --network or --bridge. ${SCOPE_DETAILS}`,
      load: from(code, 'nicAdd'),
    },
    { name: 'rm', aliases: ['remove'], summary: 'remove a network interface', args: [VM_ARG, MAC_ARG], flags: SCOPE, details: SCOPE_DETAILS, load: from(code, 'nicRemove') },
    {
      name: 'set',
      summary: 'plug a network interface into another network or host bridge (live where libvirt can)',
      args: [VM_ARG, MAC_ARG],
      flags: [NETWORK_FLAG, BRIDGE_FLAG, ...SCOPE],
      details: `Give --network or --bridge. An IPAM address it held is freed; on a network with IPAM it holds a new one.\n${SCOPE_DETAILS}`,
      load: from(code, 'nicSet'),
    },
    {
      name: 'link',
      summary: 'plug (up) or unplug (down) the virtual cable',
      args: [VM_ARG, MAC_ARG, { name: 'STATE', choices: ['up', 'down'] }],
      flags: SCOPE,
      details: SCOPE_DETAILS,
      load: from(code, 'nicLink'),
    },
  ],
};

export const vmHardwareCommands: Array<CommandDef | GroupDef> = [
  {
    name: 'set',
    summary: 'vCPUs and memory (current and maximum)',
    args: [VM_ARG],
    flags: [
      { name: 'cpus', value: 'N', help: 'vCPUs (live up to the maximum)' },
      { name: 'max-cpus', value: 'N', help: 'maximum vCPUs (definition only)' },
      { name: 'memory', value: 'SIZE', help: 'memory, e.g. 1536M (live up to the maximum, with a balloon driver)' },
      { name: 'max-memory', value: 'SIZE', help: 'maximum memory (definition only)' },
      ...SCOPE,
    ],
    details: SCOPE_DETAILS,
    load: from(code, 'set'),
  },
  diskGroup,
  cdromGroup,
  nicGroup,
  {
    name: 'boot',
    summary: 'boot order and boot menu (from the next boot)',
    args: [VM_ARG],
    flags: [
      { name: 'order', value: 'DEV,…', help: `device kinds in boot order, of ${BOOT_DEVICES.join(', ')}` },
      { name: 'devices', value: 'ID,…', help: 'single devices in boot order: disk targets (vda, sdb) and NIC MACs' },
      { name: 'menu', value: 'on|off', choices: ['on', 'off'], help: "the firmware's boot menu" },
    ],
    details: 'Give --order (by kind) or --devices (per device, <boot order=N/>); either replaces the other.',
    load: from(code, 'boot'),
  },
  {
    name: 'devices',
    summary: 'graphics (VNC), serial console, guest agent and clipboard channels: present or not',
    args: [VM_ARG],
    flags: [
      { name: 'graphics', value: 'vnc|none', choices: ['vnc', 'none'], help: 'a VNC display, or no graphics and no video card' },
      { name: 'serial', value: 'on|off', choices: ['on', 'off'], help: 'a serial port with its console' },
      { name: 'agent', value: 'on|off', choices: ['on', 'off'], help: 'the QEMU guest agent channel (IPs, graceful shutdown)' },
      { name: 'clipboard', value: 'on|off', choices: ['on', 'off'], help: 'the qemu-vdagent channel: copy and paste in the VNC console (spice-vdagent in the guest)' },
      ...SCOPE,
    ],
    details: `Graphics and serial change in the definition only (from the next boot); the agent and clipboard\nchannels are hot-plugged where libvirt can. ${SCOPE_DETAILS}`,
    load: from(code, 'devices'),
  },
  { name: 'autostart', summary: 'start the VM when its host boots', args: [VM_ARG], flags: [{ name: 'off', help: 'no longer' }], load: from(code, 'autostart') },
  { name: 'rename', summary: 'rename a shut-off VM (its tags, address reservations and records follow)', args: [VM_ARG, { name: 'NEWNAME' }], load: from(code, 'rename') },
];
