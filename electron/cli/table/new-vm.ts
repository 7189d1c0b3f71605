// virtdeck vm create, host caps, os list (New VM)
import { FIRMWARES, VIRT_TYPES } from '../../../shared/model/new-vm.js';
import { HOST_ARG, JSON_FLAG, from } from './common.js';
import type { CommandDef, GroupDef } from './types.js';

const code = () => import('../commands/new-vm.js');

export const vmCreateCommand: CommandDef = {
  name: 'create',
  summary: 'a new VM from an ISO, an existing disk, the network (PXE) or nothing (a task; rolls back on failure)',
  args: [HOST_ARG, { name: 'NAME' }],
  flags: [
    { name: 'cdrom', value: 'POOL/VOL|URL', help: 'install from this ISO (boots from it first; a blank disk is made); a URL is downloaded on the host into --pool' },
    { name: 'sha256', value: 'HEX', help: 'with --cdrom URL: the download must have this SHA-256 (checked on the host; removed when not)' },
    { name: 'import', value: 'POOL/VOL|PATH', help: 'boot an existing disk (format detected; no new disk)' },
    { name: 'convert', value: 'FORMAT', choices: ['qcow2'], help: 'with --import of a vmdk/vdi/raw disk: copy it into a new qcow2 volume NAME.qcow2 in --pool first (the original is kept)' },
    { name: 'pxe', help: 'boot from the network (a blank disk is made)' },
    { name: 'no-media', help: 'define only, with a blank disk' },
    { name: 'os', value: 'ID', help: 'OS preset (virtdeck os list; default generic)' },
    { name: 'cpus', value: 'N', help: "vCPUs (default the preset's)" },
    { name: 'memory', value: 'SIZE', help: "memory (default the preset's)" },
    { name: 'disk', value: 'SIZE', help: "blank disk size (default the preset's; 0: none)" },
    { name: 'pool', value: 'POOL', help: 'pool of the blank disk (default "default")' },
    { name: 'network', value: 'NET', repeat: true, help: 'libvirt network, one NIC each (default "default")' },
    { name: 'firmware', value: 'FW', choices: [...FIRMWARES], help: "bios, uefi or uefi-secure (default the preset's)" },
    { name: 'tpm', help: 'emulated TPM 2.0 (swtpm)' },
    { name: 'drivers', value: 'POOL/VOL', help: 'Windows: the virtio-win ISO as a second CD-ROM (virtio disk and NIC then)' },
    { name: 'virt-type', value: 'TYPE', choices: [...VIRT_TYPES], help: "domain type (default: the host's)" },
    { name: 'start', help: 'start it once defined' },
    { name: 'check', help: 'only check: every problem, then the domain XML; defines nothing' },
    JSON_FLAG,
  ],
  details: 'Exactly one of --cdrom, --import, --pxe, --no-media. Refused before anything is made when the ISO or disk is\n' +
    'missing, the disk does not fit the pool, a network is missing, the name is taken, or the firmware/TPM/virt type is\n' +
    'not on the host (see virtdeck host caps). Memory above what the host has free is a warning.\n' +
    '--cdrom URL: the host downloads the ISO with curl or wget (refused when it has neither) into the pool as a new\n' +
    'volume named by the URL\'s file; with --sha256 a download with another checksum is removed. --convert qcow2: libvirt\n' +
    'copies the imported disk into a new qcow2 volume (qemu-img convert on the host) and the VM boots that.',
  load: from(code, 'create'),
};

export const hostCapsCommand: CommandDef = {
  name: 'caps',
  summary: 'what the host can run: firmware (BIOS, UEFI, Secure Boot), TPM, machine types, CPU models, virt types',
  args: [HOST_ARG],
  flags: [JSON_FLAG],
  load: from(code, 'caps'),
};

export const osGroup: GroupDef = {
  name: 'os',
  summary: 'OS presets for new VMs',
  commands: [
    {
      name: 'list',
      aliases: ['ls'],
      summary: "the built-in presets; with --host, also the host's libosinfo OS ids when it has osinfo-query",
      flags: [{ name: 'host', value: 'NAME', complete: 'host', help: 'also ask this host' }, JSON_FLAG],
      load: from(code, 'osList'),
    },
  ],
};
