// virtdeck host add|list|rm|test
import { HOST_ARG, JSON_FLAG, from } from './common.js';
import { hostCapsCommand } from './new-vm.js';
import type { GroupDef } from './types.js';

const code = () => import('../commands/host.js');

export const hostGroup: GroupDef = {
  name: 'host',
  summary: 'configured KVM hosts (SSH or this machine)',
  commands: [
    {
      name: 'add',
      summary: 'add a host and connect it once to check it works',
      args: [{ name: 'NAME' }],
      flags: [
        { name: 'ssh', value: '[USER@]HOST[:PORT]', help: 'reach the host over SSH (~/.ssh/config applies)' },
        { name: 'local', help: "this machine's libvirtd, no SSH" },
        { name: 'uri', value: 'URI', help: 'libvirt URI on the host (default qemu:///system; local: qemu+unix:///system?socket=PATH)' },
        { name: 'identity', value: 'FILE', complete: 'file', help: 'SSH private key' },
        { name: 'jump', value: 'HOST', help: 'SSH jump host (ProxyJump)' },
        { name: 'known-hosts', value: 'FILE', complete: 'file', help: 'known_hosts file (default ~/.ssh/known_hosts)' },
        { name: 'accept-new-host-key', help: 'trust and record a host key seen for the first time' },
        { name: 'virt-type', value: 'TYPE', choices: ['kvm', 'qemu'], help: 'domain type for new VMs (qemu: no /dev/kvm)' },
        JSON_FLAG,
      ],
      details: 'Give --ssh or --local. An unknown host key is refused with its SHA256 fingerprint until you re-run\nwith --accept-new-host-key; a changed key is always refused.',
      load: from(code, 'add'),
    },
    {
      name: 'list',
      aliases: ['ls'],
      summary: 'hosts with their status (connects each to find out)',
      flags: [JSON_FLAG],
      load: from(code, 'list'),
    },
    { name: 'rm', aliases: ['remove'], summary: 'forget a host (its VMs are not touched)', args: [HOST_ARG], load: from(code, 'remove') },
    {
      name: 'test',
      summary: 'connect and report hostname, libvirt version, channel and latency',
      args: [HOST_ARG],
      flags: [JSON_FLAG],
      load: from(code, 'test'),
    },
    {
      name: 'stats',
      summary: "CPU %, memory, pool fill, VMs by state, versions, uptime and load (libvirt's node calls)",
      args: [{ ...HOST_ARG, optional: true }],
      flags: [JSON_FLAG],
      details: 'Without HOST: every host. CPU % is measured over half a second (or since the previous call, when recent).',
      load: from(() => import('../commands/monitor.js'), 'hostStats'),
    },
    hostCapsCommand,
    {
      name: 'evacuate',
      summary: 'move every running VM of a host to the others (most free memory first); a VM that cannot move stays, with why',
      args: [HOST_ARG],
      flags: [
        { name: 'to', value: 'HOST[,HOST]', help: 'only these hosts may take VMs (default: every other online host)' },
        { name: 'include-stopped', help: 'also move the shut-off VMs (their volumes are copied)' },
        JSON_FLAG,
      ],
      load: from(() => import('../commands/migrate.js'), 'evacuate'),
    },
  ],
};
