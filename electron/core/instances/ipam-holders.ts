// Who holds which address of a network, from every source at the time of asking: inventory VMs' IPs (all hosts: a
// bridged LAN spans hosts), the reservations the host keeps (any home's: shown with who made them), live guest-agent
// reports and DHCP leases of the host.
import type { HolderSource, IpamConfig } from '../../../shared/model/instance.js';
import type { StoredReservation } from '../../inventory/instance-store.js';
import type { StoredVm } from '../../inventory/types.js';
import type { LibvirtConnection } from '../../libvirt/connection.js';
import { InterfaceAddressSource, ListDomainsFlags } from '../../libvirt/protocol/index.js';
import { holderName } from '../ipam/host-record.js';
import type { AddressHolder } from '../ipam/index.js';
import { parseIpv4 } from '../net/ipv4.js';

export interface HolderFacts {
  vms: readonly StoredVm[];
  reservations: readonly StoredReservation[];
  agents: ReadonlyArray<{ vm: string; ip: string }>;
  leases: ReadonlyArray<{ ipaddr: string; hostname?: string | null; mac?: string | null }>;
}

/**
 * Every holder, each address without its prefix. A VM's reservation names the VM as the inventory knows it now (by
 * uuid: a rename, here or by another home, shows at once); one reserved by hand names what it is for.
 */
export function gatherHolders(config: IpamConfig, facts: HolderFacts): AddressHolder[] {
  const out: AddressHolder[] = [];
  const add = (ip: string, holder: string, source: HolderSource) => out.push({ ip: ip.split('/')[0] ?? ip, holder, source });
  for (const vm of facts.vms) for (const ip of vm.ips) add(ip, `${vm.host}/${vm.name}`, 'inventory');
  for (const r of facts.reservations) {
    const vmName = (r.vmUuid && facts.vms.find((v) => v.host === r.host && v.uuid === r.vmUuid)?.name) || r.vmName;
    out.push({ ip: r.ip, holder: holderName(r.host, { vmName, note: r.note ?? null, by: r.by ?? '' }), source: 'reservation', ...(r.by ? { by: r.by } : {}) });
  }
  for (const a of facts.agents) add(a.ip, `${config.host}/${a.vm}`, 'guest-agent');
  for (const l of facts.leases) add(l.ipaddr, `${config.host}/${l.hostname ?? l.mac ?? 'lease'}`, 'dhcp-lease');
  return out;
}

/** Addresses the guest agents of the host's running domains report (domains without an agent say nothing). */
export async function agentAddresses(lv: LibvirtConnection): Promise<Array<{ vm: string; ip: string }>> {
  const doms = await lv.listAllDomains(ListDomainsFlags.ACTIVE);
  const per = await Promise.all(
    doms.map(async (d) => {
      const ifaces = await lv.domainInterfaceAddresses(d, InterfaceAddressSource.AGENT).catch(() => []);
      return ifaces.flatMap((i) => i.addrs.filter((a) => a.type === 'ipv4' && a.addr !== '127.0.0.1').map((a) => ({ vm: d.name, ip: a.addr })));
    }),
  );
  return per.flat();
}

export function rangesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  const n = (s: string) => {
    const p = parseIpv4(s);
    return p.ok ? p.value : NaN;
  };
  return n(a.start) <= n(b.end) && n(b.start) <= n(a.end);
}
