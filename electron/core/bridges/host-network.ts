// What a host runs for networking and which NICs it has: one fixed script over exec, parsed here.
import type { HostNetworkInfo, HostNic, NetworkStack } from '../../../shared/model/bridge.js';

/** Prints the stack, $SSH_CONNECTION and `ip -j -d addr`, separated by @@ lines. No arguments. */
export const DETECT_SCRIPT = `
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/sbin/$1" ] || [ -x "/usr/sbin/$1" ]; }
echo @@stack
if ls /etc/netplan/*.yaml >/dev/null 2>&1; then echo netplan
elif has nmcli && [ "$(nmcli -t -f RUNNING general 2>/dev/null)" = running ]; then echo networkmanager
elif has networkctl && networkctl list >/dev/null 2>&1; then echo systemd-networkd
elif [ -f /etc/network/interfaces ] && has ifup; then echo ifupdown
else echo unknown; fi
echo @@ssh
printf '%s\\n' "\${SSH_CONNECTION:-}"
echo @@addr
ip -j -d addr show
`;

interface IpAddrJson {
  ifname: string;
  link_type?: string;
  address?: string;
  operstate?: string;
  master?: string;
  linkinfo?: { info_kind?: string };
  addr_info?: Array<{ family: string; local: string; prefixlen: number }>;
}

function sections(out: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of out.split(/^@@/m).slice(1)) {
    const nl = part.indexOf('\n');
    map.set(part.slice(0, nl).trim(), part.slice(nl + 1));
  }
  return map;
}

export function parseHostNetwork(host: string, out: string): HostNetworkInfo {
  const s = sections(out);
  const stackText = (s.get('stack') ?? '').trim();
  const stacks: NetworkStack[] = ['networkmanager', 'netplan', 'systemd-networkd', 'ifupdown'];
  const stack = stacks.find((x) => x === stackText) ?? 'unknown';
  // SSH_CONNECTION = "client-ip client-port server-ip server-port": the server ip is on the NIC that carries us.
  const sshServerAddress = (s.get('ssh') ?? '').trim().split(/\s+/)[2] ?? null;
  const links = JSON.parse((s.get('addr') ?? '[]').trim() || '[]') as IpAddrJson[];
  const nics: HostNic[] = links.map((l) => {
    const addrs = (l.addr_info ?? []).filter((a) => a.family === 'inet' || a.family === 'inet6');
    return {
      name: l.ifname,
      kind: l.linkinfo?.info_kind ?? (l.link_type === 'loopback' ? 'loopback' : l.link_type === 'ether' ? 'ethernet' : (l.link_type ?? 'unknown')),
      mac: l.link_type === 'ether' ? (l.address ?? null) : null,
      state: (l.operstate ?? 'unknown').toLowerCase(),
      master: l.master ?? null,
      addresses: addrs.map((a) => `${a.local}/${a.prefixlen}`),
      carriesSsh: sshServerAddress !== null && addrs.some((a) => a.local === sshServerAddress),
    };
  });
  return { host, stack, nics, sshServerAddress };
}
