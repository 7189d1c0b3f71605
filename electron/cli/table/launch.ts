// virtdeck launch, seed: cloud-init instances
import { DNS_FLAGS, JSON_FLAG, from } from './common.js';
import type { CommandDef, FlagDef } from './types.js';

/** The login user of a new instance (launch and seed). */
export const USER_FLAGS: readonly FlagDef[] = [
  { name: 'user', value: 'NAME', help: "login user (launch: default the image's user)" },
  { name: 'ssh-key', value: 'FILE', repeat: true, complete: 'file', help: 'public key file(s) (default ~/.ssh/*.pub)' },
  { name: 'password-hash', value: 'HASH', help: 'crypt(3) password hash (mkpasswd -m sha-512)' },
  { name: 'password-stdin', help: 'read a password from stdin; only its SHA-512 crypt hash, made here, is used' },
  { name: 'user-data', value: 'FILE', complete: 'file', help: 'more cloud-config, merged in' },
];

export const launchCommand: CommandDef = {
  name: 'launch',
  summary: 'create and boot a cloud-init instance (a task; everything rolls back on failure)',
  args: [{ name: 'HOST|auto', complete: 'host' }, { name: 'NAME' }],
  flags: [
    { name: 'image', value: 'NAME', required: true, help: 'registered image (virtdeck image list)' },
    { name: 'flavor', value: 'NAME', help: 'size by flavor…' },
    { name: 'cpus', value: 'N', help: '…or vCPUs,' },
    { name: 'memory', value: 'SIZE', help: 'memory' },
    { name: 'disk', value: 'SIZE', help: 'and disk' },
    { name: 'network', value: 'NAME', required: true, help: 'network or host bridge' },
    { name: 'ip', value: 'CIDR|auto|dhcp', help: 'address (default auto: the next free one of the IPAM range)' },
    ...USER_FLAGS,
    { name: 'virt-type', value: 'TYPE', choices: ['kvm', 'qemu'], help: "domain type (default: the host's)" },
    { name: 'count', value: 'N', help: 'launch N instances, one after the other, named by NAME with {n} = 1…N (e.g. web-{n})' },
    { name: 'wait', help: 'wait until cloud-init has finished' },
    { name: 'timeout', value: 'SEC', help: 'with --wait: give up after this long' },
    { name: 'check', help: 'only validate: every problem with its field' },
    { name: 'preview', help: 'print user-data, meta-data, network-config and the domain XML; create nothing' },
    JSON_FLAG,
  ],
  details:
    'HOST auto: the host with the most room (chosen again for each of --count N). Size: --flavor NAME, or all of\n' +
    '--cpus, --memory and --disk. With --count, --ip is auto or dhcp; a failed launch stops the rest.',
  load: from(() => import('../commands/launch.js'), 'launch'),
};

export const seedCommand: CommandDef = {
  name: 'seed',
  summary: 'write a NoCloud seed ISO locally (no host involved)',
  flags: [
    { name: 'out', value: 'FILE', required: true, complete: 'file', help: 'ISO to write (never overwritten)' },
    { name: 'hostname', value: 'NAME', required: true, help: 'guest hostname' },
    { name: 'fqdn', value: 'NAME', help: 'fully qualified name' },
    { name: 'ip', value: 'CIDR', help: 'static address (needs --gateway and --mac); default DHCP' },
    { name: 'gateway', value: 'IP', help: 'default gateway' },
    ...DNS_FLAGS,
    { name: 'mac', value: 'MAC', help: 'the NIC network-config applies to' },
    ...USER_FLAGS,
  ],
  load: from(() => import('../commands/seed.js'), 'seed'),
};
