// Reads one domain's live facts into a VmSnapshot: info, XML (disks, NICs), autostart, persistence, IPs.
import type { DiskInfo, NicInfo } from '../../../shared/model/vm.js';
import type { VmSnapshot } from '../../inventory/types.js';
import type { LibvirtApi } from '../../libvirt/api.js';
import { InterfaceAddressSource, type DomainRef } from '../../libvirt/protocol/index.js';
import { DomainXml } from '../../libvirt/xml/domain.js';

const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

export function disksOf(xml: DomainXml): DiskInfo[] {
  return xml.disks.map((d) => ({
    target: d.targetDev ?? '',
    device: d.device ?? 'disk',
    source: d.sourceFile ?? d.sourceDev ?? (d.sourcePool && d.sourceVolume ? `${d.sourcePool}/${d.sourceVolume}` : null) ??
      (d.sourceProtocol ? `${d.sourceProtocol}:${d.sourceName ?? ''}` : null),
    format: d.driverType,
    bus: d.targetBus,
  }));
}

export function nicsOf(xml: DomainXml): NicInfo[] {
  return xml.interfaces.map((n) => ({
    mac: (n.mac ?? '').toLowerCase(),
    type: n.type ?? 'unknown',
    source: n.sourceNetwork ?? n.sourceBridge ?? n.sourceDev ?? null,
    model: n.model,
    ips: [],
  }));
}

/** True when the live XML says the guest agent is connected (so an agent query answers, not hangs). */
function agentConnected(xml: DomainXml): boolean {
  return xml.channels.some((c) => c.targetName === AGENT_CHANNEL && c.targetState === 'connected');
}

/** Attaches addresses to NICs by MAC; returns all addresses (CIDR form). */
async function readIps(lv: LibvirtApi, dom: DomainRef, xml: DomainXml, nics: NicInfo[]): Promise<string[]> {
  const sources: number[] = [InterfaceAddressSource.LEASE];
  if (agentConnected(xml)) sources.unshift(InterfaceAddressSource.AGENT);
  const all = new Set<string>();
  for (const source of sources) {
    const ifaces = await lv.domainInterfaceAddresses(dom, source).catch(() => []);
    for (const iface of ifaces) {
      const nic = nics.find((n) => n.mac === (iface.hwaddr ?? '').toLowerCase());
      for (const a of iface.addrs) {
        if (a.addr.startsWith('127.') || a.addr === '::1' || a.addr.startsWith('fe80:')) continue;
        const cidr = `${a.addr}/${a.prefix}`;
        if (nic && !nic.ips.includes(cidr)) nic.ips.push(cidr);
        if (nic) all.add(cidr);
      }
    }
    if (all.size > 0) break;
  }
  return [...all];
}

export async function readSnapshot(lv: LibvirtApi, dom: DomainRef): Promise<VmSnapshot> {
  const [info, xmlText, autostart, persistent] = await Promise.all([
    lv.domainGetInfo(dom),
    lv.domainGetXmlDesc(dom),
    lv.domainGetAutostart(dom),
    lv.domainIsPersistent(dom),
  ]);
  const xml = DomainXml.parse(xmlText);
  const nics = nicsOf(xml);
  const ips = info.state === 'running' ? await readIps(lv, dom, xml, nics) : [];
  return {
    name: dom.name,
    uuid: dom.uuid,
    state: info.state,
    vcpus: info.nrVirtCpu,
    memoryMiB: Math.round(info.maxMemKiB / 1024),
    autostart,
    persistent,
    disks: disksOf(xml),
    nics,
    ips,
  };
}
