// virtdeck net list|define|start|stop|autostart|delete|leases|ipam (set|show|reserve|release|rm)
import { NETWORK_MODES } from '../../../shared/model/network.js';
import { AUTOSTART_FLAG, DNS_FLAGS, HOST_ARG, HOST_FILTER, JSON_FLAG, autostartCommand, from } from './common.js';
import type { ArgDef, GroupDef } from './types.js';

const code = () => import('../commands/net.js');
const ipam = () => import('../commands/net-ipam.js');
const NET_ARG: ArgDef = { name: 'HOST/NET' };
const IPAM_ARG: ArgDef = { name: 'HOST/NETWORK' };

const ipamGroup: GroupDef = {
  name: 'ipam',
  summary: "VirtDeck's address plan of a network or host bridge (static addresses for launches)",
  commands: [
    {
      name: 'set',
      summary: 'set the subnet, gateway, DNS and the range VirtDeck hands out',
      args: [IPAM_ARG],
      flags: [
        { name: 'cidr', value: 'CIDR', required: true, help: 'subnet, e.g. 10.1.2.0/24' },
        { name: 'gateway', value: 'IP', required: true, help: 'default gateway of the guests' },
        ...DNS_FLAGS,
        { name: 'range', value: 'A-B', help: 'addresses to hand out (default: the whole subnet)' },
        { name: 'reserve', value: 'IP,…', help: 'addresses never handed out' },
      ],
      details: 'NETWORK: a libvirt network or a host bridge.',
      load: from(ipam, 'set'),
    },
    {
      name: 'show',
      summary: 'addresses with who holds them',
      args: [IPAM_ARG],
      flags: [{ name: 'all', help: 'free addresses too' }, JSON_FLAG],
      load: from(ipam, 'show'),
    },
    {
      name: 'reserve',
      summary: 'hold an address by hand (a printer, an appliance) on the host, for every VirtDeck',
      args: [IPAM_ARG, { name: 'IP' }],
      flags: [{ name: 'for', value: 'TEXT', help: 'what the address is for (kept as typed)' }],
      details:
        'IP: an address of the network, or "auto" for the lowest free one. The reservation is a file on the host that owns the network, made by an exclusive create: two VirtDecks never get one address. Refused while that host is offline.',
      load: from(ipam, 'reserve'),
    },
    {
      name: 'release',
      summary: 'free an address reserved by hand (a VM\'s address goes with its NIC or the VM)',
      args: [IPAM_ARG, { name: 'IP' }],
      load: from(ipam, 'release'),
    },
    { name: 'rm', aliases: ['delete'], summary: 'forget the address plan of a network', args: [IPAM_ARG], load: from(ipam, 'remove') },
  ],
};

export const netGroup: GroupDef = {
  name: 'net',
  summary: 'virtual networks: NAT, routed, isolated, open, host bridge',
  commands: [
    { name: 'list', aliases: ['ls'], summary: 'networks with address, DHCP range and bridge', flags: [HOST_FILTER, JSON_FLAG], load: from(code, 'list') },
    {
      name: 'define',
      summary: 'define a network (a range that overlaps another network of the host is refused)',
      args: [HOST_ARG, { name: 'NAME' }],
      flags: [
        { name: 'mode', value: 'MODE', choices: NETWORK_MODES, required: true, help: 'forward mode' },
        { name: 'cidr', value: 'CIDR', help: "the host's address and prefix on it, e.g. 10.1.2.1/24" },
        { name: 'dhcp-range', value: 'A-B', help: 'DHCP range (default: the upper half of the subnet)' },
        { name: 'no-dhcp', help: 'no DHCP server' },
        { name: 'dhcp-host', value: 'MAC,IP[,NAME]', repeat: true, help: 'a fixed DHCP address' },
        { name: 'bridge', value: 'BR', help: 'bridge name (mode bridge: the existing host bridge)' },
        { name: 'forward-dev', value: 'DEV', help: 'host NIC the traffic leaves by' },
        AUTOSTART_FLAG,
        { name: 'start', help: 'start it now' },
      ],
      load: from(code, 'define'),
    },
    { name: 'start', summary: 'start a network', args: [NET_ARG], load: from(code, 'action') },
    { name: 'stop', summary: 'stop a network', args: [NET_ARG], load: from(code, 'action') },
    autostartCommand('network', NET_ARG, from(code, 'action')),
    { name: 'delete', aliases: ['rm'], summary: 'stop a network and remove its definition', args: [NET_ARG], load: from(code, 'remove') },
    { name: 'leases', summary: 'DHCP leases of a network', args: [NET_ARG], flags: [JSON_FLAG], load: from(code, 'leases') },
    ipamGroup,
  ],
};
